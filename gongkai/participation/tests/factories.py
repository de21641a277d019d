"""Helpers building participation records through the services (the world is publishing's test world)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gongkai.participation import services
from gongkai.publishing import services as publishing
from gongkai.publishing.tests.fixtures import ALL_PASS

DRAFT_BODY = (
    "<p>第一条　为规范本县农村人居环境整治，制定本办法。</p>"
    "<p>第二条　本办法适用于本县行政区域内的村庄。</p>"
    "<p>第三条　对完成改厕的农户，每户补助800元。</p>"
    "<p>第四条　本办法自发布之日起施行。</p>"
)


def consultation(
    w, *, unit=None, start=None, days=30, publish=True, title="示范县农村人居环境整治办法", **extra
):
    unit = unit or w.town
    editor = w.editor if unit == w.town else w.dept_editor
    reviewer = w.reviewer if unit == w.town else w.dept_reviewer
    start = start or timezone.localdate()
    fields = {
        "title": title,
        "starts_on": start,
        "ends_on": start + timedelta(days=days - 1),
        "channels": ["online", "email"],
        "email": "yjzj@example.gov.cn",
        "explanation": "起草说明：为改善农村人居环境。",
        **extra,
    }
    c = services.create_consultation(unit, actor=editor, body=DRAFT_BODY, **fields)
    if publish:
        pub = c.publication
        publishing.submit(pub, actor=editor)
        publishing.decide_review(pub, actor=reviewer, checks=ALL_PASS, verdict="approved")
        publishing.publish(pub, actor=reviewer)
        c.refresh_from_db()
    return c


def closed(w, **kwargs):
    """A consultation whose period ended yesterday (started 30 days before)."""
    today = timezone.localdate()
    return consultation(w, start=today - timedelta(days=30), **kwargs)


def catalog(w, year=2026, unit=None):
    return services.create_catalog(unit or w.office.memberships.first().unit, actor=w.office, year=year)


def decision(w, cat, **extra):
    fields = {
        "title": "示范县城区供水管网改造",
        "unit": w.dept,
        "category": "public_policy",
        "planned": "2026Q3",
        "methods": ["consultation", "legality"],
        **extra,
    }
    return services.add_decision(cat, actor=w.office, **fields)
