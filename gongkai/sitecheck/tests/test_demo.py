"""The demo of site inspection: rules on the whole template, overdue and empty cells, accounts in every filing
state with one two weeks stale; a second run changes nothing."""

import io

import pytest

from gongkai.orgs import demo as orgs_demo
from gongkai.publishing import models as publishing_models
from gongkai.publishing import services as publishing
from gongkai.publishing.models import CatalogNode
from gongkai.sitecheck import demo, selectors
from gongkai.sitecheck.models import InspectionRun, NewMediaAccount, NodeRule, Reminder, ZombieCampaign
from gongkai.sitecheck.vocab import AccountState

pytestmark = pytest.mark.django_db


@pytest.mark.browser
def test_demo_shows_every_state_and_is_idempotent():
    # axe-core runs in a real headless Chromium; its requests are answered in this thread, on this test's
    # connection, so the planted page (not yet committed) is what it checks.
    orgs_demo.load(io.StringIO())
    publishing.ensure_template()
    demo.load(io.StringIO())
    assert NodeRule.objects.count() == CatalogNode.objects.filter(unit__isnull=True).count()
    assert {a.state for a in NewMediaAccount.objects.all()} == set(AccountState.values)
    assert NewMediaAccount.objects.count() == 12
    assert [a.name for a in selectors.stale_accounts(None)] == ["示范县自然资源"]
    matrix = selectors.due_matrix(None)
    assert matrix.overdue and matrix.empty
    assert any(c.rule.kind == "event" and c.status.overdue for c in matrix.overdue)
    camp = ZombieCampaign.objects.get()
    assert [i.account.name for i in camp.items.all()] == ["示范县自然资源"]
    reminders = Reminder.objects.count()
    assert reminders and Reminder.objects.filter(key__startswith="stale-").count() == 1
    # The inspection of the demo portal finds the planted problems, and its verdict follows from them.
    run = InspectionRun.objects.get()
    found = {(f.kind, f.message) for f in run.findings.all()}
    kinds = {k for k, _ in found}
    assert {"broken_link", "wording", "leader_title", "stale_column", "accessibility"} <= kinds, found
    planted = publishing_models.Publication.objects.get(title=demo.PLANTED_TITLE)
    a11y = [f for f in run.findings.all() if f.kind == "accessibility"]
    assert any(f.url.endswith(f"/xxgk/info/{planted.pk}/") for f in a11y), [(f.url, f.message) for f in a11y]
    stale = [m for k, m in found if k == "stale_column"]
    assert any(m.startswith("栏目“示范县司法局·政策解读”200天未更新") for m in stale), stale
    # Empty catalogue items are one finding per unit, not per unit × item; the site's columns are all filled.
    per_unit = [m for k, m in found if k == "empty_catalogue"]
    assert len(per_unit) == len({m.split("有", 1)[0] for m in per_unit})
    # (the 政策文件 library is empty here: the policies demo is not loaded in this test)
    empty = [m for k, m in found if k == "empty_column"]
    assert not [m for m in empty if "法定主动公开内容" in m] and len(empty) < 5, empty
    vetoes = {v["key"]: v["failed"] for v in run.scorecard["vetoes"]}
    assert vetoes["security"] and not vetoes["columns"]  # 副县长 for 县长: a serious wording error
    assert run.verdict == "不合格（单项否决：安全、泄密事故等严重问题）"
    demo.load(io.StringIO())
    assert InspectionRun.objects.count() == 1
    assert NewMediaAccount.objects.count() == 12
    assert ZombieCampaign.objects.count() == 1 and Reminder.objects.count() == reminders
