"""Units and staff: the only code that changes them. Each function runs in a transaction and writes an audit event
with the state before and after (``gongkai.audit.services.record``).

``actor`` is the user doing it, or None for the system (``gongkai demo``, management commands). Who may do what is
in ``access.py``: views check first, services check again and refuse with ``OrgsError`` (``code="forbidden"``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.audit.services import diff, record
from gongkai.roles import Role

from . import access, unit_io
from .checks import (  # noqa: F401 - EDITABLE_FIELDS and clean_aliases are part of this module's surface
    EDITABLE_FIELDS,
    UNIT_FIELDS,
    clean_aliases,
    first_error,
    normalize_unit_fields,
    staff_account_problems,
)
from .errors import OrgsError
from .models import Leader, LoginFailure, Membership, Unit, UnitKind, User
from .resolver import invalidate

FORBIDDEN = "forbidden"


def unit_snapshot(unit: Unit) -> dict:
    data = {field: getattr(unit, field) for field in UNIT_FIELDS}
    data["aliases"] = list(unit.aliases or [])
    return data


def _require_unit_manager(actor) -> None:
    if not access.can_manage_units(actor):
        raise OrgsError("只有政务公开办管理员或系统管理员可以维护单位和人员。", code=FORBIDDEN)


def _require_staff_manager(actor) -> None:
    if not access.can_manage_staff(actor):
        raise OrgsError("只有政务公开办管理员或系统管理员可以维护单位和人员。", code=FORBIDDEN)


def _after_commit_invalidate() -> None:
    transaction.on_commit(invalidate)


def _validate_unit(unit: Unit) -> None:
    """Model validation plus the rules the name resolver needs (short names must not collide)."""
    others = Unit.objects.exclude(pk=unit.pk)
    for field, label in (("credit_code", "统一社会信用代码"), ("index_prefix", "索引号前缀")):
        value = getattr(unit, field)
        other = others.filter(**{field: value}).first() if value else None
        if other:
            raise OrgsError(f"{label}“{value}”已被单位“{other.name}”使用。", field=field)
    try:
        unit.full_clean()
    except ValidationError as exc:
        raise first_error(exc) from exc
    if unit.kind == UnitKind.GOVERNMENT and unit.parent_id:
        raise OrgsError("县人民政府是单位树的根，不能有上级单位。", field="parent")
    names = [name for name in (unit.name, unit.short_name) if name]
    clash = (
        Unit.objects.filter(is_active=True)
        .exclude(pk=unit.pk)
        .filter(Q(name__in=names) | Q(short_name__in=names))
        .first()
    )
    if clash:
        field = "short_name" if unit.short_name in (clash.name, clash.short_name) else "name"
        used = unit.short_name if field == "short_name" else unit.name
        raise OrgsError(f"“{used}”已是单位“{clash.name}”的名称或简称，请换一个以免解析时混淆。", field=field)


def _check_no_cycle(unit: Unit, parent: Unit | None) -> None:
    """The new parent must be active and must not be the unit itself or one of its descendants (read from the
    database: the objects passed in may be stale)."""
    if parent is None:
        return
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    node: int | None = parent.pk
    seen: set[int] = set()
    while node is not None and node not in seen:
        if unit.pk is not None and node == unit.pk:
            raise OrgsError(f"不能把“{unit.name}”移到它自己或它的下级单位之下。", field="parent")
        seen.add(node)
        node = parents.get(node)
    if not Unit.objects.filter(pk=parent.pk, is_active=True).exists():
        raise OrgsError(f"上级单位“{parent.name}”已停用，请先启用或另选上级。", field="parent")


@transaction.atomic
def create_unit(
    *, actor, name: str, kind: str = UnitKind.DEPARTMENT, parent: Unit | None = None, **fields
) -> Unit:
    """Create a unit (新建单位)."""
    _require_unit_manager(actor)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    values = normalize_unit_fields({"name": name, "kind": kind, **fields})
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
def update_unit(unit: Unit, *, actor, reason: str = "", **changes) -> Unit:
    """Change a unit's fields (修改单位信息); ``parent`` moves it (no cycles). Records only what changed."""
    _require_unit_manager(actor)
    unknown = set(changes) - EDITABLE_FIELDS - {"is_active"}
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = unit_snapshot(unit)
    values = normalize_unit_fields(changes)
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
        raise OrgsError(f"上级单位“{unit.parent.name}”已停用，请先启用上级单位。", field="is_active")
    _validate_unit(unit)
    unit.save()
    old, new = diff(before, after)
    record(actor=actor, action="unit.update", obj=unit, unit=unit, before=old, after=new, reason=reason)
    _after_commit_invalidate()
    return unit


@transaction.atomic
def deactivate_unit(unit: Unit, *, actor, reason: str = "") -> Unit:
    """Stop using a unit (停用): it leaves pick lists and the resolver; its history stays. Refused while it has
    active subordinate units."""
    _require_unit_manager(actor)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if not unit.is_active:
        return unit
    children = list(unit.children.filter(is_active=True).values_list("name", flat=True)[:5])
    if children:
        raise OrgsError(f"“{unit.name}”还有启用中的下级单位（{'、'.join(children)}），请先停用或移走它们。")
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
def activate_unit(unit: Unit, *, actor, reason: str = "") -> Unit:
    """Use a stopped unit again (启用); its parent must be active."""
    return update_unit(unit, actor=actor, is_active=True, reason=reason)


@transaction.atomic
def move_unit(unit: Unit, *, actor, parent: Unit | None, reason: str = "") -> Unit:
    """Put a unit under another parent (调整隶属关系); refuses cycles."""
    return update_unit(unit, actor=actor, parent=parent, reason=reason)


@transaction.atomic
def set_aliases(unit: Unit, *, actor, aliases: Iterable[str] | str, reason: str = "") -> Unit:
    """Replace a unit's aliases (别名), e.g. 发改委、县发展改革委."""
    return update_unit(unit, actor=actor, aliases=clean_aliases(aliases), reason=reason)


MAX_LEADERS = 30


@transaction.atomic
def save_leaders(unit: Unit, *, actor, leaders: Iterable[dict], reason: str = "") -> list[Leader]:
    """Replace the unit's 领导信息 (leaders in display order, each ``name``, ``post``, ``duties``); rows with no name
    and no post are skipped. Nothing is saved when a row is incomplete."""
    _require_unit_manager(actor)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    rows = []
    for number, row in enumerate(leaders, start=1):
        name = " ".join((row.get("name") or "").split())
        post = " ".join((row.get("post") or "").split())
        duties = (row.get("duties") or "").strip()
        if not name and not post and not duties:
            continue
        if not name or not post:
            raise OrgsError(
                f"第 {number} 位领导的{'姓名' if not name else '职务'}未填写：请补全或清空该行。",
                field="leaders",
            )
        rows.append({"name": name[:50], "post": post[:100], "duties": duties})
    if len(rows) > MAX_LEADERS:
        raise OrgsError(f"一个单位最多登记 {MAX_LEADERS} 位领导，请删去多余的行。", field="leaders")

    def lines(items) -> list[str]:
        return [
            f"{item['post']} {item['name']}" + (f"：{item['duties']}" if item["duties"] else "")
            for item in items
        ]

    before = lines(list(unit.leaders.values("name", "post", "duties")))
    after = lines(rows)
    if before == after:
        return list(unit.leaders.all())
    unit.leaders.all().delete()
    saved = [Leader.objects.create(unit=unit, sort_order=i, **row) for i, row in enumerate(rows)]
    record(
        actor=actor,
        action="unit.leaders",
        obj=unit,
        unit=unit,
        before={"leaders": before},
        after={"leaders": after},
        reason=reason,
    )
    return saved


def _require_grant(actor, role: str, grantee: User | None = None) -> None:
    _require_staff_manager(actor)
    if grantee is not None and access.is_own_grant(actor, grantee):
        raise OrgsError("不能给自己分配岗位：请由另一位管理员分配。", code=FORBIDDEN, field="user")
    if not access.can_grant_role(actor, role, grantee):
        if role == Role.LEGAL_ADVISER:
            raise OrgsError("法律顾问岗位只能由系统管理员分配或撤销。", code=FORBIDDEN, field="role")
        raise OrgsError("只有系统管理员可以授予全县范围的管理角色。", code=FORBIDDEN, field="role")


@transaction.atomic
def add_membership(user: User, *, actor, unit: Unit, role: str) -> Membership:
    """Give ``user`` a role in ``unit`` (分配岗位). Idempotent. Never to oneself; the event is what the unit
    leader's card (``cards.granted_roles_cards``) lists."""
    if role not in Role.values:
        raise OrgsError(f"未知角色“{role}”。", field="role")
    _require_grant(actor, role, user)
    if not unit.is_active:
        raise OrgsError(f"单位“{unit.name}”已停用，不能分配岗位。")
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
def remove_membership(membership: Membership, *, actor, reason: str = "") -> None:
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
    *,
    actor,
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
    _require_staff_manager(actor)
    if is_superuser and not access.can_create_sys_admin(actor):
        raise OrgsError("只有系统管理员可以创建系统管理员账号。", code=FORBIDDEN)
    problems = staff_account_problems(
        username=username, password=password, full_name=full_name, phone=phone, email=email
    )
    if problems:
        field, messages = next(iter(problems.items()))
        raise OrgsError("".join(messages) if field == "password" else messages[0], field=field)
    roles = list(roles)
    if roles and unit is None:
        raise OrgsError("分配岗位须指定单位：请先选择账号所在的单位，或不勾选角色。", field="unit")
    user = User(
        username=username.strip(),
        full_name=full_name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        is_staff=is_superuser,
        is_superuser=is_superuser,
    )
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)
    user.save()
    record(actor=actor, action="staff.create", obj=user, unit=unit, before=None, after=user_snapshot(user))
    if unit is not None:  # roles come only with a unit (refused above)
        for role in roles:
            add_membership(user, actor=actor, unit=unit, role=role)
    if is_superuser and unit is not None:
        add_membership(user, actor=actor, unit=unit, role=Role.SYS_ADMIN)
    return user


@transaction.atomic
def save_user_from_admin(user: User, *, actor, created: bool, before: dict | None) -> User:
    """Save a user edited in the system admin (Django admin), with an audit event."""
    if not access.can_use_system_admin(actor):
        raise OrgsError("只有系统管理员可以在系统管理中修改账号。", code=FORBIDDEN)
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
def import_units(plan: unit_io.ImportPlan, *, actor) -> dict:
    """Apply a checked import (批量导入单位): all rows or none. ``plan`` comes from ``unit_io.check_table``;
    it is checked again here against the current data, so a stale preview cannot slip through."""
    _require_unit_manager(actor)
    plan = unit_io.check_table(plan.header, plan.raw_rows, filename=plan.filename)
    if not plan.ok:
        shown = plan.errors[:5]
        more = f"等{len(plan.errors)}处" if len(plan.errors) > len(shown) else ""
        raise OrgsError(f"单位表未通过检查{more}，请修改后重新上传：{'；'.join(shown)}")
    by_name = {unit.name: unit for unit in Unit.objects.filter(name__in=[row.name for row in plan.rows])}
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
            by_name[row.name] = create_unit(actor=actor, name=name, kind=kind, **values)
            counts["create"] += 1
        else:
            values.pop("name", None)
            updated = update_unit(existing, actor=actor, reason=f"批量导入（{plan.filename}）", **values)
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


# --- Login protection and passwords (登录保护与密码) -------------------------------------------------------------


@transaction.atomic
def unlock_login(*, actor, username: str = "", client_ip: str = "", reason: str = "") -> int:
    """Lift the lockout and delay of an account (all its failed logins) or of a client address (解除登录锁定).

    Returns how many failed logins were cleared; refuses when none match, so a typo is not recorded as an unlock."""
    if not access.can_unlock_logins(actor):
        raise OrgsError("只有政务公开办管理员或系统管理员可以解除登录锁定。", code=FORBIDDEN)
    username, client_ip = username.strip(), client_ip.strip()
    if bool(username) == bool(client_ip):
        raise OrgsError("请指定要解锁的账号或网络地址（二者选一）。", field="username")
    rows = (
        LoginFailure.objects.filter(username__iexact=username)
        if username
        else LoginFailure.objects.filter(client_ip=client_ip)
    )
    count = rows.count()
    if not count:
        what = f"账号“{username}”" if username else f"地址 {client_ip}"
        raise OrgsError(
            f"{what}没有登录失败记录，无需解锁；请核对后重试。", field="username" if username else "client_ip"
        )
    addresses = sorted({ip or "未知" for ip in rows.values_list("client_ip", flat=True)})
    account = User.objects.filter(username__iexact=username).first() if username else None
    rows.delete()
    before = {"failures": count, "client_ips": addresses}
    after = {"failures": 0, "username": username, "client_ip": client_ip}
    if account is not None:
        record(actor=actor, action="auth.unlocked", obj=account, before=before, after=after, reason=reason)
    else:
        record(
            actor=actor,
            action="auth.unlocked",
            object_type="auth.client",
            object_id=client_ip or username,
            object_repr=f"账号 {username}" if username else f"客户端 {client_ip}",
            before=before,
            after=after,
            reason=reason,
        )
    return count


def purge_login_failures(*, actor=None, today=None) -> int:
    """Delete failed-login rows older than ``GONGKAI_LOGIN_FAILURE_DAYS`` (登录失败记录清理), so a guessing
    campaign cannot grow the table without bound. The lockout and the delay only look at recent rows; the audit log
    keeps every failed login. Deletes in short transactions; one audit event with the count."""
    if not access.can_unlock_logins(actor):
        raise OrgsError("只有政务公开办管理员或系统管理员可以清理登录失败记录。", code=FORBIDDEN)
    cutoff = (today or timezone.now()) - timedelta(days=settings.GONGKAI_LOGIN_FAILURE_DAYS)
    deleted = 0
    while True:
        with transaction.atomic():
            pks = list(LoginFailure.objects.filter(time__lt=cutoff).values_list("pk", flat=True)[:5000])
            if not pks:
                break
            deleted += LoginFailure.objects.filter(pk__in=pks).delete()[0]
    if deleted:
        record(
            actor=actor,
            action="auth.failures_purged",
            object_type="auth.loginfailure",
            object_repr="登录失败记录",
            before={"older_than": cutoff.isoformat(timespec="minutes")},
            after={"deleted": deleted},
        )
    return deleted


@transaction.atomic
def change_password(account: User, *, actor, old_password: str, new_password: str) -> User:
    """The owner changes their own password (修改密码): the current one must be right and the new one must pass
    every validator (AUTH_PASSWORD_VALIDATORS). Audited without any password."""
    if not access.can_change_password(actor, account):
        raise OrgsError("只能修改自己的密码；他人的密码请系统管理员在系统管理中重置。", code=FORBIDDEN)
    account = User.objects.select_for_update().get(pk=account.pk)
    if not account.check_password(old_password):
        raise OrgsError("当前密码不正确，请重新输入。", field="old_password")
    if new_password == old_password:
        raise OrgsError("新密码不能与当前密码相同，请换一个。", field="new_password1")
    try:
        validate_password(new_password, account)
    except ValidationError as exc:
        raise OrgsError("".join(exc.messages), field="new_password1") from exc
    account.set_password(new_password)
    account.save(update_fields=["password"])
    record(actor=actor, action="auth.password_changed", obj=account, reason="本人修改密码")
    return account
