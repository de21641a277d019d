"""Units and staff: the only code that changes them. Each function runs in a transaction and writes an audit event
with the state before and after (``gongkai.audit.services.record``).

``actor`` is the user doing it, or None for the system (``gongkai demo``, management commands). A user actor must
be an office admin or system admin (政务公开办管理员 / 系统管理员); views check first, services check again.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from gongkai.audit.services import diff, record

from . import permissions
from .models import Membership, Unit, UnitKind, User
from .roles import COUNTY_WIDE_ROLES, Role

# Stored unit fields, in the order they are shown and exported.
UNIT_FIELDS = (
    "parent_id",
    "kind",
    "name",
    "short_name",
    "aliases",
    "credit_code",
    "index_prefix",
    "sort_order",
    "is_active",
    "address",
    "postcode",
    "office_hours",
    "phone",
    "fax",
    "email",
    "website",
)
EDITABLE_FIELDS = frozenset(UNIT_FIELDS) - {"parent_id", "is_active"} | {"parent"}
ALIAS_SEPARATORS = "、，,;；\n"


def unit_snapshot(unit: Unit) -> dict:
    data = {f: getattr(unit, f) for f in UNIT_FIELDS}
    data["aliases"] = list(unit.aliases or [])
    return data


def _require_admin(actor) -> None:
    if actor is not None and not permissions.is_office_admin(actor):
        raise PermissionDenied("只有政务公开办管理员或系统管理员可以维护单位和人员。")


def _after_commit_invalidate() -> None:
    from .resolver import invalidate

    transaction.on_commit(invalidate)


def clean_aliases(aliases: Iterable[str] | str, *, exclude: Iterable[str] = ()) -> list[str]:
    """Aliases as a clean list: split on 、/，/；, spaces removed, no empties, no repeats, none equal to ``exclude``."""
    if isinstance(aliases, str):
        for sep in ALIAS_SEPARATORS:
            aliases = aliases.replace(sep, "\n")
        aliases = aliases.split("\n")
    skip = {"".join(x.split()) for x in exclude if x}
    out: list[str] = []
    for alias in aliases:
        alias = "".join(str(alias).split())
        if alias and alias not in skip and alias not in out:
            if len(alias) > 50:
                raise ValidationError({"aliases": f"别名“{alias[:20]}…”过长：每个别名不超过50字。"})
            out.append(alias)
    return out


def _normalise_fields(values: dict) -> dict:
    out = dict(values)
    for key in (
        "name",
        "short_name",
        "credit_code",
        "index_prefix",
        "postcode",
        "phone",
        "fax",
        "email",
        "website",
    ):
        if key in out and isinstance(out[key], str):
            out[key] = out[key].strip()
    if "name" in out:
        out["name"] = "".join(out["name"].split())
    if "short_name" in out:
        out["short_name"] = "".join(out["short_name"].split())
    if out.get("credit_code"):
        out["credit_code"] = out["credit_code"].upper()
    return out


def _validate_unit(unit: Unit) -> None:
    """Model validation plus the rules the name resolver needs (short names must not collide)."""
    others = Unit.objects.exclude(pk=unit.pk)
    for field, label in (("credit_code", "统一社会信用代码"), ("index_prefix", "索引号前缀")):
        value = getattr(unit, field)
        other = others.filter(**{field: value}).first() if value else None
        if other:
            raise ValidationError({field: f"{label}“{value}”已被单位“{other.name}”使用。"})
    unit.full_clean()
    if unit.kind == UnitKind.GOVERNMENT and unit.parent_id:
        raise ValidationError({"parent": "县人民政府是单位树的根，不能有上级单位。"})
    names = [n for n in (unit.name, unit.short_name) if n]
    clash = (
        Unit.objects.filter(is_active=True)
        .exclude(pk=unit.pk)
        .filter(Q(name__in=names) | Q(short_name__in=names))
        .first()
    )
    if clash:
        field = "short_name" if unit.short_name in (clash.name, clash.short_name) else "name"
        used = unit.short_name if field == "short_name" else unit.name
        raise ValidationError(
            {field: f"“{used}”已是单位“{clash.name}”的名称或简称，请换一个以免解析时混淆。"}
        )


def _check_no_cycle(unit: Unit, parent: Unit | None) -> None:
    """The new parent must be active and must not be the unit itself or one of its descendants (read from the
    database: the objects passed in may be stale)."""
    if parent is None:
        return
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    node, seen = parent.pk, set()
    while node is not None and node not in seen:
        if unit.pk is not None and node == unit.pk:
            raise ValidationError({"parent": f"不能把“{unit.name}”移到它自己或它的下级单位之下。"})
        seen.add(node)
        node = parents.get(node)
    if not Unit.objects.filter(pk=parent.pk, is_active=True).exists():
        raise ValidationError({"parent": f"上级单位“{parent.name}”已停用，请先启用或另选上级。"})


@transaction.atomic
def create_unit(
    actor, *, name: str, kind: str = UnitKind.DEPARTMENT, parent: Unit | None = None, **fields
) -> Unit:
    """Create a unit (新建单位)."""
    _require_admin(actor)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    values = _normalise_fields({"name": name, "kind": kind, **fields})
    values["aliases"] = clean_aliases(
        values.get("aliases") or [], exclude=(values["name"], values.get("short_name", ""))
    )
    unit = Unit(parent=parent, **values)
    _check_no_cycle(unit, parent)
    _validate_unit(unit)
    unit.save()
    record(actor=actor, action="unit.create", obj=unit, unit=unit, before=None, after=unit_snapshot(unit))
    _after_commit_invalidate()
    return unit


@transaction.atomic
def update_unit(actor, unit: Unit, *, reason: str = "", **changes) -> Unit:
    """Change a unit's fields (修改单位信息); ``parent`` moves it (no cycles). Records only what changed."""
    _require_admin(actor)
    unknown = set(changes) - EDITABLE_FIELDS - {"is_active"}
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = unit_snapshot(unit)
    values = _normalise_fields(changes)
    if "parent" in values:
        parent = values.pop("parent")
        _check_no_cycle(unit, parent)
        unit.parent = parent
    for key, value in values.items():
        setattr(unit, key, value)
    if "aliases" in values or "name" in values or "short_name" in values:
        unit.aliases = clean_aliases(unit.aliases or [], exclude=(unit.name, unit.short_name))
    after = unit_snapshot(unit)
    if after == before:
        return unit
    if unit.is_active and not before["is_active"] and unit.parent and not unit.parent.is_active:
        raise ValidationError({"is_active": f"上级单位“{unit.parent.name}”已停用，请先启用上级单位。"})
    _validate_unit(unit)
    unit.save()
    old, new = diff(before, after)
    record(actor=actor, action="unit.update", obj=unit, unit=unit, before=old, after=new, reason=reason)
    _after_commit_invalidate()
    return unit


@transaction.atomic
def deactivate_unit(actor, unit: Unit, reason: str = "") -> Unit:
    """Stop using a unit (停用): it leaves pick lists and the resolver; its history stays. Refused while it has
    active subordinate units."""
    _require_admin(actor)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if not unit.is_active:
        return unit
    children = list(unit.children.filter(is_active=True).values_list("name", flat=True)[:5])
    if children:
        raise ValidationError(
            f"“{unit.name}”还有启用中的下级单位（{'、'.join(children)}），请先停用或移走它们。"
        )
    unit.is_active = False
    unit.save(update_fields=["is_active", "updated"])
    record(
        actor=actor,
        action="unit.deactivate",
        obj=unit,
        unit=unit,
        before={"is_active": True},
        after={"is_active": False},
        reason=reason,
    )
    _after_commit_invalidate()
    return unit


@transaction.atomic
def activate_unit(actor, unit: Unit, reason: str = "") -> Unit:
    """Use a stopped unit again (启用); its parent must be active."""
    return update_unit(actor, unit, is_active=True, reason=reason)


@transaction.atomic
def move_unit(actor, unit: Unit, new_parent: Unit | None, reason: str = "") -> Unit:
    """Put a unit under another parent (调整隶属关系); refuses cycles."""
    return update_unit(actor, unit, parent=new_parent, reason=reason)


@transaction.atomic
def set_aliases(actor, unit: Unit, aliases: Iterable[str] | str, reason: str = "") -> Unit:
    """Replace a unit's aliases (别名), e.g. 发改委、县发展改革委."""
    return update_unit(actor, unit, aliases=clean_aliases(aliases), reason=reason)


def _require_grant(actor, role: str) -> None:
    _require_admin(actor)
    if actor is not None and role in COUNTY_WIDE_ROLES and not permissions.is_sys_admin(actor):
        raise PermissionDenied("只有系统管理员可以授予全县范围的管理角色。")


@transaction.atomic
def add_membership(actor, user: User, unit: Unit, role: str) -> Membership:
    """Give ``user`` a role in ``unit`` (分配岗位). Idempotent."""
    if role not in Role.values:
        raise ValidationError(f"未知角色“{role}”。")
    _require_grant(actor, role)
    if not unit.is_active:
        raise ValidationError(f"单位“{unit.name}”已停用，不能分配岗位。")
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if created:
        record(
            actor=actor,
            action="membership.add",
            obj=membership,
            unit=unit,
            before=None,
            after={"user": user.username, "unit": unit.name, "role": role},
        )
    return membership


@transaction.atomic
def remove_membership(actor, membership: Membership, reason: str = "") -> None:
    """Take a role away (撤销岗位)."""
    _require_grant(actor, membership.role)
    before = {"user": membership.user.username, "unit": membership.unit.name, "role": membership.role}
    record(
        actor=actor,
        action="membership.remove",
        obj=membership,
        unit=membership.unit,
        before=before,
        after=None,
        reason=reason,
    )
    membership.delete()


def user_snapshot(user: User) -> dict:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "phone": user.phone,
        "email": user.email,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
    }


@transaction.atomic
def create_staff(
    actor,
    *,
    username: str,
    password: str,
    full_name: str,
    phone: str = "",
    email: str = "",
    unit: Unit | None = None,
    roles: Iterable[str] = (),
    is_superuser: bool = False,
    password_hash: str = "",
) -> User:
    """Create a staff account (新建工作人员) and its roles in ``unit``. The password must pass the validators.

    ``password_hash``: the same password already hashed (the demo hashes its one shared password once)."""
    _require_admin(actor)
    if is_superuser and actor is not None and not permissions.is_sys_admin(actor):
        raise PermissionDenied("只有系统管理员可以创建系统管理员账号。")
    username = username.strip()
    user = User(
        username=username,
        full_name=full_name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        is_staff=is_superuser,
        is_superuser=is_superuser,
    )
    errors = {}
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = [f"用户名“{username}”已被使用。"]
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)
    user.save()
    record(actor=actor, action="staff.create", obj=user, unit=unit, before=None, after=user_snapshot(user))
    for role in roles:
        add_membership(actor, user, unit, role)
    if is_superuser and unit is not None:
        add_membership(actor, user, unit, Role.SYS_ADMIN)
    return user


@transaction.atomic
def save_user_from_admin(actor, user: User, *, created: bool, before: dict | None) -> User:
    """Save a user edited in the system admin (Django admin), with an audit event."""
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied("只有系统管理员可以在系统管理中修改账号。")
    user.save()
    after = user_snapshot(user)
    if created:
        record(actor=actor, action="staff.create", obj=user, before=None, after=after)
    else:
        old, new = diff(before or {}, after)
        if old or new:
            record(actor=actor, action="staff.update", obj=user, before=old, after=new)
    return user


@transaction.atomic
def set_staff_active(actor, user: User, active: bool, reason: str = "") -> User:
    """Enable or disable a staff account (停用/启用账号)."""
    _require_admin(actor)
    if user.is_superuser and actor is not None and not permissions.is_sys_admin(actor):
        raise PermissionDenied("只有系统管理员可以停用系统管理员账号。")
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(
        actor=actor,
        action="staff.activate" if active else "staff.deactivate",
        obj=user,
        before={"is_active": not active},
        after={"is_active": active},
        reason=reason,
    )
    return user


@transaction.atomic
def import_units(actor, plan) -> dict:
    """Apply a checked import (批量导入单位): all rows or none. ``plan`` comes from ``unit_io.check_table``;
    it is checked again here against the current data, so a stale preview cannot slip through."""
    from . import unit_io

    _require_admin(actor)
    plan = unit_io.check_table(plan.header, plan.raw_rows, filename=plan.filename)
    if not plan.ok:
        raise ValidationError(plan.errors)
    by_name = {u.name: u for u in Unit.objects.filter(name__in=[r.name for r in plan.rows])}
    counts = {"create": 0, "update": 0, "unchanged": 0}
    for row in plan.ordered_rows():
        values = dict(row.values)
        parent_name = values.pop("parent", unit_io.UNSET)
        if parent_name is not unit_io.UNSET:
            values["parent"] = None
            if parent_name:
                values["parent"] = by_name.get(parent_name) or Unit.objects.get(name=parent_name)
        existing = by_name.get(row.name)
        if existing is None:
            name = values.pop("name")
            kind = values.pop("kind")
            by_name[row.name] = create_unit(actor, name=name, kind=kind, **values)
            counts["create"] += 1
        else:
            values.pop("name", None)
            updated = update_unit(actor, existing, reason=f"批量导入（{plan.filename}）", **values)
            by_name[row.name] = updated
            counts["update" if row.changes else "unchanged"] += 1
    record(
        actor=actor,
        action="unit.import",
        object_type="orgs.unit",
        object_repr=f"导入 {plan.filename}",
        before=None,
        after={"file": plan.filename, "rows": len(plan.rows), **counts},
    )
    return counts
