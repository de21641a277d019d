"""Tables of the government gazette (政府公报): issues, their contents (published documents, with the text as
printed), and the distribution log (赠阅)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.publishing.models import Publication

from .vocab import IssueState, RecipientKind, Section


class Issue(models.Model):
    """One issue (一期): year, 期号 within the year, 总期号, date; 编辑中 until published (then its contents and their
    text are fixed)."""

    year = models.PositiveIntegerField("年份")
    number = models.PositiveIntegerField("期号")
    total_number = models.PositiveIntegerField("总期号")
    issued_on = models.DateField("出版日期")
    state = models.CharField("状态", max_length=10, choices=IssueState.choices, default=IssueState.DRAFT)
    note = models.CharField("编者按", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField("出版时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = verbose_name_plural = "政府公报"
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="gazette_issue_year_number_unique"),
            models.UniqueConstraint(fields=["total_number"], name="gazette_issue_total_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.year}年第{self.number}期（总第{self.total_number}期）"

    @property
    def is_published(self) -> bool:
        return self.state == IssueState.PUBLISHED


class Entry(models.Model):
    """A document printed in an issue: a published item (a 规范性文件 or other policy document) under a section, in
    order. The text as printed is copied when the issue is published, so a later change of the item does not change
    a published issue."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="entries")
    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="+", verbose_name="文件"
    )
    section = models.CharField("栏目", max_length=20, choices=Section.choices)
    sort_order = models.PositiveIntegerField("顺序", default=0)
    title = models.CharField("标题", max_length=300, blank=True)
    doc_number = models.CharField("文号", max_length=80, blank=True)
    issuer = models.CharField("发文机关", max_length=100, blank=True)
    formed_date = models.DateField("成文日期", null=True, blank=True)
    body = models.TextField("正文（刊登文本）", blank=True)

    class Meta:
        ordering = ["issue_id", "sort_order", "id"]
        verbose_name = verbose_name_plural = "公报目录"
        constraints = [
            models.UniqueConstraint(fields=["issue", "publication"], name="gazette_entry_once_per_issue"),
        ]

    def __str__(self) -> str:
        return self.title or self.publication.title


class Distribution(models.Model):
    """赠阅登记: an issue sent to a library, the archives, the service hall's 政务公开专区…"""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="distributions")
    recipient = models.CharField("接收单位", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=RecipientKind.choices)
    copies = models.PositiveIntegerField("份数")
    sent_on = models.DateField("送达日期")
    note = models.CharField("备注", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_on", "id"]
        verbose_name = verbose_name_plural = "公报赠阅登记"

    def __str__(self) -> str:
        return f"{self.issue} → {self.recipient}（{self.copies}份）"
