"""Dashboard card (我的待办) for the openness office: a year's holiday arrangement is missing."""

from django.urls import reverse
from django.utils import timezone

from gongkai.workspace.registry import Card

from . import access, services

# The State Council publishes next year's notice in late October or November (2024: 11月12日, 2026: 11月4日).
WATCH_FROM_MONTH = 11


def missing_calendar_cards(user, today=None) -> list[Card]:
    if user is None or not access.can_import_notices(user):
        return []
    today = today or timezone.localdate()
    calendar = services.get_calendar()
    url = reverse("calendar:import")
    cards = []
    if not calendar.covers(today.year):
        cards.append(
            Card(
                title=f"{today.year}年节假日安排尚未导入",
                count=1,
                url=url,
                hint="本年度的工作日期限目前只计入法定节假日、不含调休安排，并标为“暂定”，请尽快导入国务院办公厅通知。",
                tone="danger",
            )
        )
    if today.month >= WATCH_FROM_MONTH and not calendar.covers(today.year + 1):
        cards.append(
            Card(
                title=f"{today.year + 1}年节假日安排尚未导入",
                count=1,
                url=url,
                hint=f"国务院办公厅发布{today.year + 1}年节假日安排通知后请及时导入；"
                f"在此之前，跨入{today.year + 1}年的期限均为“暂定”。",
                tone="warn",
            )
        )
    return cards
