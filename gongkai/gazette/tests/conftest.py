import pytest

from gongkai.publishing.tests.conftest import _private_media, build_world  # noqa: F401 - the fixture is reused


@pytest.fixture
def world(db):
    from gongkai.calendar import services as calendar
    from gongkai.orgs.models import Unit
    from gongkai.policies.tests.factories import add_leaders

    calendar.seed_from_package()
    w = add_leaders(build_world())
    Unit.objects.create(name="示范县人民政府", short_name="县政府", kind="government")
    return w
