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
