"""Applications for disclosure: outcomes, receipt dates, fees and the ledger deadline engine (no database).

Every expected date below was counted by hand on the State Council's 2026 arrangement (国办发明电〔2025〕7号):
国庆 10/1–10/7 off with Sunday 9/20 and Saturday 10/10 worked; 中秋 9/25–9/27 off; 春节 2/15–2/23 off with
Saturday 2/14 and Saturday 2/28 worked. 2027 has no published arrangement in the table.
"""

from datetime import date

import pytest

from gongkai.core import foi_rules as fr
from gongkai.core import law
from gongkai.core.workdays import WorkCalendar

D = date


@pytest.fixture(scope="module")
def cal():
    return WorkCalendar.from_chinesecalendar()


def due(cal, received, **kw):
    limit = kw.pop("limit", 20)
    as_of = kw.pop("as_of", None)
    return fr.compute_due(fr.ledger_for(received, **kw), cal, limit=limit, as_of=as_of)


# --- the vocabulary -------------------------------------------------------------------------------------------


def test_outcomes_are_the_annual_report_rows():
    counts = {g.code: len(fr.outcomes_in(g.code)) for g in fr.GROUPS}
    assert counts == {"grant": 1, "partial": 1, "withhold": 8, "unable": 3, "decline": 5, "other": 3}
    assert len({o.code for o in fr.OUTCOMES}) == len(fr.OUTCOMES) == 21
    assert len({o.report_row for o in fr.OUTCOMES}) == 21
    assert fr.outcome("withhold_safety").report_row == "（三）3."
    assert fr.outcome("other_no_fee").report_row == "（六）2."
    assert fr.outcome("partial").report_row == "（二）"
    for o in fr.OUTCOMES:
        assert o.basis.startswith("《"), o.code
    assert fr.outcome("withhold_process").label == "属于四类过程性信息"
    assert "第十六条第二款" in fr.outcome("withhold_process").basis
    with pytest.raises(ValueError, match="未知的答复结果"):
        fr.outcome("nope")


def test_countersign_default_and_configured():
    assert fr.needs_countersign("partial")
    assert all(fr.needs_countersign(o.code) for o in fr.outcomes_in("withhold"))
    assert not fr.needs_countersign("grant")
    assert not fr.needs_countersign("unable_not_held")
    assert fr.needs_countersign("unable_not_held", ["unable", "partial"])
    assert not fr.needs_countersign("partial", ["withhold_secret"])
    assert fr.needs_countersign("withhold_secret", ["withhold_secret"])


def test_situations_map_to_report_rows():
    assert fr.SITUATION_BY_CODE["already_public"].outcome == "grant"
    assert fr.SITUATION_BY_CODE["other_body"].outcome == "unable_not_held"


def test_applicant_types_are_the_report_columns():
    assert [t.label for t in fr.APPLICANT_TYPES] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert [t.is_person for t in fr.APPLICANT_TYPES].count(True) == 1


# --- receipt date (第三十一条) ---------------------------------------------------------------------------------


def test_receipt_date_per_channel():
    assert fr.receipt_date("in_person", submitted=D(2026, 9, 28)).date == D(2026, 9, 28)
    assert fr.receipt_date("oral", submitted=D(2026, 9, 28)).date == D(2026, 9, 28)
    post = fr.receipt_date("letter", submitted=D(2026, 9, 25), signed_for=D(2026, 9, 29))
    assert post.date == D(2026, 9, 29) and "签收之日" in post.rule and "第三十一条" in post.rule
    assert fr.receipt_date("ordinary_mail", confirmed=D(2026, 10, 8)).date == D(2026, 10, 8)
    assert fr.receipt_date("fax", submitted=D(2026, 9, 30), confirmed=D(2026, 10, 8)).date == D(2026, 10, 8)
    assert fr.receipt_date("online", submitted=D(2026, 9, 30), confirmed=D(2026, 9, 30)).date == D(
        2026, 9, 30
    )
    with pytest.raises(ValueError, match="签收日期"):
        fr.receipt_date("letter", submitted=D(2026, 9, 25))
    with pytest.raises(ValueError, match="确认日期"):
        fr.receipt_date("email", submitted=D(2026, 9, 25))
    with pytest.raises(ValueError, match="不能早于提交日期"):
        fr.receipt_date("fax", submitted=D(2026, 9, 25), confirmed=D(2026, 9, 24))
    with pytest.raises(ValueError, match="未知的申请渠道"):
        fr.receipt_date("pigeon", submitted=D(2026, 9, 25))


# --- fees (国办函〔2020〕109号) -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "items, amount",
    [(0, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (41, 4300), (50, 7000), (51, 7400)],
)
def test_fee_by_item_at_every_boundary(items, amount):
    fee = fr.compute_fee(items=items)
    assert (fee.method, fee.amount) == (fr.FEE_BY_ITEM, amount)
    assert sum(line.amount for line in fee.lines) == amount


@pytest.mark.parametrize(
    "pages, amount",
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_fee_by_volume_at_every_boundary(pages, amount):
    fee = fr.compute_fee(pages=pages)
    assert (fee.method, fee.amount) == (fr.FEE_BY_VOLUME, amount)
    assert fee.explain()[-1] == f"合计：{amount}元"


def test_item_unit_prices():
    assert [fr.item_unit_price(n) for n in (10, 11, 30, 31, 40, 41, 50, 51)] == [
        0,
        100,
        100,
        200,
        200,
        300,
        300,
        400,
    ]


def test_fee_methods_are_never_combined():
    with pytest.raises(ValueError, match="不得同时适用"):
        fr.compute_fee(items=12, pages=40)
    with pytest.raises(ValueError, match="不得同时适用"):
        fr.compute_fee()
    with pytest.raises(ValueError, match="不小于0的整数"):
        fr.compute_fee(pages=-1)


def test_fee_explanation_lists_each_band():
    lines = fr.compute_fee(items=41).explain()
    assert lines[1] == "第11—30件：20件 × 100元 = 2000元"
    assert lines[2] == "第31—40件：10件 × 200元 = 2000元"
    assert lines[3] == "第41件：1件 × 300元 = 300元"


# --- the deadline engine --------------------------------------------------------------------------------------


def test_national_day_2026_with_both_makeup_days(cal):
    d = due(cal, D(2026, 9, 28))
    assert d.date == D(2026, 10, 30) and not d.provisional and d.clock_running
    text = "\n".join(d.trace)
    assert "2026年10月1日（周四）至2026年10月7日（周三）：国庆节放假，不计入" in text
    assert "2026年10月10日（周六）：国庆节调休上班，计为第5个工作日" in text
    # From Friday 9/18: the make-up Sunday 9/20 is day 1, 中秋 9/25–27 and 国庆 are skipped.
    d = due(cal, D(2026, 9, 18))
    assert d.date == D(2026, 10, 22)
    text = "\n".join(d.trace)
    assert "2026年9月20日（周日）：国庆节调休上班，计为第1个工作日" in text
    assert "中秋节放假" in text


def test_spring_festival_2026(cal):
    d = due(cal, D(2026, 2, 10))
    assert d.date == D(2026, 3, 16)
    text = "\n".join(d.trace)
    assert "2026年2月14日（周六）：春节调休上班，计为第4个工作日" in text
    assert "2026年2月28日（周六）：春节调休上班，计为第9个工作日" in text
    assert "春节放假" in text


def test_restart_after_correction(cal):
    # Notice on day 5 (the make-up Saturday 10/10), corrected application received Friday 10/16.
    notice_by = fr.correction_notice_deadline(D(2026, 9, 28), cal)
    assert notice_by.date == D(2026, 10, 13)
    d = due(cal, D(2026, 9, 28), correction_requested=D(2026, 10, 10), correction_received=D(2026, 10, 16))
    assert d.start == D(2026, 10, 16) and d.date == D(2026, 11, 13)
    assert any("重新起算" in line for line in d.trace)


def test_awaiting_correction_stops_the_clock(cal):
    events = [
        fr.LedgerEvent(fr.RECEIVED, D(2026, 9, 28)),
        fr.LedgerEvent(fr.CORRECTION_REQUESTED, D(2026, 10, 9)),
    ]
    d = fr.compute_due(events, cal)
    assert d.date is None and d.awaiting_correction and not d.clock_running
    assert fr.due_status(d.date, D(2026, 12, 1), cal, clock_running=d.clock_running) == "stopped"


def test_extension(cal):
    d = due(cal, D(2026, 9, 28), extension=20)
    assert d.date == D(2026, 11, 27) and d.total_days == 40
    assert due(cal, D(2026, 9, 28), extension=5).date == D(2026, 11, 6)
    with pytest.raises(ValueError, match="最长不得超过20个工作日"):
        due(cal, D(2026, 9, 28), extension=21)
    events = [
        fr.LedgerEvent(fr.RECEIVED, D(2026, 9, 28)),
        fr.LedgerEvent(fr.EXTENSION, D(2026, 10, 20), days=15),
        fr.LedgerEvent(fr.EXTENSION, D(2026, 10, 28), days=6),
    ]
    with pytest.raises(ValueError, match="已延长15个工作日"):
        fr.compute_due(events, cal)


def test_fifteen_day_consultation_pause_spanning_holidays(cal):
    # Received Monday 9/21; the third party is consulted 9/24–10/21: 15 working days (across 中秋 and 国庆,
    # including the make-up Saturday 10/10) that do not count.
    assert cal.count_working_days(D(2026, 9, 23), D(2026, 10, 21)).count == 15
    d = due(cal, D(2026, 9, 21), pauses=[(D(2026, 9, 24), D(2026, 10, 21))])
    assert d.date == D(2026, 11, 16)
    assert due(cal, D(2026, 9, 21)).date == D(2026, 10, 26)
    assert any("内有15个工作日未计入" in line for line in d.trace)


def test_open_pause_is_projected_to_today(cal):
    events = [
        fr.LedgerEvent(fr.RECEIVED, D(2026, 9, 21)),
        fr.LedgerEvent(fr.PAUSE_START, D(2026, 9, 24), key="c1", label="征求第三方意见"),
    ]
    d = fr.compute_due(events, cal, as_of=D(2026, 10, 21))
    assert d.paused_since == D(2026, 9, 24) and not d.clock_running
    assert d.date == D(2026, 11, 16)


def test_overlapping_pauses_are_not_double_counted(cal):
    one = due(cal, D(2026, 9, 21), pauses=[(D(2026, 9, 24), D(2026, 10, 21))])
    two = due(
        cal, D(2026, 9, 21), pauses=[(D(2026, 9, 24), D(2026, 10, 14)), (D(2026, 10, 12), D(2026, 10, 21))]
    )
    assert one.date == two.date


def test_deadline_in_2027_is_provisional(cal):
    d = due(cal, D(2026, 12, 10))
    assert d.date == D(2027, 1, 7) and d.provisional
    assert any("2027年节假日安排尚未录入" in line for line in d.trace)
    assert str(d) == "2027-01-07 (provisional)"
    assert str(due(cal, D(2026, 9, 28))) == "2026-10-30"


def test_stricter_local_limit(cal):
    assert due(cal, D(2026, 9, 28), limit=15).date == D(2026, 10, 23)
    with pytest.raises(ValueError, match="答复期限应为1至20个工作日"):
        due(cal, D(2026, 9, 28), limit=25)


def test_remaining_and_status(cal):
    d = due(cal, D(2026, 9, 28))
    assert fr.remaining_working_days(d.date, D(2026, 10, 26), cal) == 4
    assert fr.due_status(d.date, D(2026, 10, 26), cal) == "on_track"  # 4 left
    assert fr.due_status(d.date, D(2026, 10, 26), cal, soon=4) == "due_soon"
    assert fr.due_status(d.date, D(2026, 10, 27), cal) == "due_soon"
    assert fr.due_status(d.date, D(2026, 10, 30), cal) == "due_soon"
    assert fr.due_status(d.date, D(2026, 11, 2), cal) == "overdue"
    assert fr.remaining_working_days(d.date, D(2026, 11, 3), cal) == -2


def test_status_of_a_cached_case(cal):
    """What the case list and the tracking page need beyond a fresh ``Due``: answered cases, a due date
    that is still cached while the clock is paused, and a weekend right after the due date."""
    due_date = D(2026, 10, 30)  # a Friday
    assert fr.due_status(due_date, D(2026, 10, 30), cal, is_open=False) == "done"
    assert fr.due_status(None, D(2026, 10, 30), cal, is_open=False) == "done"
    assert fr.due_status(due_date, D(2026, 10, 20), cal, clock_running=False) == "stopped"
    assert fr.due_status(None, D(2026, 10, 20), cal) == "stopped"
    # Saturday 10/31: no working day has passed since the due date, but the due date has.
    assert fr.remaining_working_days(due_date, D(2026, 10, 31), cal) == 0
    assert fr.due_status(due_date, D(2026, 10, 31), cal) == "overdue"
    assert set(fr.DUE_STATUS_LABELS) == {"done", "stopped", "overdue", "due_soon", "on_track"}


def test_the_extension_cap_is_checked_once(cal):
    assert fr.extension_refusal(0, 20) == ""
    assert fr.extension_refusal(15, 5) == ""
    assert fr.extension_refusal(10, 5, pending=5) == ""
    assert "应大于0" in fr.extension_refusal(0, 0)
    refusal = fr.extension_refusal(10, 6, pending=5)
    assert "最长不得超过20个工作日" in refusal and "第三十三条" in refusal
    assert "已延长10个工作日，待批5个工作日" in refusal and "本次最多5个工作日" in refusal
    assert "本次最多0个工作日" in fr.extension_refusal(20, 1)
    # compute_due refuses a ledger over the cap with the same words.
    with pytest.raises(ValueError, match="本次最多20个工作日"):
        due(cal, D(2026, 9, 28), extension=25)


def test_ledger_errors_are_explained(cal):
    with pytest.raises(ValueError, match="缺少“收到申请”"):
        fr.compute_due([], cal)
    with pytest.raises(ValueError, match="此前没有补正通知"):
        fr.compute_due(
            [
                fr.LedgerEvent(fr.RECEIVED, D(2026, 9, 28)),
                fr.LedgerEvent(fr.CORRECTION_RECEIVED, D(2026, 10, 9)),
            ],
            cal,
        )
    with pytest.raises(ValueError, match="早于收到申请之日"):
        due(cal, D(2026, 9, 28), pauses=[(D(2026, 9, 1), D(2026, 9, 30))])
    with pytest.raises(ValueError, match="没有开始日期"):
        fr.compute_due(
            [
                fr.LedgerEvent(fr.RECEIVED, D(2026, 9, 28)),
                fr.LedgerEvent(fr.PAUSE_END, D(2026, 10, 9), key="x"),
            ],
            cal,
        )
    with pytest.raises(ValueError, match="开始日期:结束日期"):
        fr.parse_pause("2026-10-12")
    assert fr.parse_pause("2026-10-12:2026-10-30") == (D(2026, 10, 12), D(2026, 10, 30))


def test_restart_drops_earlier_extension(cal):
    events = [
        fr.LedgerEvent(fr.RECEIVED, D(2026, 9, 28)),
        fr.LedgerEvent(fr.EXTENSION, D(2026, 10, 20), days=10),
        fr.LedgerEvent(fr.RESTART, D(2026, 11, 2), label="复议决定责令重新答复"),
    ]
    d = fr.compute_due(events, cal)
    assert d.extension_days == 0 and d.date == cal.add_working_days(D(2026, 11, 2), 20).date


def test_law_limits_are_not_duplicated():
    assert fr.compute_due.__defaults__[0] == law.REPLY.value


def test_appeal_rates_count_decided_cases_only():
    from gongkai.core.foi_rules import appeal_rates

    rates = appeal_rates(
        [
            ("reconsideration", "upheld"),
            ("reconsideration", "corrected"),
            ("reconsideration", "pending"),
            ("reconsideration", "corrected"),
            ("litigation_direct", "upheld"),
            ("litigation_after", "corrected"),
            ("litigation_after", "other"),
            ("litigation_direct", "pending"),
        ]
    )
    assert (rates.reconsiderations, rates.reconsiderations_decided, rates.reconsiderations_corrected) == (
        4,
        3,
        2,
    )
    assert rates.correction_rate == 66.7
    assert (rates.litigations, rates.litigations_decided, rates.litigations_lost) == (4, 3, 1)
    assert rates.loss_rate == 33.3
    empty = appeal_rates([("reconsideration", "pending")])
    assert empty.correction_rate is None and empty.loss_rate is None
    with pytest.raises(ValueError):
        appeal_rates([("appeal", "upheld")])
