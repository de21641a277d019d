"""The year's work plan (工作要点) and its task ledger (任务分工表): plans, parts, items, tasks, progress reports.

State changes go through ``services.py``. A task's owner units are rows of ``TaskUnit`` (role 牵头/责任); the
names as written in the document, with what the resolver made of them, stay in ``Task.unit_names`` so the
reviewer sees every unmatched name next to the task.
"""

from django.conf import settings
from django.db import models

from gongkai.common.storage import private_storage


class PlanState(models.TextChoices):
    DRAFT = "draft", "草稿（待核对）"
    PUBLISHED = "published", "已发布"
    ARCHIVED = "archived", "已归档"


class Cycle(models.TextChoices):
    """Reporting cycle (报送周期) set by the plan: 周反馈、月整改、季通报."""

    WEEKLY = "weekly", "每周"
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "进行中"
    DONE = "done", "已完成"
    OVERDUE = "overdue", "逾期"
    ONGOING = "ongoing", "持续推进中"


class UnitRole(models.TextChoices):
    LEAD = "lead", "牵头"
    RESPONSIBLE = "responsible", "责任"


class WorkPlan(models.Model):
    """工作要点: one county document for one year."""

    year = models.PositiveIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    issuer = models.CharField("印发机关", max_length=100, blank=True)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    date = models.DateField("成文日期", null=True, blank=True)
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    source_kind = models.CharField("文件格式", max_length=10, blank=True)
    # Private (never under /media/): an uploaded 工作要点 may be HTML; staff read it through the app only.
    source_file = models.FileField(
        "原文件", upload_to="workplan/sources/%Y/", blank=True, storage=private_storage
    )
    source_sha256 = models.CharField(max_length=64, blank=True)
    state = models.CharField("状态", max_length=10, choices=PlanState.choices, default=PlanState.DRAFT)
    cycle = models.CharField("报送周期", max_length=10, choices=Cycle.choices, default=Cycle.MONTHLY)
    warnings = models.JSONField("提取提示", default=list, blank=True)
    stats = models.JSONField("提取统计", default=dict, blank=True)
    preamble = models.TextField("前言", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    demo_key = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = verbose_name_plural = "工作要点"

    def __str__(self):
        return self.title

    def snapshot(self) -> dict:
        return {
            "year": self.year,
            "title": self.title,
            "state": self.state,
            "cycle": self.cycle,
            "doc_number": self.doc_number,
        }


class PlanPart(models.Model):
    """部分: ``一、提升信息公开质量…``."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="parts")
    number = models.CharField(max_length=10, blank=True)
    heading = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)
    weight = models.DecimalField("权重", max_digits=6, decimal_places=2, default=1)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.number}、{self.heading}" if self.number else self.heading


class PlanItem(models.Model):
    """条目 (目标任务): ``（一）聚焦高质量发展推动信息公开``."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="items")
    part = models.ForeignKey(PlanPart, null=True, blank=True, on_delete=models.CASCADE, related_name="items")
    path = models.JSONField(default=list)
    number = models.CharField(max_length=10, blank=True)
    heading = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    annotation = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    weight = models.DecimalField("权重", max_digits=6, decimal_places=2, default=1)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.number}{self.heading}"


class Task(models.Model):
    """任务: one row of the 分工表."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="tasks")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="tasks")
    seq = models.PositiveIntegerField("序号", default=1)
    order = models.PositiveIntegerField(default=0)
    text = models.TextField("任务内容")
    source_sentence = models.TextField("原文", blank=True)
    units = models.ManyToManyField("orgs.Unit", through="TaskUnit", related_name="workplan_tasks")
    # The names as written, with the resolver's reading: [{text, role, kind, unit_ids, group, pick_required,
    # candidates: [{id, name}], fixed}] — unmatched ones are what the reviewer fixes.
    unit_names = models.JSONField(default=list, blank=True)
    deadline = models.DateField("完成时限", null=True, blank=True)
    deadline_text = models.CharField("工作时限（原文）", max_length=100, blank=True)
    recurrence = models.CharField("周期要求", max_length=30, blank=True)
    count = models.JSONField("次数要求", null=True, blank=True)
    time_limit_days = models.PositiveIntegerField("工作日时限", null=True, blank=True)
    indicators = models.JSONField("量化指标", default=list, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    weight = models.DecimalField("权重", max_digits=6, decimal_places=2, default=1)
    done_at = models.DateField("完成日期", null=True, blank=True)
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )

    class Meta:
        ordering = ["item__order", "order", "id"]
        verbose_name = verbose_name_plural = "任务"

    def __str__(self):
        return f"{self.plan.year}年任务{self.seq}：{self.text[:40]}"

    def snapshot(self) -> dict:
        return {
            "text": self.text,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_text": self.deadline_text,
            "status": self.status,
            "units": sorted((tu.unit_id, tu.role) for tu in self.task_units.all()),
        }


class TaskUnit(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="task_units")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="workplan_task_units")
    role = models.CharField(max_length=12, choices=UnitRole.choices, default=UnitRole.RESPONSIBLE)

    class Meta:
        ordering = ["role", "unit__sort_order", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="workplan_taskunit_unique")]

    def __str__(self):
        return f"{self.unit_id}:{self.role}"


class ProgressReport(models.Model):
    """进展报送: what a unit did on a task, with evidence."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField("报送日期")
    text = models.TextField("进展情况")
    percent = models.PositiveSmallIntegerField("完成进度（%）", default=0)
    # Private, named by the sniffed type (``t<task>.pdf``), served as an attachment by ``views.evidence`` only.
    evidence_file = models.FileField(
        "佐证材料", upload_to="workplan/evidence/%Y/", blank=True, storage=private_storage
    )
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    evidence_link = models.URLField("佐证链接", max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = verbose_name_plural = "进展报送"

    def __str__(self):
        return f"{self.unit} {self.date} {self.percent}%"
