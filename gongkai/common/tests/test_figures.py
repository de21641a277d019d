from datetime import date

import pytest

from gongkai.common import figures


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(figures, "_sources", {})


def test_register_and_compute(clean_registry):
    calls = []

    def count(*, unit, start, end):
        calls.append((unit, start, end))
        return figures.Figure(7, detail_url="/work/x/?from=" + start.isoformat())

    figures.register("demo.count", label="演示数", compute=count)
    fig = figures.compute("demo.count", unit=None, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert fig.value == 7 and fig.detail_url == "/work/x/?from=2026-01-01"
    assert calls == [(None, date(2026, 1, 1), date(2026, 12, 31))]
    assert [s.key for s in figures.available()] == ["demo.count"]


def test_unknown_key_and_bad_period(clean_registry):
    with pytest.raises(KeyError):
        figures.compute("nope.x", start=date(2026, 1, 1), end=date(2026, 1, 2))
    figures.register("demo.x", label="x", compute=lambda **_: figures.Figure(1))
    with pytest.raises(ValueError):
        figures.compute("demo.x", start=date(2026, 2, 1), end=date(2026, 1, 1))
    with pytest.raises(ValueError):
        figures.register("nodot", label="x", compute=lambda **_: figures.Figure(1))


def test_compute_many_uses_the_bulk_path_or_loops(clean_registry):
    class U:
        def __init__(self, pk):
            self.pk = pk

    units = [U(1), U(2), U(3)]
    figures.register("demo.one", label="x", compute=lambda *, unit, start, end: figures.Figure(unit.pk * 10))
    got = figures.compute_many("demo.one", units=units, start=date(2026, 1, 1), end=date(2026, 3, 31))
    assert {k: f.value for k, f in got.items()} == {1: 10, 2: 20, 3: 30}
    bulk_calls = []

    def many(*, units, start, end):
        bulk_calls.append(len(units))
        return {1: figures.Figure(5)}  # unit 2 and 3: nothing to say

    figures.register("demo.many", label="x", compute=lambda **_: figures.Figure(-1), compute_many=many)
    got = figures.compute_many("demo.many", units=units, start=date(2026, 1, 1), end=date(2026, 3, 31))
    assert bulk_calls == [3]
    assert [got[u.pk].value for u in units] == [5, None, None]
