import io
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "data"
XINGGUO = SAMPLES / "xingguo_2024.txt"
FENGCHENG = SAMPLES / "fengcheng_2023.txt"


@pytest.fixture
def county(db):
    """The demo county's units and staff, and the statutory calendar."""
    from gongkai.calendar import services as cal
    from gongkai.orgs import demo

    cal.seed_from_package()
    demo.load(io.StringIO())


@pytest.fixture
def office(county):
    from gongkai.orgs.models import User

    return User.objects.get(username="office")


@pytest.fixture
def fgw_editor(county):
    from gongkai.orgs.models import User

    return User.objects.get(username="fgw_editor")


@pytest.fixture
def zrzy_editor(county):
    from gongkai.orgs.models import User

    return User.objects.get(username="zrzy_editor")


def to_docx(text: str) -> bytes:
    from docx import Document

    doc = Document()
    for line in text.splitlines():
        if line.strip():
            doc.add_paragraph(line.strip())
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_html(text: str) -> bytes:
    from html import escape

    paras = "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>要点</title></head><body>"
        "<nav class='nav'><a href='/'>首页</a><a href='/zwgk'>政务公开</a></nav>"
        f"<div class='article'>{paras}</div><div class='share'>分享到：微信 微博</div>"
        "<footer>版权所有 示范县人民政府 主办</footer></body></html>"
    ).encode()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Evidence and source files go to the private storage: a directory of the test's own."""
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
