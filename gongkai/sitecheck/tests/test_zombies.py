"""僵尸号 cleanup campaigns: criteria, decisions by the owning unit, progress, close, pages and .xlsx."""

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.audit.models import AuditEvent
from gongkai.sitecheck import selectors, services
from gongkai.sitecheck.models import NewMediaAccount, ZombieCampaign, ZombieItem

TODAY = timezone.localdate()


def _live(unit, account_id, silent_days, interaction_ok=True, state="filed"):
    acc = services.apply_account(
        unit, actor=None, platform="wechat", name=f"号{account_id}", account_id=account_id
    )
    services.move_account(acc, actor=None, to="reviewing")
    acc = services.move_account(acc, actor=None, to="filed", filing_number=f"备-{account_id}")
    if state == "suspended":
        acc = services.move_account(acc, actor=None, to="suspended", note="已关停")
    last = None if silent_days is None else TODAY - timedelta(days=silent_days)
    NewMediaAccount.objects.filter(pk=acc.pk).update(last_update=last, interaction_ok=interaction_ok)
    return NewMediaAccount.objects.get(pk=acc.pk)


@pytest.fixture
def accounts(world):
    return {
        "silent": _live(world.town, "t1", 45),
        "never": _live(world.town, "t2", None),
        "fresh": _live(world.town, "t3", 2),
        "dead_chat": _live(world.dept, "d1", 3, interaction_ok=False),
        "dept_silent": _live(world.dept, "d2", 31),
        "closed": _live(world.dept, "d3", 200, state="suspended"),
        "just_under": _live(world.dept, "d4", 29),
    }


def _open(world, **extra):
    fields = {"title": "2026年僵尸号清理", "stale_days": 30, "deadline": TODAY + timedelta(days=10), **extra}
    return services.open_campaign(actor=world.office, **fields)


def test_only_the_office_opens_and_bad_criteria_save_nothing(world, accounts):
    with pytest.raises(services.SitecheckError):
        services.open_campaign(
            actor=world.editor, title="x", stale_days=30, deadline=TODAY + timedelta(days=5)
        )
    with pytest.raises(services.SitecheckError) as exc:
        _open(world, stale_days=7)
    assert "14天" in str(exc.value)
    with pytest.raises(services.SitecheckError) as exc:
        _open(world, deadline=TODAY)
    assert exc.value.field == "deadline"
    assert not ZombieCampaign.objects.exists()


def test_criteria_list_live_silent_and_dead_interaction_accounts_with_reasons(world, accounts):
    camp = _open(world)
    listed = {i.account.account_id: i.reason for i in camp.items.all()}
    assert set(listed) == {"t1", "t2", "d1", "d2"}  # not fresh, not suspended, not 29 days
    assert listed["t1"] == "45天未更新" and listed["t2"] == "从未登记更新" and listed["d1"] == "互动功能失效"
    only_silent = _open(world, title="只按更新", include_no_interaction=False)
    assert {i.account.account_id for i in only_silent.items.all()} == {"t1", "t2", "d2"}
    event = AuditEvent.objects.filter(action="sitecheck.campaign_opened").order_by("id").first()
    assert event.after["accounts"] == 4 and event.after["stale_days"] == 30


def test_each_unit_decides_its_own_accounts_only(world, accounts):
    camp = _open(world)
    town_item = camp.items.get(account=accounts["silent"])
    with pytest.raises(services.SitecheckError):
        services.decide(town_item, actor=world.dept_editor, decision="cancel", note="x")
    with pytest.raises(services.SitecheckError) as exc:
        services.decide(town_item, actor=world.editor, decision="rectify")
    assert exc.value.field == "note"
    with pytest.raises(services.SitecheckError) as exc:
        services.decide(town_item, actor=world.editor, decision="merge")
    assert exc.value.field == "merge_into"
    with pytest.raises(services.SitecheckError):  # another unit's account
        services.decide(town_item, actor=world.editor, decision="merge", merge_into=accounts["dept_silent"])
    with pytest.raises(services.SitecheckError):
        services.decide(town_item, actor=world.editor, decision="promote")
    assert ZombieItem.objects.get(pk=town_item.pk).decision == ""
    item = services.decide(
        town_item, actor=world.editor, decision="merge", merge_into=accounts["fresh"], note="并入"
    )
    assert (
        item.decision == "merge" and item.merge_into == accounts["fresh"] and item.decided_by == world.editor
    )
    event = AuditEvent.objects.get(action="sitecheck.zombie_decided")
    assert event.unit == world.town and event.after["merge_into"] == "号t3"


def test_progress_per_unit_and_close_freezes_decisions(world, accounts):
    camp = _open(world)
    services.decide(camp.items.get(account=accounts["silent"]), actor=world.editor, decision="cancel")
    services.decide(
        camp.items.get(account=accounts["never"]), actor=world.editor, decision="rectify", note="每周更新两次"
    )
    rows, total = selectors.campaign_progress(list(selectors.campaign_items(None, camp)))
    by_unit = {r.unit: r for r in rows}
    assert (by_unit[world.town].listed, by_unit[world.town].decided, by_unit[world.town].percent) == (
        2,
        2,
        100,
    )
    assert (by_unit[world.dept].undecided, by_unit[world.dept].overdue) == (2, 0)
    assert (total.listed, total.decided, total.percent) == (4, 2, 50)
    # After the deadline the undecided ones are overdue.
    _, late = selectors.campaign_progress(
        list(selectors.campaign_items(None, camp)), TODAY + timedelta(days=11)
    )
    assert late.overdue == 2
    with pytest.raises(services.SitecheckError):
        services.close_campaign(camp, actor=world.editor)
    services.close_campaign(camp, actor=world.office)
    with pytest.raises(services.SitecheckError) as exc:
        services.decide(
            camp.items.get(account=accounts["dept_silent"]), actor=world.dept_editor, decision="cancel"
        )
    assert "已结束" in str(exc.value)
    assert AuditEvent.objects.get(action="sitecheck.campaign_closed").after["undecided"] == 2


def test_pages_show_a_unit_its_own_rows_and_refuse_cross_unit_posts(world, accounts):
    camp = _open(world)
    town_item = camp.items.get(account=accounts["silent"])
    dept_item = camp.items.get(account=accounts["dept_silent"])
    client = Client()
    client.force_login(world.editor)
    page = client.get(f"/work/sitecheck/campaigns/{camp.pk}/").content.decode()
    assert "号t1" in page and "号d2" not in page
    # A unit's editor cannot decide another unit's account (404) nor open or close campaigns (403).
    url = f"/work/sitecheck/campaigns/{camp.pk}/items/{dept_item.pk}/decide/"
    assert client.post(url, {f"i{dept_item.pk}-decision": "cancel"}).status_code == 404
    assert client.post(f"/work/sitecheck/campaigns/{camp.pk}/close/").status_code == 403
    assert client.post("/work/sitecheck/campaigns/", {"title": "x"}).status_code == 403
    ok = client.post(
        f"/work/sitecheck/campaigns/{camp.pk}/items/{town_item.pk}/decide/",
        {f"i{town_item.pk}-decision": "suspend", f"i{town_item.pk}-note": "暂停运营"},
    )
    assert ok.status_code == 302 and ZombieItem.objects.get(pk=town_item.pk).decision == "suspend"
    # The office's .xlsx has every unit's row; the town's editor gets only its own.
    office = Client()
    office.force_login(world.office)
    sheet = load_workbook(
        io.BytesIO(office.get(f"/work/sitecheck/campaigns/{camp.pk}/export.xlsx").content)
    ).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 4
    assert [r[6] for r in rows if r[2] == "号t1"] == ["关停"]
    own = load_workbook(
        io.BytesIO(client.get(f"/work/sitecheck/campaigns/{camp.pk}/export.xlsx").content)
    ).active
    assert {r[2] for r in own.iter_rows(min_row=3, values_only=True)} == {"号t1", "号t2"}


def test_office_opens_a_campaign_through_the_page(world, accounts):
    client = Client()
    client.force_login(world.office)
    bad = client.post(
        "/work/sitecheck/campaigns/",
        {"title": "清理", "stale_days": 7, "deadline": TODAY + timedelta(days=3)},
    )
    assert bad.status_code == 200 and "14天" in bad.content.decode()
    response = client.post(
        "/work/sitecheck/campaigns/",
        {
            "title": "清理",
            "stale_days": 30,
            "include_no_interaction": "on",
            "deadline": TODAY + timedelta(days=3),
        },
    )
    camp = ZombieCampaign.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/campaigns/{camp.pk}/")
    assert camp.items.count() == 4
