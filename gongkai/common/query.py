"""Query parameters (查询参数) parsed through form fields, so a malformed value never becomes a 500.

Filters, page numbers and search words come from the address bar, where anyone can type ``?year=²``,
``?unit=99999999999999999999999``, a NUL byte (``%00``, which PostgreSQL refuses in text) or 10,000 characters.
A page treats a value it cannot use as absent (it shows everything, or the first page) — the same as a visitor
who never typed it:

    class LibraryQuery(query.QueryForm):
        unit = query.IdField()
        year = query.YearField()
        q = query.SearchField()

    q = LibraryQuery(request.GET).values()   # {"unit": 12 or None, "year": 2026 or None, "q": "..." or ""}

or, for a single value, ``query.to_id(request.GET.get("unit"))``. ``tests/test_query_fuzz.py`` sends a corpus of such
values to every parameter every view reads.
"""

from __future__ import annotations

from typing import Any

from django import forms

# The largest id a BIGINT column (PostgreSQL, SQLite) holds: a larger one cannot name a row, and the database would
# refuse to compare with it.
MAX_ID = 2**63 - 1
FIRST_YEAR, LAST_YEAR = 1949, 2100
MAX_PAGE = 100_000
MAX_SEARCH = 200


def _ascii_digits(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text if text and text.isascii() and text.isdigit() and len(text) <= 19 else None


class IdField(forms.IntegerField):
    """A row id: ASCII digits, 1 … 2⁶³−1 (``²`` or ``٣`` are not ids)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if _ascii_digits(value) is None:
            raise forms.ValidationError("应为正整数。", code="invalid")
        return super().to_python(value)


class YearField(IdField):
    """A year the platform computes dates for (1949–2100)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(**kwargs)


class PageField(IdField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", MAX_PAGE)
        super().__init__(**kwargs)


class SearchField(forms.CharField):
    """Free text: NUL bytes refused (Django's ``ProhibitNullCharactersValidator``), cut at ``max_length``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        self.cut = kwargs.pop("max_length", MAX_SEARCH)
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value)[: self.cut]


class ChoiceField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class QueryForm(forms.Form):
    """Always bound (to the query, possibly empty); ``values()`` gives every field, an invalid one as its empty
    value (``None``, or ``""`` for text)."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)

    def values(self) -> dict[str, Any]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        out = {}
        for name, field in self.fields.items():
            if name in cleaned and name not in self.errors:
                out[name] = cleaned[name]
            else:
                out[name] = "" if isinstance(field, forms.CharField) else None
        return out


def _clean(field: forms.Field, value: Any) -> Any:
    try:
        return field.clean(value)
    except forms.ValidationError:
        return None


def to_id(value: Any) -> int | None:
    """A row id from the query, or ``None``."""
    return _clean(IdField(), value)


def to_year(value: Any) -> int | None:
    return _clean(YearField(), value)


def to_page(value: Any, default: int = 1) -> int:
    return _clean(PageField(), value) or default


def to_date(value: Any):
    """A date ``YYYY-MM-DD`` from the query (years 1949–2100), or ``None``."""
    found = _clean(forms.DateField(required=False, input_formats=["%Y-%m-%d"]), value)
    return found if found is not None and FIRST_YEAR <= found.year <= LAST_YEAR else None


def to_text(value: Any, max_length: int = MAX_SEARCH) -> str:
    """Free text from the query: stripped, cut, and empty when it holds a NUL byte."""
    return _clean(SearchField(max_length=max_length), value) or ""
