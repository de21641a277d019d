"""The 政务新媒体 registry: filing workflow (开设申请 → 审核 → 已备案 → 变更 → 关停/注销) and update records."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.orgs.models import Unit

from .. import access
from ..errors import SitecheckError
from ..models import NewMediaAccount
from ..vocab import TRANSITIONS, AccountState, Platform

MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@transaction.atomic
def apply_account(
    unit: Unit,
    *,
    actor,
    platform: str,
    name: str,
    account_id: str,
    level: str = "县级",
    operator: str = "",
    purpose: str = "",
) -> NewMediaAccount:
    """开设申请: a unit registers an account it wants to open (or already runs)."""
    if not access.can_apply_account(actor, unit):
        raise SitecheckError("只有本单位的信息编辑可以提交政务新媒体开设申请。", code="forbidden")
    if platform not in Platform.values:
        raise SitecheckError("请选择账号所在平台。", field="platform")
    name, account_id = name.strip(), account_id.strip()
    if not name or not account_id:
        raise SitecheckError("请填写账号名称和账号ID。", field="name")
    if NewMediaAccount.objects.filter(platform=platform, account_id=account_id).exists():
        raise SitecheckError(
            f"该平台上账号ID“{account_id}”已登记，请勿重复申请；如需变更请在原账号上提交变更。",
            field="account_id",
        )
    account = NewMediaAccount.objects.create(
        unit=unit,
        platform=platform,
        name=name,
        account_id=account_id,
        level=level.strip() or "县级",
        operator=operator.strip(),
        purpose=purpose.strip(),
    )
    audit.record(
        actor=actor,
        action="sitecheck.account_applied",
        obj=account,
        unit=unit,
        after={"state": account.state, "platform": platform, "name": name},
    )
    return account


@transaction.atomic
def move_account(
    account: NewMediaAccount, *, actor, to: str, filing_number: str = "", note: str = ""
) -> NewMediaAccount:
    """One step of the filing workflow; 已备案 needs the upper level's filing number, 关停/注销/变更 a note."""
    acc = NewMediaAccount.objects.select_for_update().get(pk=account.pk)
    if to not in AccountState.values:
        raise SitecheckError("未知的备案状态。", field="to")
    if to not in TRANSITIONS[acc.state]:
        allowed = "、".join(AccountState(s).label for s in TRANSITIONS[acc.state]) or "无（已注销）"
        raise SitecheckError(
            f"“{acc.get_state_display()}”的账号不能转为“{AccountState(to).label}”，可转为：{allowed}。",
            field="to",
        )
    if not access.can_move_account(actor, acc, to):
        raise SitecheckError(
            "提交审核、变更申请由本单位信息编辑办理，审核、备案、关停、注销由政务公开办办理。",
            code="forbidden",
        )
    filing_number, note = filing_number.strip(), note.strip()
    if to == AccountState.FILED and not (filing_number or acc.filing_number):
        raise SitecheckError("备案须填写上级备案号。", field="filing_number")
    if to in (AccountState.CHANGING, AccountState.SUSPENDED, AccountState.CANCELLED) and not note:
        raise SitecheckError("变更、关停、注销须写明原因。", field="note")
    before = {"state": acc.state, "filing_number": acc.filing_number}
    acc.state = to
    if filing_number:
        acc.filing_number = filing_number
    if note:
        acc.change_note = note[:300]
    acc.save()
    audit.record(
        actor=actor,
        action="sitecheck.account_moved",
        obj=acc,
        unit=acc.unit,
        before=before,
        after={"state": acc.state, "filing_number": acc.filing_number},
        reason=note,
    )
    return acc


@transaction.atomic
def record_update(
    account: NewMediaAccount, *, actor, last_update: date, interaction_ok: bool | None = None
) -> NewMediaAccount:
    """Record the latest update date (and the interaction check) seen by staff."""
    if not access.can_apply_account(actor, account.unit):
        raise SitecheckError("只有本单位的信息编辑或政务公开办可以登记账号更新情况。", code="forbidden")
    today = timezone.localdate()
    if last_update > today:
        raise SitecheckError("最近更新日期不能晚于今天。", field="last_update")
    acc = NewMediaAccount.objects.select_for_update().get(pk=account.pk)
    before = {
        "last_update": acc.last_update and acc.last_update.isoformat(),
        "interaction_ok": acc.interaction_ok,
    }
    acc.last_update, acc.interaction_ok, acc.checked_on = last_update, interaction_ok, today
    acc.save()
    audit.record(
        actor=actor,
        action="sitecheck.account_updated",
        obj=acc,
        unit=acc.unit,
        before=before,
        after={"last_update": last_update.isoformat(), "interaction_ok": interaction_ok},
    )
    return acc


@dataclass
class ImportResult:
    updated: int = 0
    errors: list[str] = field(default_factory=list)


_PLATFORM_BY_LABEL = {label: value for value, label in Platform.choices} | {v: v for v in Platform.values}
_YES = {"是", "正常", "1", "true", "True", "Y", "y"}
_NO = {"否", "异常", "不正常", "0", "false", "False", "N", "n"}


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip().replace("/", "-"))
    except ValueError:
        return None


def import_updates(data: bytes, *, actor) -> ImportResult:
    """.xlsx of update dates (平台、账号ID、最近更新日期、互动功能是否正常): all rows or none (a bad row names its line)."""
    if not access.can_review_account(actor):
        raise SitecheckError("只有政务公开办可以批量导入政务新媒体更新情况。", code="forbidden")
    if len(data) > MAX_IMPORT_BYTES:
        raise SitecheckError("文件超过5MB，请拆分后导入。", field="file")
    if not data.startswith(b"PK"):
        raise SitecheckError("请上传 .xlsx 格式的表格（Excel 2007 及以上）。", field="file")
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    except Exception as exc:  # a damaged or disguised file
        raise SitecheckError("无法读取该 .xlsx 文件，请确认文件未损坏。", field="file") from exc
    if len(rows) > MAX_IMPORT_ROWS + 1:
        raise SitecheckError(f"一次最多导入{MAX_IMPORT_ROWS}行。", field="file")
    today = timezone.localdate()
    accounts = {(a.platform, a.account_id): a for a in NewMediaAccount.objects.all()}
    result, planned = ImportResult(), []
    for line, row in enumerate(rows[1:], start=2):
        cells = [*(row or ()), None, None, None, None][:4]
        if all(c in (None, "") for c in cells):
            continue
        platform = _PLATFORM_BY_LABEL.get(str(cells[0] or "").strip())
        account = accounts.get((platform, str(cells[1] or "").strip())) if platform else None
        day = _as_date(cells[2])
        flag = str(cells[3]).strip() if cells[3] not in (None, "") else ""
        if account is None:
            result.errors.append(f"第{line}行：找不到该平台和账号ID的已登记账号。")
        elif day is None or day > today:
            result.errors.append(f"第{line}行：最近更新日期无效（应为不晚于今天的日期，如2026-12-01）。")
        elif flag and flag not in _YES | _NO:
            result.errors.append(f"第{line}行：互动功能一栏应填“是”或“否”。")
        else:
            planned.append((account, day, True if flag in _YES else (False if flag in _NO else None)))
    if result.errors:
        return result
    with transaction.atomic():
        for account, day, ok in planned:
            NewMediaAccount.objects.filter(pk=account.pk).update(
                last_update=day, interaction_ok=ok, checked_on=today
            )
        audit.record(
            actor=actor,
            action="sitecheck.updates_imported",
            object_type="sitecheck.newmediaaccount",
            object_repr="政务新媒体更新情况",
            after={"rows": len(planned)},
        )
    result.updated = len(planned)
    return result
