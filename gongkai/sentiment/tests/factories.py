"""Helpers building the sentiment ledger's test world: publishing's units and staff (a town, a department, the
office), a third unit never named on a case, published items to link, and cases through the services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from gongkai.orgs.models import Unit
from gongkai.publishing.tests.conftest import build_world as publishing_world
from gongkai.publishing.tests.conftest import make_user
from gongkai.publishing.tests.fixtures import published
from gongkai.roles import Role
from gongkai.sentiment import services

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build_world():
    w = publishing_world()
    w.town_leader = make_user("town_leader", w.town, Role.LEADER, full_name="王建国")
    w.other = Unit.objects.create(name="示范县水利局", short_name="县水利局", kind="department")
    w.other_editor = make_user("water_editor", w.other, Role.EDITOR, Role.LEADER, full_name="周水生")
    return w


def release_item(w, title="关于城关镇自来水浑浊问题的情况通报", unit=None, when=None):
    """A published item (权威发布) of ``unit`` (the town by default), published now unless ``when``."""
    return published(w, title, unit=unit or w.town, when=when)


def case(w, *, hours_ago=1, level="general", owner=None, local=None, actor=None, **extra):
    return services.register_case(
        actor=actor or w.office,
        topic=extra.pop("topic", "城关镇自来水浑浊引发网民关注"),
        source=extra.pop("source", "network"),
        first_seen_at=extra.pop("first_seen_at", timezone.now() - timedelta(hours=hours_ago)),
        summary=extra.pop("summary", "网民在本地论坛发帖称城关镇部分小区自来水发黄浑浊，跟帖较多。"),
        owner_unit=owner or w.town,
        local_unit=local,
        level=level,
        **extra,
    )


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)
