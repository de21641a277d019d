"""Demo applications of the two previous years (历年申请), so the annual reports of 2024 and 2025 count real
records: every case goes through the services (registration, reply, the legal adviser's countersign where needed,
delivery) with dates in those years; a few received in December are answered in January (结转下年度), a few are
appealed. Deterministic and idempotent (tracking codes ``YSQ-HIST-<year>-<n>``)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from gongkai.core import foi_rules as fr

from .demo import APPLICANTS, DEMO_VERIFICATION, _fresh, _legal, _staff, _units

YEARS = (2024, 2025)
UNITS = ("县发改委", "县自然资源局", "县教科体局", "县司法局", "城关镇", "东山镇")
OUTCOMES = [o.code for o in fr.OUTCOMES if o.code not in ("other_no_correction", "other_no_fee")]
WHO = ("zhao", "firm", "institute", "ngo", "lawyer", "coop", "qian", "sun")
TOPICS = (
    "年度部门预算和决算",
    "重点项目审批和实施情况",
    "行政处罚决定书",
    "专项资金分配结果",
    "政府采购项目合同",
    "规划许可和批后公示",
    "补贴发放名单",
    "工作会议纪要",
)
REASONS = "依据《中华人民共和国政府信息公开条例》相关规定作出本答复。"


def tracking(year: int, n: int) -> str:
    return f"YSQ-HIST-{year}-{n:03d}"


def plan(year: int) -> list[tuple[int, str, int, int, str, int | None]]:
    """(n, unit, month, day, outcome, answer after days — None: still open at the year's end)."""
    rows = []
    n = 0
    for u_index, unit in enumerate(UNITS):
        count = 4 + (u_index + year) % 4
        for k in range(count):
            n += 1
            outcome = OUTCOMES[(n * 7 + year) % len(OUTCOMES)] if k % 3 else "grant"
            month = 1 + (k * 3 + u_index) % 11
            rows.append((n, unit, month, 5 + (k * 5) % 20, outcome, 12))
        n += 1
        # received in December, answered in January of the next year (carried over)
        rows.append((n, unit, 12, 22, "grant" if u_index % 2 else "partial", 20))
    return rows


def _applicant(index: int) -> dict:
    applicant = APPLICANTS[WHO[index % len(WHO)]]
    return {
        "applicant_type": applicant.kind,
        "applicant_name": applicant.name,
        "id_type": "id_card" if applicant.kind == "natural_person" else "credit_code",
        "id_number": applicant.ident,
        "legal_rep": applicant.legal_rep,
        "contact_person": applicant.contact,
        "phone": applicant.phone,
        "email": applicant.email,
        "address": applicant.address,
        "postcode": "369900",
        "medium": "electronic" if applicant.email else "paper",
        "delivery": "email" if applicant.email else "post",
    }


def _working_day(day: date) -> date:
    from . import deadlines

    calendar = deadlines.calendar()
    while not calendar.is_workday(day):
        day += timedelta(days=1)
    return day


def _build(year, n, unit, month, day, outcome, after, services, codes, Role):
    from .models import InfoRequest

    received = _working_day(date(year, month, day))
    officer = _fresh(_staff(unit, Role.FOI_OFFICER))
    if officer is None:
        return False
    data = _applicant(n + year)
    data.update({"description": f"{unit.short_name}{year}年{TOPICS[n % len(TOPICS)]}", "doc_number": ""})
    intake = services.register(
        unit, actor=officer, data=data, channel="letter", submitted_on=received, signed_for=received
    )
    case = intake.case
    InfoRequest.objects.filter(pk=case.pk).update(
        tracking_code=tracking(year, n), verification_hash=codes.hash_verification(DEMO_VERIFICATION)
    )
    case.refresh_from_db()
    services.assign(case, actor=officer, unit=unit, officer=officer, on=received)
    on = _working_day(received + timedelta(days=after))
    kwargs = {"content": REASONS if fr.outcome(outcome).is_refusal or outcome == "other" else ""}
    reply = services.draft_reply(case, actor=officer, outcome=outcome, on=on, **kwargs)
    if fr.needs_countersign(outcome) or reply.needs_countersign:
        adviser = _fresh(_legal(unit))
        if adviser is None:
            return True
        services.countersign(reply, actor=adviser, approve=True, comments="同意。", on=on)
    services.send_reply(reply, actor=officer, on=on)
    return True


APPEALS = (
    # (year, n, kind, filed month/day, result, decided month/day or None)
    (2024, 2, "reconsideration", (4, 10), "upheld", (6, 12)),
    (2024, 9, "litigation_direct", (7, 8), "pending", None),
    (2025, 3, "reconsideration", (5, 6), "corrected", (7, 15)),
    (2025, 12, "reconsideration", (9, 2), "pending", None),
    (2025, 20, "litigation_after", (10, 9), "upheld", (11, 27)),
)


def load(out):
    from gongkai.roles import Role

    from . import codes, services
    from .models import Appeal, InfoRequest

    units = _units()
    if not all(name in units for name in UNITS):
        out.write("历年申请：未找到演示单位，跳过。\n")
        return
    created = 0
    for year in YEARS:
        for n, short, month, day, outcome, after in plan(year):
            if InfoRequest.objects.filter(tracking_code=tracking(year, n)).exists():
                continue
            with transaction.atomic():
                created += _build(year, n, units[short], month, day, outcome, after, services, codes, Role)
    for year, n, kind, filed, result, decided in APPEALS:
        case = InfoRequest.objects.filter(tracking_code=tracking(year, n)).first()
        if case is None or Appeal.objects.filter(request=case).exists():
            continue
        officer = _fresh(_staff(case.unit, Role.FOI_OFFICER))
        with transaction.atomic():
            filed_on = max(date(year, *filed), case.receipt_date)
            appeal = services.record_appeal(
                case,
                actor=officer,
                kind=kind,
                filed_on=filed_on,
                authority="示范县人民政府",
                case_number=f"示复〔{year}〕{n}号",
            )
            if result != "pending" and decided:
                services.update_appeal(appeal, actor=officer, result=result, decided_on=date(year, *decided))
    out.write(f"历年申请（{YEARS[0]}—{YEARS[-1]}年）：新建 {created} 件。\n")
