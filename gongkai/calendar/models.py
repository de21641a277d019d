"""The statutory holiday table (节假日安排) that feeds ``gongkai.core.workdays``."""

from django.conf import settings
from django.db import models


class HolidayCalendar(models.Model):
    """One year's arrangement (国务院办公厅关于YYYY年部分节假日安排的通知). A year without a row is not covered."""

    class Source(models.TextChoices):
        PACKAGE = "chinesecalendar", "chinesecalendar 数据包"
        NOTICE = "notice", "国务院办公厅通知文本导入"
        MANUAL = "manual", "手工录入"

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=20, choices=Source.choices)
    notice_title = models.CharField("通知标题", max_length=200, blank=True)
    notice_number = models.CharField("通知文号", max_length=50, blank=True)
    notice_text = models.TextField("通知原文", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "年度节假日安排"

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class HolidayDay(models.Model):
    """A day that differs from the plain weekday/weekend rule: a day off, or a weekend make-up workday (调休上班)."""

    class Kind(models.TextChoices):
        OFF = "off", "放假"
        MAKEUP_WORKDAY = "makeup_workday", "调休上班"

    calendar = models.ForeignKey(HolidayCalendar, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    name = models.CharField("节日", max_length=20, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = verbose_name_plural = "节假日"

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"
