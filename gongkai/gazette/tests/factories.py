"""Published policy documents for the gazette's tests, through the real policies and publishing workflows."""

from datetime import date

from gongkai.policies.tests.factories import html, make_document, publish_document


def published_document(w, title, text, unit=None, kind="normative", doc_number="", when=date(2026, 2, 10)):
    fields = {"kind": kind}
    if doc_number:
        fields["doc_number"] = doc_number
    doc = make_document(w, title=title, text=text, unit=unit, **fields)
    return publish_document(w, doc, when)


__all__ = ["html", "published_document"]
