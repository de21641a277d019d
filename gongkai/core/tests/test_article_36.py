"""Each reply outcome cites the item of 条例第三十六条 that fits it (issue 12: 予以公开 cited （一）, the item for
information already published)."""

import re

import pytest

from gongkai.core import foi_rules as fr
from gongkai.core import law

# The item of 第36条 each outcome (and each 第36条 situation) must cite; None: no item of 第36条 applies.
EXPECTED = {
    "grant": {2},
    "partial": set(),  # 第三十七条 (区分处理)
    "withhold_secret": {3},
    "withhold_law": {3},
    "withhold_safety": {3},
    "withhold_third_party": {3},
    "withhold_internal": {3},
    "withhold_process": {3},
    "withhold_enforcement": {3},
    "withhold_inquiry": {7},
    "unable_not_held": {4},
    "unable_needs_creation": set(),
    "unable_unclear": set(),
    "decline_petition": set(),
    "decline_repeat": {6},
    "decline_publication": set(),
    "decline_excessive": set(),
    "decline_confirm": set(),
    "other_no_correction": set(),
    "other_no_fee": set(),
    "other": set(),
}
CN = {law.chinese_ordinal(n): n for n in range(1, 8)}


def cited_items(basis: str) -> set[int]:
    if "第三十六条" not in basis:
        return set()
    tail = basis.split("第三十六条", 1)[1]
    return {CN[m] for m in re.findall(r"第（([一二三四五六七])）项", tail)}


@pytest.mark.parametrize("outcome", fr.OUTCOMES, ids=lambda o: o.code)
def test_each_outcome_cites_the_item_that_fits(outcome):
    assert cited_items(outcome.basis) == EXPECTED[outcome.code], outcome.basis


def test_the_situations_cite_items_one_and_five():
    assert cited_items(fr.SITUATION_BY_CODE["already_public"].basis) == {1}
    assert cited_items(fr.SITUATION_BY_CODE["other_body"].basis) == {5}
    assert law.article_36(2) == "《中华人民共和国政府信息公开条例》第三十六条第（二）项"
    assert "可以公开" in law.ARTICLE_36_ITEMS[2] and "已经主动公开" in law.ARTICLE_36_ITEMS[1]
