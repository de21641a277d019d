"""找错 reports (我为政府网站找错): an error the public found on a portal page, routed to the unit that owns the page.

The reporter's contact and screenshot are personal data: they are seen by the office and the handling unit only and
never reach the portal; the public sees only the monthly summary (counts). The reply limit counts working days on
the statutory calendar (``gongkai.calendar``) from the day of receipt. State changes only in ``services.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.common.storage import private_storage
from gongkai.orgs.models import Unit

from .vocab import OPEN_STATES, ErrorType, Outcome, State


class ErrorReport(models.Model):
    """找错报告: the page, the kind of error, the description; the unit's answer and the office's re-check."""

    tracking_code = models.CharField("查询码", max_length=24, unique=True)
    verification_hash = models.CharField(max_length=64)
    page = models.CharField("页面地址", max_length=500)
    error_type = models.CharField("错误类型", max_length=20, choices=ErrorType.choices)
    description = models.TextField("问题描述")
    contact = models.CharField("联系方式", max_length=100, blank=True)
    # Private (never under /media/): served to the office and the handling unit by ``views.screenshot`` only.
    screenshot = models.FileField("截图", upload_to="errata/%Y/%m/", blank=True, storage=private_storage)
    screenshot_sha256 = models.CharField(max_length=64, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="error_reports",
        verbose_name="承办单位",
    )
    routing_basis = models.CharField("分送依据", max_length=100, blank=True)
    state = models.CharField(
        "状态", max_length=20, choices=State.choices, default=State.PENDING, db_index=True
    )
    received_on = models.DateField("收到日期", db_index=True)
    due_on = models.DateField("答复期限")
    outcome = models.CharField("处理结果", max_length=20, choices=Outcome.choices, blank=True)
    answer = models.TextField("处理说明", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField("答复日期", null=True, blank=True)
    check_note = models.TextField("复核意见", blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_on = models.DateField("办结日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = verbose_name_plural = "找错报告"
        indexes = [models.Index(fields=["unit", "state", "due_on"], name="errata_unit_state_due")]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.get_error_type_display()}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on < today

    @property
    def on_time(self) -> bool | None:
        if self.answered_on is None:
            return None
        return self.answered_on <= self.due_on


class Reminder(models.Model):
    """A reminder for the handling unit (即将到期, 已逾期), written once per key by the scheduled job."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, related_name="errata_reminders")
    key = models.CharField(max_length=100, unique=True)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text
