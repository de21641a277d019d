import pytest

from .factories import build_world


@pytest.fixture
def world(db):
    # Reply limits count working days on the statutory calendar: the holidays must be known.
    from gongkai.calendar import services as calendar

    calendar.seed_from_package()
    return build_world()


@pytest.fixture(autouse=True)
def _figures_uncached(settings):
    # The dashboard keeps its history figures a minute in production; tests read them fresh.
    settings.GONGKAI_MESSAGES_FIGURES_CACHE_SECONDS = 0
