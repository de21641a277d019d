"""Role grants (分配岗位): nobody to themselves, the legal adviser only by a system administrator, every grant
audited and shown to the grantee's unit leader."""

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.orgs import access, services
from gongkai.orgs.cards import granted_roles_cards
from gongkai.orgs.errors import OrgsError
from gongkai.orgs.forms import grantable_roles
from gongkai.orgs.models import Membership
from gongkai.roles import Role
from gongkai.workspace.registry import cards_for

from .conftest import make_user


def test_office_cannot_make_itself_legal_adviser_through_the_page(client, county, office_admin):
    """The attack: the office grants itself 法律顾问 and countersigns its own replies."""
    client.force_login(office_admin)
    url = reverse("orgs:unit_staff", args=[county["office"].pk])
    r = client.post(url, {"user": office_admin.pk, "role": Role.LEGAL_ADVISER})
    assert r.status_code == 200
    assert not Membership.objects.filter(user=office_admin, role=Role.LEGAL_ADVISER).exists()
    # Not even a unit-level role to oneself.
    r = client.post(url, {"user": office_admin.pk, "role": Role.EDITOR})
    assert "不能给自己分配岗位" in r.content.decode()
    assert not Membership.objects.filter(user=office_admin, role=Role.EDITOR).exists()
    assert not AuditEvent.objects.filter(action="membership.add").exists()


def test_service_refuses_own_grants_even_to_a_system_administrator(county, office_admin, sys_admin):
    for actor in (office_admin, sys_admin):
        with pytest.raises(OrgsError, match="不能给自己分配岗位"):
            services.add_membership(actor, actor=actor, unit=county["fgw"], role=Role.EDITOR)
    assert not Membership.objects.filter(unit=county["fgw"]).exists()


def test_legal_adviser_is_granted_by_a_system_administrator_only(county, office_admin, sys_admin):
    lawyer = make_user("lawyer")
    with pytest.raises(OrgsError, match="法律顾问岗位只能由系统管理员"):
        services.add_membership(lawyer, actor=office_admin, unit=county["office"], role=Role.LEGAL_ADVISER)
    assert not access.can_grant_role(office_admin, Role.LEGAL_ADVISER)
    assert Role.LEGAL_ADVISER not in dict(grantable_roles(office_admin))
    membership = services.add_membership(
        lawyer, actor=sys_admin, unit=county["office"], role=Role.LEGAL_ADVISER
    )
    event = AuditEvent.objects.get(action="membership.add", object_id=str(membership.pk))
    assert event.actor_id == sys_admin.pk and event.after["role"] == Role.LEGAL_ADVISER
    # Taking it away is the system administrator's too.
    with pytest.raises(OrgsError):
        services.remove_membership(membership, actor=office_admin)
    # The office still grants the unit-level roles to others.
    services.add_membership(lawyer, actor=office_admin, unit=county["fgw"], role=Role.EDITOR)


def test_admin_inline_refuses_own_grant(client, county, sys_admin):
    client.force_login(sys_admin)
    url = reverse("admin:orgs_user_change", args=[sys_admin.pk])
    data = {
        "username": sys_admin.username,
        "full_name": sys_admin.full_name,
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-unit": county["fgw"].pk,
        "memberships-0-role": Role.LEGAL_ADVISER,
    }
    r = client.post(url, data)
    assert r.status_code == 200 and "不能给自己分配岗位" in r.content.decode()
    assert not Membership.objects.filter(user=sys_admin, role=Role.LEGAL_ADVISER).exists()


def test_grants_show_on_the_grantee_unit_leaders_dashboard(client, county, office_admin, sys_admin):
    leader = make_user("fgw_leader", county["fgw"], Role.LEADER)
    other_leader = make_user("czj_leader", county["czj"], Role.LEADER)
    newcomer = make_user("newcomer")
    assert granted_roles_cards(leader) == []
    services.add_membership(newcomer, actor=office_admin, unit=county["fgw"], role=Role.EDITOR)
    services.add_membership(newcomer, actor=sys_admin, unit=county["fgw"], role=Role.LEGAL_ADVISER)
    (card,) = granted_roles_cards(leader)
    assert card.count == 2 and card.tone == "warn"
    text = " ".join(label for label, _ in card.items)
    assert "newcomer" in text and "法律顾问" in text and "信息编辑" in text
    assert granted_roles_cards(other_leader) == []
    assert card.title in [c.title for c in cards_for(leader)]
    client.force_login(leader)
    assert "法律顾问" in client.get(reverse("workspace:dashboard")).content.decode()
