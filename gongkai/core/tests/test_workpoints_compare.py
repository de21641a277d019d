"""回头看: pairing this year's items with last year's by what they ask for, not only by their headings."""

from gongkai.core.workpoints import compare

# Last year's plan: two items of the policy part. Their headings share words with this year's item either way.
LAST_YEAR = [
    (
        "提升政策集中发布质效",
        "提升政策集中发布质效。在县政府门户网站政策文件库集中发布现行有效的行政规范性文件，及时更新文件状态。"
        "（责任单位：县政府办公室、县司法局、县融媒体中心）",
    ),
    (
        "持续加大政策解读力度",
        "持续加大政策解读力度。坚持政策文件与解读材料同步起草、同步审签、同步发布，主要负责人带头解读重大政策，"
        "运用图表图解、视频动漫、新闻发布会、在线访谈等形式开展多元化解读，对市场主体关注的政策开展专题解读，"
        "解读比例不低于70%。（责任单位：县直各单位）",
    ),
]
# This year's item is about 解读 (同步起草/审签/发布, 图解, 视频) but names the units of last year's 发布 item and
# mentions the 政策文件库: comparing whole texts with their annotations paired it with 提升政策集中发布质效.
THIS_YEAR = [
    (
        "提升政策解读质量",
        "提升政策解读质量。解读材料与政策文件同步起草、同步审签、同步发布，多用图表图解、视频动漫解读，"
        "解读材料在县政府门户网站政策文件库关联发布。（责任单位：县政府办公室、县司法局、县融媒体中心）",
    ),
]


def test_the_item_is_paired_by_its_task_text():
    pairs = compare.compare(LAST_YEAR, THIS_YEAR)
    (paired,) = [p for p in pairs if p.new == 0]
    assert paired.old == 1 and paired.status == "changed"
    assert [p.old for p in pairs if p.status == "dropped"] == [0]
    reading = compare.similarity(*THIS_YEAR[0], *LAST_YEAR[1])
    publishing = compare.similarity(*THIS_YEAR[0], *LAST_YEAR[0])
    assert reading > publishing


def test_the_unit_annotation_and_the_repeated_heading_are_not_compared():
    assert compare.body_text(*THIS_YEAR[0]).startswith("解读材料与政策文件同步起草")
    assert compare.body_text(*THIS_YEAR[0]).endswith("关联发布。")
    # the same task text under two annotations is the same item
    same = compare.similarity(
        "规范政策解读",
        "规范政策解读。开展多元化解读。〔责任单位：县政府办〕",
        "规范政策解读",
        "开展多元化解读。",
    )
    assert same == 1.0


def test_items_without_text_are_compared_by_heading():
    assert compare.similarity("加强政策解读", "", "加强政策解读", "") == 1.0
    assert compare.similarity("加强政策解读", "", "推进数字政府建设", "") < compare.MATCH_MIN
