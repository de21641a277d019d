"""The 政务新媒体 registry: filing workflow, who may take each step, update records, the .xlsx import, the veto."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.publishing.tests.factories import xlsx_bytes
from gongkai.sitecheck import selectors, services
from gongkai.sitecheck.models import NewMediaAccount


def _apply(w, account_id="gh_town01", unit=None, actor=None):
    return services.apply_account(
        unit or w.town, actor=actor or w.editor, platform="wechat", name="城关发布", account_id=account_id
    )


def test_full_filing_workflow_with_the_right_people(world):
    acc = _apply(world)
    assert acc.state == "applied"
    with pytest.raises(services.SitecheckError):  # the office files, not the unit
        services.move_account(acc, actor=world.editor, to="filed", filing_number="闽备2026-001")
    acc = services.move_account(acc, actor=world.editor, to="reviewing")
    with pytest.raises(services.SitecheckError) as exc:
        services.move_account(acc, actor=world.office, to="filed")
    assert "备案号" in str(exc.value)
    acc = services.move_account(acc, actor=world.office, to="filed", filing_number="闽备2026-001")
    acc = services.move_account(acc, actor=world.editor, to="changing", note="更名为“城关镇发布”")
    acc = services.move_account(acc, actor=world.office, to="filed")
    with pytest.raises(services.SitecheckError) as exc:
        services.move_account(acc, actor=world.office, to="suspended")
    assert "原因" in str(exc.value)
    acc = services.move_account(acc, actor=world.office, to="suspended", note="长期不更新，僵尸号清理")
    acc = services.move_account(acc, actor=world.office, to="cancelled", note="注销")
    with pytest.raises(services.SitecheckError) as exc:
        services.move_account(acc, actor=world.office, to="filed")
    assert "已注销" in str(exc.value)
    moves = AuditEvent.objects.filter(action="sitecheck.account_moved").order_by("id")
    assert [e.after["state"] for e in moves] == [
        "reviewing",
        "filed",
        "changing",
        "filed",
        "suspended",
        "cancelled",
    ]


def test_cross_unit_apply_and_moves_are_refused(world):
    with pytest.raises(services.SitecheckError):
        _apply(world, unit=world.town, actor=world.dept_editor)
    acc = _apply(world)
    with pytest.raises(services.SitecheckError):
        services.move_account(acc, actor=world.dept_editor, to="reviewing")
    with pytest.raises(services.SitecheckError):
        services.record_update(acc, actor=world.dept_editor, last_update=timezone.localdate())
    assert NewMediaAccount.objects.get().state == "applied"
    assert list(selectors.accounts(world.dept_editor)) == []


def test_duplicate_account_refused(world):
    _apply(world)
    with pytest.raises(services.SitecheckError) as exc:
        _apply(world, actor=world.editor)
    assert "重复" in str(exc.value)


def test_two_week_veto_flag_on_live_accounts(world):
    today = timezone.localdate()
    fresh, stale, closed = (_apply(world, f"gh_{i}") for i in range(3))
    for acc in (fresh, stale, closed):
        services.move_account(acc, actor=world.editor, to="reviewing")
        services.move_account(acc, actor=world.office, to="filed", filing_number=f"备{acc.pk}")
    services.record_update(
        fresh, actor=world.editor, last_update=today - timedelta(days=3), interaction_ok=True
    )
    services.record_update(stale, actor=world.editor, last_update=today - timedelta(days=15))
    services.move_account(closed, actor=world.office, to="suspended", note="关停")
    assert [a.pk for a in selectors.stale_accounts(world.office, today)] == [stale.pk]


def test_xlsx_import_all_or_nothing(world):
    acc = _apply(world)
    today = timezone.localdate()
    bad = xlsx_bytes(
        [
            ["平台", "账号ID", "最近更新日期", "互动"],
            ["微信公众号", "gh_town01", today, "是"],
            ["微博", "nope", today, ""],
        ]
    )
    result = services.import_updates(bad, actor=world.office)
    assert result.updated == 0 and "第3行" in result.errors[0]
    assert NewMediaAccount.objects.get(pk=acc.pk).last_update is None
    good = xlsx_bytes(
        [["平台", "账号ID", "最近更新日期", "互动"], ["微信公众号", "gh_town01", today.isoformat(), "否"]]
    )
    assert services.import_updates(good, actor=world.office).updated == 1
    acc.refresh_from_db()
    assert acc.last_update == today and acc.interaction_ok is False
    with pytest.raises(services.SitecheckError):
        services.import_updates(good, actor=world.editor)
    with pytest.raises(services.SitecheckError) as exc:
        services.import_updates(b"not a spreadsheet", actor=world.office)
    assert ".xlsx" in str(exc.value)


def test_future_update_date_refused(world):
    acc = _apply(world)
    with pytest.raises(services.SitecheckError):
        services.record_update(acc, actor=world.editor, last_update=date.today() + timedelta(days=5))
