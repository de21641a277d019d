import pytest

from gongkai.publishing.tests.conftest import _private_media, build_world  # noqa: F401 - the fixture is reused


@pytest.fixture
def world(db):
    """Two units (城关镇 township, 县发改委 department) with editors and reviewers, leaders, the office; the
    statutory holidays (rectification deadlines count working days)."""
    from gongkai.calendar import services as calendar
    from gongkai.policies.tests.factories import add_leaders

    calendar.seed_from_package()
    return add_leaders(build_world())
