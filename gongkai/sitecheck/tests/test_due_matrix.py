"""Due rules on catalogue items and the unit × item matrix (through publishing's public selector)."""

from datetime import date

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.calendar import services as calendar
from gongkai.publishing.models import CatalogNode
from gongkai.sitecheck import selectors, services
from gongkai.sitecheck.models import DisclosureEvent, NodeRule

from .fixtures import publish_on, rule

CODE = "art20-11"


def _cell(matrix, unit, code=CODE):
    for u, cells in matrix.rows:
        if u == unit:
            for r, c in zip(matrix.rules, cells, strict=True):
                if r.node.code == code:
                    return c
    raise AssertionError(f"{unit} not in the matrix")


def test_only_the_office_sets_rules_and_bad_rules_save_nothing(world):
    node = CatalogNode.objects.get(code=CODE)
    with pytest.raises(services.SitecheckError) as exc:
        services.set_rule(node, actor=world.editor, kind="monthly", day=15)
    assert "政务公开办" in str(exc.value)
    with pytest.raises(services.SitecheckError) as exc:
        services.set_rule(node, actor=world.office, kind="monthly", day=0)
    assert "截止日" in str(exc.value)
    with pytest.raises(services.SitecheckError):
        services.set_rule(node, actor=world.office, kind="monthly", day=15, unit_kinds=["planet"])
    assert not NodeRule.objects.exists()
    services.set_rule(node, actor=world.office, kind="monthly", day=15, statutory=True)
    event = AuditEvent.objects.get(action="sitecheck.rule_set")
    assert event.after["kind"] == "monthly" and event.after["day"] == 15


def test_monthly_matrix_last_published_next_due_overdue_empty(world):
    rule(CODE, kind="monthly", day=15, statutory=True)
    publish_on(world, date(2026, 11, 10), CODE, world.town)
    matrix = selectors.due_matrix(world.office, today=date(2026, 11, 20))
    town, dept = _cell(matrix, world.town), _cell(matrix, world.dept)
    assert town.last_published == date(2026, 11, 10)
    assert not town.status.overdue and town.status.next_due == date(2026, 12, 15) and not town.empty
    assert dept.last_published is None and dept.status.overdue and dept.empty
    assert dept in matrix.overdue and dept in matrix.empty and town not in matrix.overdue
    # A month later the town's November item no longer covers December's deadline.
    later = selectors.due_matrix(world.office, today=date(2026, 12, 16))
    assert _cell(later, world.town).status.overdue


def test_unit_staff_see_only_their_units_rows(world):
    rule(CODE, kind="dynamic", statutory=True)
    rows = selectors.due_matrix(world.editor, today=date(2026, 11, 20)).rows
    assert [u for u, _ in rows] == [world.town]


def test_unit_kinds_limit_who_must_publish(world):
    rule(CODE, kind="yearly", month=1, day=31, unit_kinds=["township"])
    matrix = selectors.due_matrix(None, today=date(2026, 11, 20))
    assert _cell(matrix, world.town) is not None
    row = dict(matrix.rows)[world.dept]
    assert row == [None]


def test_event_rule_due_in_working_days_and_cross_unit_refused(world):
    rule(CODE, kind="event", n_days=20)
    node = CatalogNode.objects.get(code=CODE)
    with pytest.raises(services.SitecheckError):
        services.record_event(world.town, node, actor=world.dept_editor, occurred_on=date(2026, 9, 30))
    assert not DisclosureEvent.objects.exists()
    services.record_event(world.town, node, actor=world.editor, occurred_on=date(2026, 9, 30))
    expected = calendar.get_calendar().add_working_days(date(2026, 9, 30), 20).date
    before = _cell(selectors.due_matrix(None, today=expected), world.town)
    assert before.status.next_due == expected and not before.status.overdue
    after = _cell(selectors.due_matrix(None, today=date.fromordinal(expected.toordinal() + 1)), world.town)
    assert after.status.overdue
    publish_on(world, date(2026, 10, 9), CODE, world.town)
    met = _cell(selectors.due_matrix(None, today=date(2026, 12, 1)), world.town)
    assert not met.status.overdue and met.status.next_due is None


def test_event_on_a_rule_without_event_kind_is_refused(world):
    rule(CODE, kind="monthly", day=15)
    with pytest.raises(services.SitecheckError) as exc:
        services.record_event(
            world.town, CatalogNode.objects.get(code=CODE), actor=world.editor, occurred_on=date(2026, 9, 30)
        )
    assert "无需登记" in str(exc.value)
