"""Tables of the registers (工作台账) behind the assessment: trainings, leader hearings, policy-effect evaluations,
信息报送 / 政能亮 submissions, 优秀案例 and supervision records (通报批评、约谈、督查). Each row belongs to one unit
(``unit``): staff see their own units' rows, the openness office every unit's."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from gongkai.common.storage import private_storage
from gongkai.orgs.models import Unit

from .vocab import (
    CaseLevel,
    Conclusion,
    HearingKind,
    SubmissionKind,
    SupervisionKind,
    TrainingForm,
)

_USER = settings.AUTH_USER_MODEL


class Training(models.Model):
    """培训: organised by ``unit``, attended by units (``attendances``), with materials."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="组织单位")
    held_on = models.DateField("培训日期")
    topic = models.CharField("培训主题", max_length=200)
    form = models.CharField("培训形式", max_length=20, choices=TrainingForm.choices)
    trainer = models.CharField("授课人", max_length=100, blank=True)
    note = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    demo_key = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = verbose_name_plural = "培训"

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("registers:training", args=[self.pk])

    @property
    def attendee_total(self) -> int:
        return sum(a.count for a in self.attendances.all())


class TrainingAttendance(models.Model):
    """参训单位: how many people of one unit attended (names optional)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendances")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="参训单位")
    count = models.PositiveIntegerField("参训人数")
    names = models.CharField("参训人员", max_length=500, blank=True)

    class Meta:
        ordering = ["unit__sort_order", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["training", "unit"], name="registers_attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit}：{self.count}人"


class TrainingMaterial(models.Model):
    """培训材料 (课件、签到表、照片): a stored file, private, downloaded through the register's view."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(upload_to="registers/trainings/%Y/", storage=private_storage)
    name = models.CharField("文件名", max_length=200)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class TrainingTask(models.Model):
    """A training counted towards a work-points task (工作要点任务, e.g. “至少组织2次培训”) of its unit."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="task_links")
    task = models.ForeignKey("workplan.Task", on_delete=models.CASCADE, related_name="+")
    linked_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["training", "task"], name="registers_training_task_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.training} → 任务{self.task_id}"


class Hearing(models.Model):
    """听取汇报 / 专题研究: a leaders' meeting that heard or studied the openness work."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    kind = models.CharField("类型", max_length=20, choices=HearingKind.choices)
    meeting = models.CharField("会议名称", max_length=200)
    held_on = models.DateField("会议日期")
    leaders = models.CharField("出席领导", max_length=300)
    topics = models.TextField("研究议题")
    minutes_file = models.FileField(upload_to="registers/hearings/%Y/", storage=private_storage, blank=True)
    minutes_name = models.CharField("会议纪要", max_length=200, blank=True)
    minutes_sha256 = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    demo_key = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = verbose_name_plural = "听取汇报"

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.meeting}"


class Evaluation(models.Model):
    """政策实施效果评价 of a policy document (policies) or a major decision (participation)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="评价单位")
    policy = models.ForeignKey(
        "policies.PolicyDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.ForeignKey(
        "participation.Decision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_title = models.CharField("评价对象", max_length=300)
    done_on = models.DateField("评价完成日期")
    standards = models.TextField("执行标准", blank=True)
    coverage = models.TextField("适用范围", blank=True)
    results = models.TextField("取得成效", blank=True)
    problems = models.TextField("存在问题", blank=True)
    methods = models.JSONField("评价方法", default=list)
    findings = models.TextField("评价结论说明")
    conclusion = models.CharField("评价结论", max_length=20, choices=Conclusion.choices)
    amending_policy = models.ForeignKey(
        "policies.PolicyDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    relation = models.ForeignKey(
        "policies.PolicyRelation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result_link = models.CharField("评价结果公开地址", max_length=500, blank=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    demo_key = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["-done_on", "-id"]
        verbose_name = verbose_name_plural = "政策实施效果评价"

    def __str__(self) -> str:
        return f"{self.subject_title}（{self.get_conclusion_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("registers:evaluation", args=[self.pk])

    def method_labels(self) -> str:
        from .vocab import EvaluationMethod

        names = dict(EvaluationMethod.choices)
        return "、".join(names.get(m, m) for m in self.methods)


class Submission(models.Model):
    """信息报送 / 政能亮 article sent to an outlet, and whether the outlet adopted (采用) it."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="报送单位")
    kind = models.CharField("类别", max_length=10, choices=SubmissionKind.choices)
    title = models.CharField("标题", max_length=300)
    outlet = models.CharField("报送渠道（刊物、网站）", max_length=200)
    submitted_on = models.DateField("报送日期")
    adopted = models.BooleanField("已采用", default=False)
    adopted_on = models.DateField("采用日期", null=True, blank=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    demo_key = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = verbose_name_plural = "信息报送"

    def __str__(self) -> str:
        return self.title


class Case(models.Model):
    """优秀案例: a unit's practice selected or promoted as an example."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    title = models.CharField("案例名称", max_length=300)
    level = models.CharField("层级", max_length=20, choices=CaseLevel.choices)
    issuer = models.CharField("评选或推广机关", max_length=200)
    recognised_on = models.DateField("入选日期")
    summary = models.TextField("案例简介", blank=True)
    link = models.CharField("链接", max_length=500, blank=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    demo_key = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["-recognised_on", "-id"]
        verbose_name = verbose_name_plural = "优秀案例"

    def __str__(self) -> str:
        return self.title


class SupervisionRecord(models.Model):
    """通报批评 / 约谈 / 督查发现问题 against a unit, with its rectification deadline in working days (statutory
    calendar) and its completion."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="被督查单位")
    kind = models.CharField("类型", max_length=20, choices=SupervisionKind.choices)
    issued_on = models.DateField("通报日期")
    issuer = models.CharField("通报机关", max_length=200)
    document = models.CharField("文件或会议", max_length=200, blank=True)
    findings = models.TextField("发现问题")
    rectify_workdays = models.PositiveIntegerField("整改时限（工作日）")
    due_on = models.DateField("整改期限")
    due_provisional = models.BooleanField(default=False)
    completed_on = models.DateField("整改完成日期", null=True, blank=True)
    completion_note = models.TextField("整改情况", blank=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    demo_key = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = verbose_name_plural = "督查通报"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.unit}（{self.issued_on:%Y-%m-%d}）"

    def get_absolute_url(self) -> str:
        return reverse("registers:supervision", args=[self.pk])

    def is_overdue(self, today) -> bool:
        """Still open and ``today`` is past the deadline (逾期未整改)."""
        return self.completed_on is None and today > self.due_on

    @property
    def completed_late(self) -> bool:
        """Completed after the deadline (逾期完成)."""
        return self.completed_on is not None and self.completed_on > self.due_on
