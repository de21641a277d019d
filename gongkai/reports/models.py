"""Annual reports (政府信息公开工作年度报告): one per unit and year, the county government's own, their published
versions, the reminders sent, and the office's batches of uploaded external reports with their findings."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .vocab import CarriedIn, ReportState, Scope, due_date

USER = settings.AUTH_USER_MODEL


class AnnualReport(models.Model):
    """年报: the tables computed from the platform, the manual inputs of table 二, sections 一–六, the workflow."""

    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="annual_reports", verbose_name="单位"
    )
    year = models.PositiveSmallIntegerField("年度")
    scope = models.CharField("范围", max_length=20, choices=Scope.choices, default=Scope.UNIT)
    state = models.CharField("状态", max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    version = models.PositiveSmallIntegerField("版本", default=1)

    tables = models.JSONField("表格数据", default=dict)  # {"table2": …, "table3": …, "table4": …}
    urls = models.JSONField("数据来源链接", default=dict)  # same shape: the records behind each figure
    carried_in = models.CharField(
        "上年结转来源", max_length=20, choices=CarriedIn.choices, default=CarriedIn.COMPUTED
    )
    manual = models.JSONField("人工填报（表二）", default=dict)  # {"licensing": 12, …, "fees": "3.50"}
    manual_source = models.CharField("人工填报数据来源", max_length=300, blank=True)
    figures = models.JSONField("正文数据", default=dict)  # publishing/policies/foi figures used in the prose
    sections = models.JSONField("正文（一至六）", default=dict)
    sections_edited = models.BooleanField("正文已人工修改", default=False)
    problems = models.JSONField("上年问题及改进情况", default=list)  # [{"problem": …, "improvement": …}]
    findings = models.JSONField("核对结果", default=list)
    checked_at = models.DateTimeField("核对时间", null=True, blank=True)
    warning_note = models.TextField("警告说明", blank=True)
    correction_note = models.TextField("更正说明", blank=True)

    generated_at = models.DateTimeField("生成时间", null=True, blank=True)
    drafted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField("审定时间", null=True, blank=True)
    return_reason = models.TextField("退回意见", blank=True)
    publication = models.ForeignKey(
        "publishing.Publication",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="annual_reports",
        verbose_name="发布信息",
    )
    published_on = models.DateField("发布日期", null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "unit__sort_order", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="annualreport_unit_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reports:detail", args=[self.pk])

    @property
    def title(self) -> str:
        return f"{self.unit.name}{self.year}年政府信息公开工作年度报告"

    @property
    def due(self):
        return due_date(self.year, self.scope)

    @property
    def first_published_on(self):
        """When the report first went out (a later correction does not make it late)."""
        first = self.versions.order_by("number").first() if self.pk else None
        return first.published_on if first is not None and first.published_on else self.published_on

    @property
    def is_late(self) -> bool:
        first = self.first_published_on
        return first is not None and first > self.due

    @property
    def errors(self) -> list[dict]:
        return [f for f in self.findings if f.get("severity") == "error"]

    @property
    def warnings(self) -> list[dict]:
        return [f for f in self.findings if f.get("severity") == "warning"]


class ReportVersion(models.Model):
    """A published version kept when a correction is published (更正): what was out, and the 更正说明 of the next."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField("版本")
    tables = models.JSONField(default=dict)
    sections = models.JSONField(default=dict)
    html = models.TextField("发布内容")
    publication = models.ForeignKey(
        "publishing.Publication", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_on = models.DateField("发布日期", null=True, blank=True)
    correction_note = models.TextField("本版更正说明", blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reportversion_number")]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"


class Reminder(models.Model):
    """One reminder per unit, year, kind and day (idempotent), shown on the unit's dashboard."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20)  # "due_soon" | "overdue"
    day = models.DateField()
    text = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind", "day"], name="reportreminder_once")
        ]

    def __str__(self) -> str:
        return self.text


class Batch(models.Model):
    """年报批量核对: the office uploads units' published reports (files or saved web pages) and gets the findings."""

    title = models.CharField("批次名称", max_length=100)
    uploaded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    files = models.JSONField(
        "文件", default=list
    )  # [{"name": …, "unit": …, "year": …, "errors": n, "warnings": n}]
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = verbose_name_plural = "年报批量核对"

    def __str__(self) -> str:
        return self.title


class BatchFinding(models.Model):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="findings")
    unit_name = models.CharField("单位", max_length=100)
    file = models.CharField("文件", max_length=200)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    rule = models.CharField("规则", max_length=20, blank=True)
    severity = models.CharField("级别", max_length=10, blank=True)
    where = models.CharField("位置", max_length=200, blank=True)
    message = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["batch", "unit_name", "file", "id"]

    def __str__(self) -> str:
        return f"{self.unit_name} {self.rule}"
