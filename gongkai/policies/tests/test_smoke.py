from datetime import date

from gongkai.policies import selectors, services
from gongkai.policies.tests.factories import SUBSIDY_V2, make_document, make_interpretation, publish_document


def test_document_lifecycle_smoke(world):
    w = world
    old = make_document(w, doc_number="城政〔2024〕1号", effective_date=date(2024, 2, 1))
    publish_document(w, old, date(2024, 1, 5))
    new = make_document(w, text=SUBSIDY_V2, doc_number="城政[2026]3号", formed_date=date(2026, 3, 1))
    services.add_relation(old, actor=w.reviewer, kind="replaces", source=new, effective_date=date(2026, 4, 1))
    old.refresh_from_db()
    assert old.ended_on == date(2026, 4, 1) or old.ended_on is None
    publish_document(w, new, date(2026, 3, 2))
    old.refresh_from_db()
    assert old.ended_on == date(2026, 4, 1)
    assert services.validity_of(old, date(2026, 5, 1)).status == "已废止"
    interp = make_interpretation(w, [new])
    assert interp.documents.count() == 1
    assert "每亩100元调整为每亩120元" in services.difference_seed(new)
    assert list(
        selectors.with_status(selectors.public_documents(), date(2026, 5, 1)).values_list(
            "live_status", flat=True
        )
    )
