"""The law table: figures and lists as the regulation states them."""

import pytest

from gongkai.core import law


def test_time_limits_match_the_regulation():
    assert (law.ACTIVE_DISCLOSURE.value, law.ACTIVE_DISCLOSURE.working_days) == (20, True)
    assert "第二十六条" in law.ACTIVE_DISCLOSURE.basis
    assert str(law.REPLY) == "20个工作日" and "第三十三条" in law.REPLY.basis
    assert str(law.REPLY_EXTENSION) == "20个工作日"
    assert str(law.CORRECTION_NOTICE) == "7个工作日" and "第三十条" in law.CORRECTION_NOTICE.basis
    assert str(law.THIRD_PARTY_OPINION) == "15个工作日"
    assert str(law.RECONSIDERATION) == "60日" and not law.RECONSIDERATION.working_days
    assert str(law.LITIGATION) == "6个月"


def test_article_20_has_fifteen_categories_and_article_21_the_county_list():
    assert len(law.ACTIVE_CATEGORIES) == 15
    assert len(set(law.ACTIVE_CATEGORIES)) == 15
    assert law.ACTIVE_CATEGORIES[6] == "财政预算、决算信息"
    assert law.COUNTY_CATEGORIES == (
        "市政建设",
        "公共服务",
        "公益事业",
        "土地征收",
        "房屋征收",
        "治安管理",
        "社会救助",
    )


@pytest.mark.parametrize(
    "n, text",
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (15, "十五"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
    ],
)
def test_chinese_ordinal(n, text):
    assert law.chinese_ordinal(n) == text


@pytest.mark.parametrize("n", [0, 100, -1])
def test_chinese_ordinal_out_of_range(n):
    with pytest.raises(ValueError):
        law.chinese_ordinal(n)
