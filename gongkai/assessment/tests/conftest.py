import pytest

from gongkai.publishing.tests.conftest import _private_media  # noqa: F401 - the fixture is reused

from .fixtures import build


@pytest.fixture
def world(db):
    return build()
