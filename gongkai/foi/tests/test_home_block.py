"""The home page's 依申请公开 block shows the application guide and the year's figures (issue 12), not 暂无内容."""

import re
from datetime import date

import pytest
from bs4 import BeautifulSoup

from .test_views import make_case

pytestmark = pytest.mark.django_db


def block_text(client) -> str:
    soup = BeautifulSoup(client.get("/").content.decode(), "html.parser")
    return soup.select_one(".block-foi").get_text(" ", strip=True)


def test_home_block_shows_the_guide_and_the_year_figures(client, county, today):
    today(date(2026, 12, 1))
    empty = block_text(client)
    assert "暂无内容" not in empty
    assert "依申请公开指南" in empty and "2026年收到申请 0 件" in empty
    make_case(county, on=date(2026, 10, 12))
    make_case(county, on=date(2026, 11, 2))
    make_case(county, on=date(2025, 11, 2))  # last year's: not counted
    text = block_text(client)
    assert re.search(r"2026年收到申请 2 件，已答复 0 件，正在办理 2 件", text)
    soup = BeautifulSoup(client.get("/").content.decode(), "html.parser")
    assert soup.select_one('.block-foi a[href="/ysqgk/"]') is not None
    page = BeautifulSoup(client.get("/ysqgk/").content.decode(), "html.parser")
    figures = page.select_one("#stats + dl").get_text(" ", strip=True)
    assert "收到申请 2 件" in figures and "正在办理 2 件" in figures
