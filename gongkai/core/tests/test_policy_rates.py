"""三同步 and the year's rates on a hand-built year, with a hand-made working-day calendar."""

from datetime import date, timedelta

from gongkai.core.policy.rates import DocRecord, InterpRecord, sync_result, year_rates
from gongkai.core.workdays import WorkCalendar

CAL = WorkCalendar.from_chinesecalendar([2025, 2026])


def lag(a, b):
    return CAL.count_working_days(a, b).count


D = date
MARCH_2 = date(2026, 3, 2)


def doc(key, unit="县发改委", published=MARCH_2, major=False, needs=True, drafted=None, reviewed=None):
    return DocRecord(
        key,
        unit,
        f"文件{key}",
        major,
        needs,
        drafted or published - timedelta(days=10),
        reviewed or published - timedelta(days=3),
        published,
    )


def interp(key, docs, form="graphic", unit="县发改委", drafted=None, reviewed=None, published=None):
    return InterpRecord(key, tuple(docs), form, unit, f"解读{key}", drafted, reviewed, published)


def test_same_day_is_synchronised_and_three_working_days_is_the_limit():
    d = doc(1, published=D(2026, 9, 25))  # Friday before National Day
    same = interp(1, [1], drafted=d.drafted, reviewed=d.reviewed, published=d.published)
    assert sync_result(d, [same], lag, 3).synced
    # 9/25 → 9/30 is 3 working days (9/28, 9/29, 9/30): still in time.
    ok = interp(2, [1], drafted=d.drafted, reviewed=d.reviewed, published=D(2026, 9, 30))
    r = sync_result(d, [ok], lag, 3)
    assert r.steps["published"] and r.lags["published"] == 3 and not r.late
    # 10/8 is the first working day after the holiday (10/1–10/7): 4 working days → late, 13 calendar days.
    late = interp(3, [1], drafted=d.drafted, reviewed=d.reviewed, published=D(2026, 10, 8))
    r = sync_result(d, [late], lag, 3)
    assert r.late and r.late_days == 4 and not r.synced
    assert "同步发布：否（晚4个工作日）" in r.explain()


def test_an_interpretation_ready_before_the_document_is_in_time():
    d = doc(1, published=D(2026, 3, 10))
    early = interp(1, [1], drafted=D(2026, 2, 1), reviewed=D(2026, 2, 2), published=D(2026, 3, 10))
    assert sync_result(d, [early], lag, 0).synced


def test_missing_interpretation_becomes_late_after_the_limit():
    d = doc(1, published=D(2026, 3, 2))
    assert not sync_result(d, [], lag, 3, as_of=D(2026, 3, 5)).late  # 3 working days: not yet
    r = sync_result(d, [], lag, 3, as_of=D(2026, 3, 6))
    assert r.late and r.late_days == 4 and not r.interpreted


def test_the_first_published_interpretation_counts():
    d = doc(1, published=D(2026, 3, 2))
    draft_only = interp(1, [1], drafted=D(2026, 2, 20))
    published = interp(2, [1], drafted=D(2026, 3, 1), reviewed=D(2026, 3, 1), published=D(2026, 3, 3))
    r = sync_result(d, [draft_only, published], lag, 3)
    assert r.interpretation is published and r.interpreted


def test_rates_on_a_hand_built_year():
    docs = [
        doc(1, "县发改委", D(2026, 3, 2), major=True),
        doc(2, "县发改委", D(2026, 4, 1)),
        doc(3, "县农业农村局", D(2026, 5, 6), major=True),
        doc(4, "县农业农村局", D(2026, 6, 1)),
        doc(5, "县农业农村局", D(2026, 6, 2), needs=False),  # exempt: counted as a document only
        doc(6, "县发改委", D(2025, 12, 30)),  # another year: not counted
    ]
    interps = [
        # doc 1: synchronised graphic + a text one
        interp(
            1, [1], "graphic", drafted=docs[0].drafted, reviewed=docs[0].reviewed, published=D(2026, 3, 2)
        ),
        interp(2, [1], "text", drafted=docs[0].drafted, reviewed=docs[0].reviewed, published=D(2026, 3, 3)),
        # doc 2: text, drafted late, published 5 working days after (late)
        interp(3, [2], "text", drafted=D(2026, 4, 3), reviewed=D(2026, 4, 7), published=D(2026, 4, 9)),
        # doc 3: video by the agriculture bureau, synchronised
        interp(
            4,
            [3],
            "video",
            "县农业农村局",
            drafted=docs[2].drafted,
            reviewed=docs[2].reviewed,
            published=D(2026, 5, 6),
        ),
        # doc 4: none. Interpretation of a 2025 document: not counted in 2026.
        interp(5, [6], "graphic", drafted=D(2025, 12, 1), reviewed=D(2025, 12, 2), published=D(2025, 12, 30)),
    ]
    result = year_rates(2026, docs, interps, lag, 3, as_of=D(2026, 11, 23))
    c = result.county
    assert (c.documents, c.needing, c.interpreted) == (5, 4, 3)
    assert c.interpretation_rate == 3 / 4
    assert (c.major, c.major_interpreted, c.major_rate) == (2, 2, 1.0)
    assert (c.interpretations, c.diverse) == (4, 2) and c.diverse_rate == 0.5
    assert c.synced == 2 and c.sync_rate == 0.5
    # Late: doc 2 (5 working days) and doc 4 (never interpreted).
    assert c.late == 2 and {r.doc.key for r in c.late_items} == {2, 4}
    units = {r.unit: r for r in result.units}
    assert units["县发改委"].interpretation_rate == 1.0 and units["县发改委"].diverse_rate == 1 / 3
    assert units["县农业农村局"].needing == 2 and units["县农业农村局"].interpreted == 1
    assert units["县农业农村局"].documents == 3


def test_empty_year_has_no_rates_rather_than_zero():
    result = year_rates(2026, [], [], lag)
    assert result.county.interpretation_rate is None and result.county.diverse_rate is None
