import pytest

from gongkai.publishing.tests.conftest import _private_media, build_world  # noqa: F401 - the fixture is reused


@pytest.fixture
def world(db):
    # Reply limits count working days on the statutory calendar: the holidays must be known.
    from gongkai.calendar import services as calendar

    calendar.seed_from_package()
    return build_world()
