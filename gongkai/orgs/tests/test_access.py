"""The rules of ``orgs.access``: who manages units, staff and roles (the system, ``None``, may do everything)."""

from gongkai.orgs import access
from gongkai.orgs.models import Membership
from gongkai.roles import Role


def test_units_and_staff_are_managed_by_the_office(county, office_admin, sys_admin, editor):
    for rule in (access.can_manage_units, access.can_manage_staff):
        assert rule(office_admin) and rule(sys_admin) and rule(None)
        assert not rule(editor)


def test_county_wide_roles_and_sys_admin_accounts_need_a_sys_admin(county, office_admin, sys_admin, editor):
    assert access.can_grant_role(office_admin, Role.EDITOR)
    assert not access.can_grant_role(office_admin, Role.OFFICE_ADMIN)
    assert access.can_grant_role(sys_admin, Role.OFFICE_ADMIN) and access.can_grant_role(None, Role.SYS_ADMIN)
    assert not access.can_grant_role(editor, Role.EDITOR)
    assert access.can_create_sys_admin(sys_admin) and not access.can_create_sys_admin(office_admin)


def test_a_units_staff_list_is_for_its_members_and_the_office(county, office_admin, editor):
    assert access.can_see_staff(editor, county["fgw"]) and not access.can_see_staff(editor, county["czj"])
    assert access.can_see_staff(office_admin, county["czj"]) and access.can_see_staff(None, county["czj"])


def test_own_admin_role(county, office_admin, editor):
    own = Membership.objects.get(user=office_admin)
    assert access.removes_own_admin_role(office_admin, own)
    assert not access.removes_own_admin_role(editor, own)
    assert not access.removes_own_admin_role(editor, Membership.objects.get(user=editor))
