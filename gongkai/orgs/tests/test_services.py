"""Units and staff services: validation, refusals, and an audit event with before → after for each change."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.audit.services import verify
from gongkai.orgs import services
from gongkai.orgs.errors import OrgsError
from gongkai.orgs.models import Membership, UnitKind, User
from gongkai.roles import Role

VALID_CODE = "91110108551385082Q"


def test_create_unit_is_audited_with_the_new_state(county, office_admin):
    unit = services.create_unit(
        actor=office_admin,
        name="测试县水利局",
        kind=UnitKind.DEPARTMENT,
        parent=county["gov"],
        short_name="县水利局",
        aliases="水利局、县水务局、水利局",
        credit_code=VALID_CODE.lower(),
    )
    assert unit.aliases == ["水利局", "县水务局"]
    assert unit.credit_code == VALID_CODE
    event = AuditEvent.objects.get(action="unit.create", object_id=str(unit.pk))
    assert event.before is None
    assert event.after["name"] == "测试县水利局"
    assert event.after["parent_id"] == county["gov"].pk
    assert event.actor == office_admin
    assert verify().ok


def test_update_unit_records_only_what_changed(county, office_admin):
    services.update_unit(county["fgw"], actor=office_admin, phone="0799-1234567", address="人民大道1号")
    event = AuditEvent.objects.get(action="unit.update", object_id=str(county["fgw"].pk))
    assert event.before == {"phone": "", "address": ""}
    assert event.after == {"phone": "0799-1234567", "address": "人民大道1号"}
    # No change, no event.
    services.update_unit(county["fgw"], actor=office_admin, phone="0799-1234567")
    assert AuditEvent.objects.filter(action="unit.update").count() == 1


def test_bad_credit_code_is_refused_and_nothing_is_saved(county, office_admin):
    with pytest.raises(OrgsError) as exc:
        services.update_unit(county["fgw"], actor=office_admin, credit_code="91110108551385082R")
    assert "末位应为 Q" in str(exc.value)
    county["fgw"].refresh_from_db()
    assert county["fgw"].credit_code == ""
    assert not AuditEvent.objects.filter(action="unit.update").exists()


def test_duplicate_credit_code_and_short_name_have_clear_messages(county, office_admin):
    services.update_unit(county["fgw"], actor=office_admin, credit_code=VALID_CODE)
    with pytest.raises(OrgsError) as exc:
        services.update_unit(county["czj"], actor=office_admin, credit_code=VALID_CODE)
    assert "已被单位“测试县发展和改革委员会”使用" in str(exc.value)
    with pytest.raises(OrgsError) as exc:
        services.create_unit(
            actor=office_admin, name="测试县发展改革局", short_name="县发改委", parent=county["gov"]
        )
    assert "县发改委" in str(exc.value) and exc.value.field == "short_name"


def test_deactivate_refuses_while_children_are_active(county, office_admin):
    with pytest.raises(OrgsError) as exc:
        services.deactivate_unit(county["gov"], actor=office_admin)
    assert "下级单位" in str(exc.value)
    services.deactivate_unit(county["czj"], actor=office_admin, reason="机构改革撤并")
    county["czj"].refresh_from_db()
    assert not county["czj"].is_active
    event = AuditEvent.objects.get(action="unit.deactivate")
    assert (event.before, event.after, event.reason) == (
        {"is_active": True},
        {"is_active": False},
        "机构改革撤并",
    )
    services.activate_unit(county["czj"], actor=office_admin)
    county["czj"].refresh_from_db()
    assert county["czj"].is_active


def test_move_unit_refuses_cycles(county, office_admin):
    services.move_unit(county["czj"], actor=office_admin, parent=county["fgw"])
    with pytest.raises(OrgsError) as exc:
        services.move_unit(county["fgw"], actor=office_admin, parent=county["czj"])
    assert "下级单位" in str(exc.value)
    with pytest.raises(OrgsError):
        services.move_unit(county["fgw"], actor=office_admin, parent=county["fgw"])
    county["fgw"].refresh_from_db()
    assert county["fgw"].parent == county["gov"]
    moved = AuditEvent.objects.get(action="unit.update", object_id=str(county["czj"].pk))
    assert moved.before == {"parent_id": county["gov"].pk} and moved.after == {"parent_id": county["fgw"].pk}


def test_set_aliases_cleans_and_audits(county, office_admin):
    services.set_aliases(
        county["fgw"], actor=office_admin, aliases="县发展改革委， 发改委；测试县发展和改革委员会"
    )
    county["fgw"].refresh_from_db()
    assert county["fgw"].aliases == ["县发展改革委", "发改委"]  # its own full name is not an alias
    event = AuditEvent.objects.get(action="unit.update", object_id=str(county["fgw"].pk))
    assert event.before == {"aliases": ["发改委"]}
    assert event.after == {"aliases": ["县发展改革委", "发改委"]}


def test_only_the_office_may_change_units(county, editor):
    with pytest.raises(OrgsError) as refused:
        services.update_unit(county["fgw"], actor=editor, phone="1")
    assert refused.value.code == "forbidden"
    with pytest.raises(OrgsError):
        services.create_unit(actor=editor, name="随便局")
    assert not AuditEvent.objects.filter(action__startswith="unit.").exists()


def test_memberships_are_audited_and_county_wide_roles_need_a_sys_admin(county, office_admin, sys_admin):
    user = User.objects.create_user("czj_editor", password="Xyz2026abcdef")
    membership = services.add_membership(user, actor=office_admin, unit=county["czj"], role=Role.EDITOR)
    again = services.add_membership(user, actor=office_admin, unit=county["czj"], role=Role.EDITOR)
    assert again == membership  # idempotent
    added = AuditEvent.objects.get(action="membership.add")
    assert added.after == {"user": "czj_editor", "unit": "测试县财政局", "role": "editor"}
    with pytest.raises(OrgsError) as refused:
        services.add_membership(user, actor=office_admin, unit=county["office"], role=Role.OFFICE_ADMIN)
    assert refused.value.code == "forbidden"
    services.add_membership(user, actor=sys_admin, unit=county["office"], role=Role.OFFICE_ADMIN)
    services.remove_membership(membership, actor=office_admin)
    removed = AuditEvent.objects.get(action="membership.remove")
    assert removed.before["role"] == "editor" and removed.after is None
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_create_staff_validates_the_password_and_saves_nothing_on_error(county, office_admin):
    with pytest.raises(OrgsError) as exc:
        services.create_staff(actor=office_admin, username="weak", password="abcdefghijk", full_name="王五")
    assert "字母和数字" in str(exc.value) and exc.value.field == "password"
    assert not User.objects.filter(username="weak").exists()
    user = services.create_staff(
        actor=office_admin,
        username="czj_foi",
        password="Strong2026pass",
        full_name="赵六",
        unit=county["czj"],
        roles=[Role.FOI_OFFICER],
    )
    assert user.check_password("Strong2026pass")
    assert user.memberships.get().role == Role.FOI_OFFICER
    event = AuditEvent.objects.get(action="staff.create")
    assert event.after["username"] == "czj_foi" and "password" not in event.after
    with pytest.raises(OrgsError) as exc:
        services.create_staff(
            actor=office_admin, username="CZJ_FOI", password="Strong2026pass", full_name="重名"
        )
    assert "已被使用" in str(exc.value)


def test_create_staff_refuses_roles_without_a_unit_and_saves_nothing(county, office_admin):
    with pytest.raises(OrgsError) as exc:
        services.create_staff(
            actor=office_admin,
            username="no_unit",
            password="Strong2026pass",
            full_name="钱七",
            roles=[Role.EDITOR],
        )
    assert "指定单位" in str(exc.value) and exc.value.field == "unit"
    assert not User.objects.filter(username="no_unit").exists()
    assert not AuditEvent.objects.filter(action="staff.create").exists()


def test_system_changes_have_no_actor(county):
    unit = services.create_unit(actor=None, name="测试县统计局", parent=county["gov"])
    event = AuditEvent.objects.get(action="unit.create", object_id=str(unit.pk))
    assert event.actor is None and event.actor_name == "系统"
