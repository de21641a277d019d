"""Helpers of the annual-report tests: a small county with staff per post, applications written as records with
chosen dates and outcomes, policy documents, the publishing review."""

from __future__ import annotations

import itertools
import re
from datetime import date

from gongkai.core import foi_rules as fr
from gongkai.orgs.models import Membership, Unit, UnitKind, User
from gongkai.roles import Role

PASSWORD = "Reports2026horse!x"
_serial = itertools.count(1)
PLACEHOLDER = re.compile(r"〔请填写([^〕]*)〕")
ALL_PASS = dict.fromkeys(("political", "legal", "policy", "secrecy", "wording"), (True, ""))


def make_user(username, unit, *roles, full_name=""):
    user = User.objects.create_user(username, password=PASSWORD, full_name=full_name or username)
    for role in roles:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


class County:
    pass


def build_county() -> County:
    from gongkai.publishing import services as publishing

    publishing.ensure_template()
    c = County()
    c.gov = Unit.objects.create(
        name="示范县人民政府", short_name="县政府", kind=UnitKind.GOVERNMENT, sort_order=1
    )
    c.office_unit = Unit.objects.create(
        name="示范县人民政府办公室", short_name="县政府办", kind=UnitKind.OFFICE, parent=c.gov, sort_order=2
    )
    c.zrzy = Unit.objects.create(
        name="示范县自然资源局", short_name="县自然资源局", parent=c.gov, sort_order=10
    )
    c.fgw = Unit.objects.create(
        name="示范县发展和改革委员会", short_name="县发改委", parent=c.gov, sort_order=11
    )
    c.office = make_user("office", c.office_unit, Role.OFFICE_ADMIN, full_name="邱慧琳")
    c.editor = make_user("zrzy_editor", c.zrzy, Role.EDITOR, full_name="郑秀兰")
    c.leader = make_user("zrzy_leader", c.zrzy, Role.LEADER, full_name="杨卫东")
    c.reviewer = make_user("zrzy_reviewer", c.zrzy, Role.REVIEWER, full_name="彭海军")
    c.fgw_staff = make_user(
        "fgw_all", c.fgw, Role.EDITOR, Role.LEADER, Role.REVIEWER, Role.FOI_OFFICER, full_name="孙国庆"
    )
    return c


def case(
    unit, *, received: date, applicant: str = "natural_person", outcome: str = "", done: date | None = None
):
    """One application as a record (the foi app's own tests cover how it gets there)."""
    from gongkai.foi.models import InfoRequest

    n = next(_serial)
    state = InfoRequest.State.REPLIED if outcome else InfoRequest.State.IN_PROGRESS
    return InfoRequest.objects.create(
        serial=f"T{n:06d}",
        tracking_code=f"TRK{n:010d}",
        verification_hash="x",
        unit=unit,
        state=state,
        channel="letter",
        submitted_on=received,
        receipt_date=received,
        applicant_type=applicant,
        applicant_name=f"申请人{n}",
        id_type="id_card" if applicant == "natural_person" else "credit_code",
        id_number="0",
        phone="13800000000",
        applicant_key=f"k{n}",
        description=f"测试申请{n}",
        outcome=outcome,
        replied_on=done,
    )


def appeal(request, *, kind: str, filed: date, result: str = "pending", decided: date | None = None):
    from gongkai.foi.models import Appeal

    return Appeal.objects.create(
        request=request,
        kind=kind,
        filed_on=filed,
        authority="示范县人民政府",
        result=result,
        decided_on=decided,
    )


def sample_cases(unit, year: int) -> list:
    """A year with every kind of record: carried in from the year before, new, answered, open at year end."""
    outcomes = [o.code for o in fr.OUTCOMES]
    kinds = [t.code for t in fr.APPLICANT_TYPES]
    made = [
        # received the year before, answered this year (carried in)
        case(unit, received=date(year - 1, 12, 20), outcome="grant", done=date(year, 1, 10)),
        # received and answered the year before (not in this year's report at all)
        case(unit, received=date(year - 1, 3, 1), outcome="grant", done=date(year - 1, 3, 20)),
        # received the year before, still open (carried in and carried over)
        case(unit, received=date(year - 1, 11, 5), applicant="business"),
        # received this year, open on 31 December (carried over), answered next year
        case(
            unit,
            received=date(year, 12, 15),
            applicant="research",
            outcome="partial",
            done=date(year + 1, 1, 8),
        ),
    ]
    for index, outcome in enumerate(outcomes):
        made.append(
            case(
                unit,
                received=date(year, 1 + index % 11, 3),
                applicant=kinds[index % len(kinds)],
                outcome=outcome,
                done=date(year, 1 + index % 11, 20),
            )
        )
    return made


def review_and_publish(report, reviewer):
    """Publishing's confidentiality review and publication of the report's publication (a person decides)."""
    from gongkai.publishing import services as publishing

    pub = report.publication
    publishing.decide_review(pub, actor=reviewer, checks=ALL_PASS, verdict="approved")
    return publishing.publish(pub, actor=reviewer)


def fill_placeholders(report, editor, **extra):
    """Replace the draft's 〔请填写…〕 placeholders (what the unit writes by hand)."""
    from gongkai.reports import services

    sections = {number: PLACEHOLDER.sub(r"（已填写：\1）", text) for number, text in report.sections.items()}
    payload = {
        "sections": sections,
        "improvements": [f"已改进：{p['problem']}" for p in report.problems],
        "new_problems": ["政策解读形式较为单一"],
        "warning_note": "",
    }
    payload.update(extra)
    return services.update_text(report, actor=editor, **payload)
