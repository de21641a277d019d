import pytest

from gongkai.publishing.tests.conftest import _private_media, build_world  # noqa: F401 - the fixture is reused


@pytest.fixture
def world(db):
    return build_world()
