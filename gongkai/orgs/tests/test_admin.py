"""System admin (Django admin) for units and users: pages render, saves go through the audited services."""

from gongkai.audit.models import AuditEvent
from gongkai.orgs.models import Membership, Unit

from .conftest import make_user


def test_admin_pages_render_for_a_superuser(client, county, sys_admin):
    client.force_login(sys_admin)
    for url in [
        "/sysadmin/orgs/unit/",
        f"/sysadmin/orgs/unit/{county['fgw'].pk}/change/",
        "/sysadmin/orgs/unit/add/",
        "/sysadmin/orgs/user/",
        f"/sysadmin/orgs/user/{sys_admin.pk}/change/",
        "/sysadmin/orgs/user/add/",
    ]:
        assert client.get(url).status_code == 200, url


def test_admin_unit_change_is_audited(client, county, sys_admin):
    client.force_login(sys_admin)
    unit = county["czj"]
    data = {
        "parent": county["gov"].pk,
        "kind": "department",
        "name": unit.name,
        "short_name": "县财政局",
        "aliases": '["财政局"]',
        "credit_code": "",
        "index_prefix": "",
        "sort_order": 20,
        "is_active": "on",
        "address": "",
        "postcode": "",
        "office_hours": "",
        "phone": "0799-8888888",
        "fax": "",
        "email": "",
        "website": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = client.post(f"/sysadmin/orgs/unit/{unit.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    unit.refresh_from_db()
    assert unit.phone == "0799-8888888" and unit.aliases == ["财政局"]
    event = AuditEvent.objects.get(action="unit.update", object_id=str(unit.pk))
    assert event.after == {"aliases": ["财政局"], "phone": "0799-8888888"}


def test_admin_is_closed_to_office_admins(client, county, office_admin):
    client.force_login(office_admin)
    response = client.get("/sysadmin/orgs/unit/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_admin_membership_inline_is_audited(client, county, sys_admin):
    user = make_user("czj_editor")
    client.force_login(sys_admin)
    data = {
        "username": user.username,
        "full_name": "钱七",
        "phone": "",
        "email": "",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-0-unit": county["czj"].pk,
        "memberships-0-role": "editor",
    }
    response = client.post(f"/sysadmin/orgs/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Membership.objects.filter(user=user, unit=county["czj"], role="editor").exists()
    assert AuditEvent.objects.filter(action="membership.add").exists()
    assert AuditEvent.objects.get(action="staff.update").after == {"full_name": "钱七"}
    assert Unit.objects.count() == 4
