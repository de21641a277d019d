import pytest

from gongkai.publishing.tests.conftest import _private_media, build_world  # noqa: F401


@pytest.fixture
def world(db):
    # The legality review and the feedback deadline count working days: the statutory holidays must be known.
    from gongkai.calendar import services as calendar

    calendar.seed_from_package()
    return build_world()
