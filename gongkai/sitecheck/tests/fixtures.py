"""Helpers of site inspection's tests: a published item on a given day, a rule on a template node."""

from datetime import UTC, date, datetime

from gongkai.publishing.models import CatalogNode
from gongkai.publishing.tests.fixtures import published
from gongkai.sitecheck import services


def publish_on(w, day: date, code: str, unit, title: str = "测试信息"):
    return published(
        w, title, code=code, unit=unit, when=datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)
    )


def rule(code: str, **fields):
    return services.set_rule(CatalogNode.objects.get(code=code), actor=None, **fields)
