"""The demo county: complete, valid, and unchanged by a second run."""

import io

from django.contrib.auth.password_validation import validate_password

from gongkai.audit.models import AuditEvent
from gongkai.core.creditcode import credit_code_error
from gongkai.orgs import demo as demo_module
from gongkai.orgs.models import Membership, Unit, UnitKind, User
from gongkai.roles import Role


def _counts():
    return (
        Unit.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


def test_running_the_demo_twice_changes_nothing(db):
    demo_module.load(io.StringIO())
    first = _counts()
    snapshot = list(Unit.objects.order_by("pk").values())
    out = io.StringIO()
    demo_module.load(out)
    assert _counts() == first
    assert list(Unit.objects.order_by("pk").values()) == snapshot
    assert "新建 0 个，更新 0 个" in out.getvalue()


def test_the_demo_restores_edited_demo_fields(demo):
    Unit.objects.filter(pk=demo["fgw"].pk).update(phone="改过的电话")
    demo_module.load(io.StringIO())
    demo["fgw"].refresh_from_db()
    assert demo["fgw"].phone.startswith("0799-")


def test_units_are_complete_and_codes_valid(demo):
    units = list(Unit.objects.all())
    assert len(units) == len(demo_module.DEMO_UNITS)
    assert sum(u.kind == UnitKind.TOWNSHIP for u in units) == 8
    assert sum(u.kind == UnitKind.SUBDISTRICT for u in units) == 2
    for unit in units:
        assert credit_code_error(unit.credit_code) is None, unit
        head = unit.credit_code[:2]
        expected = {"institution": "12", "enterprise": "91"}.get(unit.kind, "11")
        assert head == expected, unit
        assert (
            unit.index_prefix
            and unit.address
            and unit.phone
            and unit.postcode
            and unit.email
            and unit.office_hours
        )
    gov = demo["gov"]
    assert gov.kind == UnitKind.GOVERNMENT and gov.parent is None
    assert demo["zfb"].parent == gov and demo["zfb"].kind == UnitKind.OFFICE


def test_staff_roles_and_password(demo):
    for key in ("zfb", "fgw", "zrzy", "jkt", "sfj", "cgz", "dsz"):
        roles = set(Membership.objects.filter(unit=demo[key]).values_list("role", flat=True))
        assert {Role.EDITOR, Role.REVIEWER, Role.FOI_OFFICER, Role.LEADER} <= roles, key
    assert Membership.objects.filter(unit=demo["sfj"], role=Role.LEGAL_ADVISER).exists()
    assert Membership.objects.filter(unit=demo["zfb"], role=Role.OFFICE_ADMIN).count() == 2
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    for username in ("office", "fgw_editor", "zrzy_foi", "sfj_legal", "admin"):
        user = User.objects.get(username=username)
        assert user.check_password(demo_module.DEMO_PASSWORD)
        assert user.full_name
    validate_password(demo_module.DEMO_PASSWORD)


def test_print_logins_lists_every_account(demo):
    out = io.StringIO()
    demo_module.print_logins(out)
    text = out.getvalue()
    assert demo_module.DEMO_PASSWORD in text
    assert "http://127.0.0.1:8000/work/" in text
    for user in User.objects.all():
        assert user.username in text
    assert "fgw_editor" in text and "李明" in text and "县发改委" in text and "信息编辑" in text


def test_demo_logins_work(client, demo):
    response = client.post("/work/login/", {"username": "fgw_editor", "password": demo_module.DEMO_PASSWORD})
    assert response.status_code == 302
