"""The demo of site inspection: rules on the whole template, overdue and empty cells, accounts in every filing
state with one two weeks stale; a second run changes nothing."""

import io

import pytest

from gongkai.orgs import demo as orgs_demo
from gongkai.publishing import services as publishing
from gongkai.publishing.models import CatalogNode
from gongkai.sitecheck import demo, selectors
from gongkai.sitecheck.models import NewMediaAccount, NodeRule, Reminder, ZombieCampaign
from gongkai.sitecheck.vocab import AccountState

pytestmark = pytest.mark.django_db


def test_demo_shows_every_state_and_is_idempotent():
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
    demo.load(io.StringIO())
    assert NewMediaAccount.objects.count() == 12
    assert ZombieCampaign.objects.count() == 1 and Reminder.objects.count() == reminders
