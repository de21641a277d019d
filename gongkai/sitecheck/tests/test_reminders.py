"""Reminders of the scheduled job ``sitecheck.remind``: due-soon and overdue cells of the due matrix, new-media
accounts two weeks silent, 僵尸号 decisions past the deadline — to the responsible unit, once per key."""

from datetime import date, timedelta

import pytest
from django.test import Client

from gongkai.audit.models import AuditEvent
from gongkai.calendar import services as calendar
from gongkai.jobs import schedule
from gongkai.jobs import services as jobs
from gongkai.jobs.vocab import Status
from gongkai.sitecheck import services
from gongkai.sitecheck.models import NewMediaAccount, Reminder

from .fixtures import publish_on, rule

CODE = "art20-11"
TODAY = date(2026, 12, 10)  # a Thursday; 5 working days later is 2026-12-17


@pytest.fixture
def seeded(world):
    calendar.seed_from_package(years=[2026])
    return world


def _live(w, unit, account_id, last_update, interaction_ok=True):
    acc = services.apply_account(
        unit, actor=None, platform="weibo", name=f"账号{account_id}", account_id=account_id
    )
    services.move_account(acc, actor=None, to="reviewing")
    acc = services.move_account(acc, actor=None, to="filed", filing_number=f"备-{account_id}")
    NewMediaAccount.objects.filter(pk=acc.pk).update(last_update=last_update, interaction_ok=interaction_ok)
    acc.refresh_from_db()
    return acc


def test_due_soon_and_overdue_cells_remind_their_own_unit_once(seeded):
    w = seeded
    rule(CODE, kind="monthly", day=15, statutory=True)
    publish_on(w, date(2026, 11, 10), CODE, w.town)
    # The town published for November: due soon; the department and the office's unit never did: overdue.
    assert services.remind(TODAY) == 3
    town = Reminder.objects.get(unit=w.town)
    assert "2026年12月15日前公开" in town.text and town.key.startswith("soon-")
    dept = Reminder.objects.get(unit=w.dept)
    assert (
        "2026年11月15日前公开" in dept.text and "至今未发布" in dept.text and dept.key.startswith("overdue-")
    )
    assert Reminder.objects.filter(key__startswith="overdue-").count() == 2
    assert AuditEvent.objects.filter(action="sitecheck.reminded").count() == 3
    # The same day, and the next day, add nothing: one reminder per deadline.
    assert services.remind(TODAY) == 0
    assert services.remind(TODAY + timedelta(days=1)) == 0
    assert Reminder.objects.count() == 3


def test_an_item_already_published_for_the_coming_deadline_is_not_reminded(seeded):
    w = seeded
    rule(CODE, kind="monthly", day=15)
    publish_on(w, date(2026, 12, 1), CODE, w.town)
    publish_on(w, date(2026, 12, 2), CODE, w.dept, title="部门信息")
    services.remind(TODAY)
    assert not Reminder.objects.filter(unit__in=[w.town, w.dept]).exists()
    assert Reminder.objects.get().key.startswith("overdue-")  # the office's unit published nothing


def test_stale_account_reminded_to_its_unit_and_again_only_after_a_new_silence(seeded):
    w = seeded
    acc = _live(w, w.town, "wb01", TODAY - timedelta(days=20))
    _live(w, w.dept, "wb02", TODAY - timedelta(days=3))  # fresh: nothing
    assert services.remind(TODAY) == 1
    reminder = Reminder.objects.get()
    assert (
        reminder.unit == w.town and "超过2周" in reminder.text and reminder.url.endswith(f"/media/{acc.pk}/")
    )
    assert services.remind(TODAY + timedelta(days=1)) == 0
    # Updated, then silent again: a new episode, a new reminder.
    NewMediaAccount.objects.filter(pk=acc.pk).update(last_update=TODAY - timedelta(days=1))
    assert services.remind(TODAY) == 0
    NewMediaAccount.objects.filter(pk=acc.pk).update(last_update=TODAY - timedelta(days=15))
    assert services.remind(TODAY) == 1


def test_undecided_zombie_past_its_deadline_is_reminded_daily(seeded):
    w = seeded
    _live(w, w.town, "wb03", TODAY - timedelta(days=60))
    camp = services.open_campaign(
        actor=w.office,
        title="2026年僵尸号清理",
        stale_days=30,
        deadline=TODAY + timedelta(days=3),
        today=TODAY,
    )
    Reminder.objects.all().delete()
    later = TODAY + timedelta(days=5)
    keys_before = services.remind(later)
    assert any("逾期未提出处置意见" in r.text for r in Reminder.objects.all())
    assert keys_before >= 1
    item = camp.items.get()
    services.decide(item, actor=w.editor, decision="cancel", note="功能与“城关发布”重复")
    before = Reminder.objects.filter(key__startswith="zombie-").count()
    services.remind(later + timedelta(days=1))
    assert Reminder.objects.filter(key__startswith="zombie-").count() == before


def test_the_job_is_scheduled_runs_and_reminders_show_to_their_unit_only(seeded):
    w = seeded
    entry = schedule.entry_for("sitecheck.remind")
    assert entry is not None and entry.hour == "8"
    rule(CODE, kind="monthly", day=15)
    run = jobs.run_inline("sitecheck.remind", actor=None)
    assert run.status == Status.SUCCEEDED, run.error
    assert "已写入提醒" in run.result
    Reminder.objects.create(unit=w.dept, key="t-dept", text="部门的提醒文字", url="")
    Reminder.objects.create(unit=w.town, key="t-town", text="乡镇的提醒文字", url="")
    client = Client()
    client.force_login(w.editor)
    page = client.get("/work/sitecheck/").content.decode()
    assert "乡镇的提醒文字" in page and "部门的提醒文字" not in page
