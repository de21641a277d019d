"""Shared fixtures: two units, staff with each kind of audit access, and an attacker's way into the database."""

import pytest
from django.db import connection

from gongkai.audit import services
from gongkai.orgs.models import Membership, Unit, User
from gongkai.roles import Role


@pytest.fixture
def units(db):
    unit_a = Unit.objects.create(name="测试县发展和改革委员会", short_name="县发改委")
    unit_b = Unit.objects.create(name="测试县自然资源局", short_name="县自然资源局")
    return unit_a, unit_b


def _staff(username, full_name, unit, role):
    user = User.objects.create_user(username, password="Audit2026check", full_name=full_name)
    if role:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def people(units):
    unit_a, unit_b = units
    return {
        "office": _staff("office", "王办", unit_a, Role.OFFICE_ADMIN),
        "sysadmin": _staff("sysadmin", "赵管", unit_a, Role.SYS_ADMIN),
        "leader_a": _staff("leader_a", "钱主任", unit_a, Role.LEADER),
        "editor_a": _staff("editor_a", "孙编辑", unit_a, Role.EDITOR),
        "editor_b": _staff("editor_b", "李编辑", unit_b, Role.EDITOR),
    }


def make_events(count, *, actor=None, unit=None, action="test.edit", prefix="文件"):
    return [
        services.record(
            actor=actor,
            action=action,
            unit=unit,
            object_type="test.doc",
            object_id=str(index),
            object_repr=f"{prefix}{index}",
            before={"title": f"旧标题{index}"},
            after={"title": f"新标题{index}"},
        )
        for index in range(count)
    ]


GUARDS = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS audit_event_no_update",
        "DROP TRIGGER IF EXISTS audit_event_no_delete",
        "DROP TRIGGER IF EXISTS audit_head_no_delete",
        "DROP TRIGGER IF EXISTS audit_head_advance",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent",
        "DROP TRIGGER IF EXISTS audit_head_no_delete ON audit_auditchainhead",
        "DROP TRIGGER IF EXISTS audit_head_advance ON audit_auditchainhead",
    ],
}


def attack(sql: str, params=()) -> None:
    """What someone with write access to the database can do: drop the triggers, then change rows.

    Runs inside the test's transaction, so the triggers are back after the test.
    """
    with connection.cursor() as cursor:
        for statement in GUARDS[connection.vendor]:
            cursor.execute(statement)
        cursor.execute(sql, params)
