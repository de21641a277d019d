"""Every statutory outcome is reachable through the services and counted exactly once (annual report table III)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.core import foi_rules as fr
from gongkai.foi import selectors, services
from gongkai.foi.models import InfoRequest

from .conftest import person

D = date
pytestmark = pytest.mark.django_db
TYPES = [t.code for t in fr.APPLICANT_TYPES]


def _applicant(county, i):
    kind = TYPES[i % len(TYPES)]
    if kind == "natural_person":
        return person(description=f"第{i}号申请：示范县2026年第{i}批农村公路建设项目清单")
    return dict(
        county.lawyer,
        applicant_type=kind,
        description=f"第{i}号申请：示范县2026年第{i}批农村公路建设项目清单",
    )


def reach(county, code, i):
    """Drive a fresh case to ``code`` the way an officer would."""
    intake = services.submit_online(
        _applicant(county, i),
        unit=county.zrzy,
        now=datetime(2026, 9, 28, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    case = intake.case
    officer, legal = county.officer, county.legal
    services.assign(case, actor=officer, unit=county.zrzy, officer=officer, on=D(2026, 9, 28))
    if code == "other_no_correction":
        services.request_correction(
            case, actor=officer, items="请写明年份", on=D(2026, 9, 29), due_on=D(2026, 10, 9)
        )
        services.close_correction_lapsed(case, actor=officer, on=D(2026, 10, 12))
        return case
    if code == "other_no_fee":
        notice = services.issue_fee_notice(case, actor=officer, method="item", quantity=15, on=D(2026, 9, 29))
        services.close_fee_lapsed(notice, actor=officer, on=D(2026, 11, 3))
        return case
    kw = {}
    if code == "unable_unclear":
        services.request_correction(case, actor=officer, items="请写明年份", on=D(2026, 9, 29))
        services.receive_correction(case, actor=officer, on=D(2026, 10, 9))
    if code == "grant" and i % 2:
        kw = {"situation": "already_public", "published_where": "县政府网站“重大建设项目”栏目"}
    if code == "unable_not_held" and i % 2:
        kw = {"situation": "other_body", "other_body": "示范县交通运输局"}
    reply = services.draft_reply(
        case, actor=officer, outcome=code, content="理由见正文。", on=D(2026, 10, 20), **kw
    )
    if reply.needs_countersign:
        services.countersign(reply, actor=legal, approve=True, comments="同意", on=D(2026, 10, 21))
    services.send_reply(reply, actor=officer, on=D(2026, 10, 21))
    return case


def test_every_outcome_is_reachable_and_counted_once(county, today):
    today(D(2026, 11, 30))
    cases = {}
    for i, o in enumerate(fr.OUTCOMES):
        case = reach(county, o.code, i)
        case.refresh_from_db()
        assert case.outcome == o.code, o.code
        assert not case.is_open
        cases[o.code] = case
    # An open case and a reopened one are not counted (no outcome yet).
    services.submit_online(person(), unit=county.zrzy)
    services.reopen(cases["grant"], actor=county.officer, reason="复议决定责令重新答复", on=D(2026, 11, 2))
    table = selectors.outcome_table(InfoRequest.objects.all())
    rows = {o.code: total for o, cells, total in table.rows}
    assert rows["grant"] == 0
    assert all(rows[c] == 1 for c in rows if c != "grant")
    assert table.grand_total == len(fr.OUTCOMES) - 1 == sum(table.totals)
    by_type = {t.code: n for t, n in zip(table.columns, table.totals, strict=True)}
    answered = InfoRequest.objects.exclude(outcome="")
    for t in TYPES:
        assert by_type[t] == answered.filter(applicant_type=t).count()
    # 部分公开 is counted only in its own row.
    partial_row = next(cells for o, cells, total in table.rows if o.code == "partial")
    assert sum(partial_row) == 1
    stats = selectors.stats(InfoRequest.objects.all())
    assert sum(n for _, n in stats.outcomes) == table.grand_total
