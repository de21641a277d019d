"""Helpers building the messages' test world (units, staff, channels) and messages through the services."""

from __future__ import annotations

from datetime import date

from gongkai.messages import services
from gongkai.messages.models import Channel
from gongkai.orgs.models import Membership, Unit, User
from gongkai.roles import Role


def make_user(username, unit, *roles, full_name=""):
    user = User.objects.create_user(username, password="Testpass2026x", full_name=full_name or username)
    for role in roles:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


class World:
    pass


def build_world() -> World:
    w = World()
    w.town = Unit.objects.create(name="示范县城关镇人民政府", short_name="城关镇", kind="township")
    w.dept = Unit.objects.create(name="示范县住房和城乡建设局", short_name="县住建局", kind="department")
    w.office_unit = Unit.objects.create(name="示范县人民政府办公室", kind="office")
    w.editor = make_user("town_editor", w.town, Role.EDITOR, full_name="曾丽萍")
    w.leader = make_user("town_leader", w.town, Role.LEADER, full_name="王建国")
    w.dept_editor = make_user("dept_editor", w.dept, Role.EDITOR, full_name="李明")
    w.dept_leader = make_user("dept_leader", w.dept, Role.LEADER, full_name="赵雪梅")
    w.office = make_user("office", w.office_unit, Role.OFFICE_ADMIN, full_name="陈主任")
    services.ensure_channels()
    w.mayor = Channel.objects.get(code="mayor")
    w.consult = Channel.objects.get(code="consult")
    return w


def message(w, *, channel=None, received_on: date | None = None, private=False, body=None, **extra):
    intake = services.submit(
        channel or w.consult,
        subject=extra.pop("subject", "老旧小区改造何时开工"),
        body=body or "请问城关镇幸福小区的老旧小区改造什么时候开工？",
        writer_name="张三",
        writer_contact="13812345678",
        wants_private=private,
        received_on=received_on,
        **extra,
    )
    return intake.message


def replied(w, *, unit=None, reply="您好，幸福小区改造计划于2026年5月开工，届时将张贴公告。", **kwargs):
    unit = unit or w.town
    msg = message(w, **kwargs)
    msg = services.dispatch(msg, actor=w.office, unit=unit)
    editor = w.editor if unit == w.town else w.dept_editor
    leader = w.leader if unit == w.town else w.dept_leader
    msg = services.draft_reply(msg, actor=editor, reply=reply)
    return services.approve_reply(msg, actor=leader)
