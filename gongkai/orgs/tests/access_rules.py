"""How staff of another unit are treated on the units pages (see tests/test_permissions_sweep.py)."""

from gongkai.orgs.models import Membership
from tests.access import Rule


def _unit_b(ctx):
    return {"pk": ctx.unit_b.pk}


def _membership_b(ctx):
    return {"pk": Membership.objects.filter(unit=ctx.unit_b).first().pk}


RULES = {
    # A unit's name, kind and contacts are public (they are in its 信息公开指南); changing them is the office's job.
    "orgs:index": Rule("any_staff"),
    "orgs:unit_list": Rule("any_staff"),
    "orgs:unit_export": Rule("any_staff", lambda ctx: {"fmt": "xlsx"}),
    "orgs:unit_detail": Rule("public_info", _unit_b),
    "orgs:resolve": Rule("any_staff"),
    "orgs:unit_create": Rule("office_only"),
    "orgs:unit_import": Rule("office_only"),
    "orgs:unit_edit": Rule("office_only", _unit_b),
    "orgs:unit_leaders": Rule("office_only", _unit_b),
    "orgs:unit_deactivate": Rule("office_only", _unit_b),
    "orgs:unit_activate": Rule("office_only", _unit_b),
    # Failed logins name accounts and addresses of every unit: the office's page; unlocking is the office's too.
    "orgs:login_protection": Rule("office_only"),
    "orgs:login_unlock": Rule("office_only"),
    # Everyone changes their own password, never anyone else's (the form has no account field).
    "orgs:password_change": Rule("any_staff"),
    "orgs:staff_create": Rule("office_only", _unit_b),
    "orgs:membership_remove": Rule("office_only", _membership_b),
    # Who works in unit B and in which role is for unit B and the office only.
    "orgs:unit_staff": Rule("other_unit", _unit_b),
}
