import pytest

from gongkai.publishing.tests.conftest import _private_media, build_world  # noqa: F401


@pytest.fixture
def world(db):
    # 三同步 counts working days: the statutory holidays must be known.
    from gongkai.calendar import services as calendar

    from .factories import add_leaders

    calendar.seed_from_package()
    return add_leaders(build_world())
