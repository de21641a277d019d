import pytest

from .fixtures import build_county


@pytest.fixture
def county(db, settings, tmp_path):
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return build_county()
