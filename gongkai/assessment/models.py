"""Tables of the assessment (政务公开考核): yearly schemes, indicators, periods, frozen scores, manual entries."""

from django.conf import settings
from django.db import models

from gongkai.common.storage import private_storage
from gongkai.core.assessment import AutoRule, Method

from .vocab import Group, IndicatorKind, MethodChoice, PeriodKind, PeriodState


class Scheme(models.Model):
    """考核方案: one per year."""

    year = models.PositiveIntegerField("年度", unique=True)
    title = models.CharField("方案名称", max_length=200)
    weight = models.DecimalField("绩效考核权重（%）", max_digits=5, decimal_places=2)
    bonus_cap = models.DecimalField("加分上限", max_digits=6, decimal_places=2, default=5)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return self.title


class Indicator(models.Model):
    """考核指标: a line of the tree with its points and rule."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="indicators")
    group = models.CharField("类别", max_length=20, choices=Group.choices)
    name = models.CharField("指标", max_length=200)
    kind = models.CharField("计分类别", max_length=12, choices=IndicatorKind.choices)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2, default=0)
    source_key = models.CharField("数据来源", max_length=80, blank=True)
    method = models.CharField("计分方式", max_length=16, choices=MethodChoice.choices, blank=True)
    target = models.FloatField("目标值", null=True, blank=True)
    partial = models.BooleanField("未达目标按比例", default=False)
    per_item = models.FloatField("每项扣分", default=0)
    floor = models.FloatField("扣分下限", default=0)
    required = models.FloatField("应完成数", null=True, blank=True)
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="assessment_indicator_unique_name")
        ]

    def __str__(self):
        return self.name

    def rule(self) -> AutoRule:
        return AutoRule(
            Method(self.method),
            float(self.points),
            target=self.target,
            partial=self.partial,
            per_item=self.per_item,
            floor=self.floor,
            required=self.required,
        )


class Period(models.Model):
    """考核期: a quarter (平时考核) or the year (年终考核)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField("类型", max_length=10, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField("季度", default=0)  # 1–4 for quarters, 0 for the year
    start = models.DateField("起始日")
    end = models.DateField("截止日")
    state = models.CharField("状态", max_length=10, choices=PeriodState.choices, default=PeriodState.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scheme", "start", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "kind", "number"], name="assessment_period_unique")
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return f"{self.scheme.year}年度年终考核"
        return f"{self.scheme.year}年第{self.number}季度平时考核"

    @property
    def short_label(self) -> str:
        return "全年" if self.kind == PeriodKind.YEAR else f"Q{self.number}"

    @property
    def is_closed(self) -> bool:
        return self.state == PeriodState.CLOSED


class Score(models.Model):
    """A unit's score of a period: the snapshot of every line (``lines``), frozen when the period closes."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField("总分", max_digits=7, decimal_places=2)
    base = models.DecimalField("指标得分", max_digits=7, decimal_places=2)
    bonus = models.DecimalField("加分", max_digits=7, decimal_places=2, default=0)
    deduction = models.DecimalField("扣分", max_digits=7, decimal_places=2, default=0)
    max_base = models.DecimalField("指标满分", max_digits=7, decimal_places=2, default=0)
    vetoed = models.JSONField("否决的类别", default=list, blank=True)
    lines = models.JSONField("计分明细", default=list)
    frozen = models.BooleanField("已冻结", default=False)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["period", "-total", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="assessment_score_unique")]

    def __str__(self):
        return f"{self.unit_id}: {self.total}"


class Entry(models.Model):
    """人工评分 / 加分 / 扣分 / 一票否决: an assessor's entry for a unit with evidence, counted once a second
    person confirms it."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="entries")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="entries")
    points = models.DecimalField("分数", max_digits=6, decimal_places=2, default=0)
    reason = models.TextField("理由")
    evidence_file = models.FileField(
        "佐证材料", upload_to="assessment/evidence/%Y/", blank=True, storage=private_storage
    )
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    evidence_link = models.URLField("佐证链接", max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["period", "unit_id", "indicator__order", "id"]
        verbose_name = "评分记录"

    def __str__(self):
        return f"{self.indicator.name}（{self.points}分）"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None
