"""Helpers of the assessment's tests: the publishing world (城关镇, 县发改委, the office) plus a second office
member, a leader, test figure sources over hand-set numbers, and a PDF upload."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.assessment import services
from gongkai.common import figures
from gongkai.orgs.models import Unit
from gongkai.publishing.tests.conftest import build_world, make_user
from gongkai.publishing.tests.fixtures import published
from gongkai.roles import Role

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build():
    w = build_world()
    w.office2 = make_user("office2", Unit.objects.get(kind="office"), Role.OFFICE_ADMIN, full_name="韩振宇")
    w.town_leader = make_user("town_leader", w.town, Role.LEADER, full_name="王建国")
    return w


def pdf(name="佐证.pdf"):
    return SimpleUploadedFile(name, PDF, "application/pdf")


def publish_on(w, day: date, unit, title="信息"):
    return published(w, title, unit=unit, when=datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC))


class Table:
    """A test figure source: per unit pk, a Figure; records the calls."""

    def __init__(self, by_unit: dict[int, figures.Figure]):
        self.by_unit = by_unit
        self.calls: list[tuple] = []

    def __call__(self, *, unit, start, end):
        self.calls.append((getattr(unit, "pk", unit), start, end))
        return self.by_unit.get(getattr(unit, "pk", unit), figures.Figure(None))


def source(monkeypatch, key: str, by_unit: dict[int, figures.Figure]) -> Table:
    table = Table(by_unit)
    sources = dict(figures._sources)
    monkeypatch.setattr(figures, "_sources", sources)
    figures.register(key, label=key, compute=table)
    return table


def scheme(year=2026, **kwargs):
    return services.create_scheme(year, actor=None, weight=kwargs.pop("weight", 5), **kwargs)


def quarter(s, number=1):
    return s.periods.get(kind="quarter", number=number)


def line(score, name):
    return next(x for x in score.lines if x["name"] == name)
