"""The figures foi offers the assessment: the on-time rate of answered applications and the appeals corrected,
against hand-counted cases (per unit and in bulk)."""

from datetime import date

import pytest

from gongkai.common import figures
from gongkai.foi.models import Appeal, InfoRequest

pytestmark = pytest.mark.django_db
_serial = iter(range(1, 1000))


def case(unit, *, received, done=None, due=None, outcome="granted"):
    n = next(_serial)
    return InfoRequest.objects.create(
        serial=f"T{n:05d}",
        tracking_code=f"TRACK{n:05d}",
        verification_hash="x",
        unit=unit,
        channel="online",
        submitted_on=received,
        receipt_date=received,
        applicant_type="natural",
        applicant_name="张三",
        id_type="id_card",
        id_number="x",
        phone="1",
        applicant_key=f"k{n}",
        due_date=due,
        replied_on=done,
        outcome=outcome if done else "",
        state="replied" if done else "in_progress",
    )


Q1 = {"start": date(2026, 1, 1), "end": date(2026, 3, 31)}


def test_on_time_rate_and_corrected_hand_counted(county):
    zrzy, fgw = county.zrzy, county.fgw
    case(zrzy, received=date(2026, 1, 5), done=date(2026, 1, 20), due=date(2026, 2, 2))  # on time
    case(zrzy, received=date(2026, 1, 6), done=date(2026, 2, 3), due=date(2026, 2, 3))  # on the last day
    late = case(zrzy, received=date(2026, 1, 7), done=date(2026, 3, 2), due=date(2026, 2, 4))  # late
    case(zrzy, received=date(2026, 3, 20), done=date(2026, 4, 10), due=date(2026, 4, 17))  # answered in Q2
    case(zrzy, received=date(2026, 3, 25))  # still open
    case(fgw, received=date(2026, 2, 1), done=date(2026, 2, 10), due=date(2026, 3, 2))
    got = figures.compute("foi.on_time_rate", unit=zrzy, **Q1)
    assert (got.numerator, got.denominator, got.value) == (2, 3, 66.7) and got.note == "逾期1件"
    many = figures.compute_many("foi.on_time_rate", units=[zrzy, fgw, county.gov], **Q1)
    assert [(f.numerator, f.denominator) for f in many.values()] == [(2, 3), (1, 1), (0, 0)]
    assert many[county.gov.pk].value is None  # nothing answered: nothing to rate
    assert figures.compute("foi.on_time_rate", unit=None, **Q1).denominator == 4
    for result, decided in (
        ("corrected", date(2026, 3, 1)),
        ("upheld", date(2026, 3, 2)),
        ("corrected", date(2026, 5, 1)),
    ):
        Appeal.objects.create(
            request=late,
            kind="reconsideration",
            filed_on=date(2026, 2, 10),
            authority="县政府",
            result=result,
            decided_on=decided,
        )
    assert figures.compute("foi.corrected", unit=zrzy, **Q1).value == 1
    assert {
        k: f.value for k, f in figures.compute_many("foi.corrected", units=[zrzy, fgw], **Q1).items()
    } == {
        zrzy.pk: 1,
        fgw.pk: 0,
    }
