"""policies.sync_rate and policies.diverse_rate for the assessment: the hand-counted year of
test_services.test_year_rates_from_the_database_on_the_working_day_calendar, asked through the figures registry."""

from datetime import date

import pytest

from gongkai.common import figures
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Publication

from .factories import approve, aware, make_document, make_interpretation, publish_document

pytestmark = pytest.mark.django_db
YEAR = {"start": date(2026, 1, 1), "end": date(2026, 11, 23)}


def _publish_like(w, pub, when):
    publishing.publish(pub, actor=approve(w, pub), now=aware(when))


def test_sync_and_diverse_rates_hand_counted(world):
    w = world
    synced = make_document(w, doc_number="城政〔2026〕11号", formed_date=date(2026, 9, 20), is_major=True)
    late = make_document(
        w, title="示范县农村公路养护管理办法", doc_number="城政〔2026〕12号", formed_date=date(2026, 9, 20)
    )
    missing = make_document(
        w, title="示范县河道采砂管理办法", doc_number="城政〔2026〕13号", formed_date=date(2026, 9, 20)
    )
    for doc in (synced, late, missing):
        publish_document(w, doc, date(2026, 9, 25))
    on_time = make_interpretation(w, [synced], form="graphic")
    _publish_like(w, on_time.publication, date(2026, 9, 30))  # 3 working days: in time
    slow = make_interpretation(w, [late], form="text", title="文字解读")
    _publish_like(w, slow.publication, date(2026, 10, 8))  # 4 working days: late
    for pub in (on_time.publication, slow.publication):
        Publication.objects.filter(pk=pub.pk).update(
            created_at=synced.publication.created_at, approved_at=synced.publication.approved_at
        )
    sync = figures.compute("policies.sync_rate", unit=w.town, **YEAR)
    assert (sync.numerator, sync.denominator, sync.value) == (1, 3, 33.3) and sync.note == "未同步2件"
    diverse = figures.compute("policies.diverse_rate", unit=w.town, **YEAR)
    assert (diverse.numerator, diverse.denominator, diverse.value) == (1, 2, 50.0)
    assert (
        figures.compute("policies.sync_rate", unit=w.dept, **YEAR).value is None
    )  # no document: nothing to rate
