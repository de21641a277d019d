"""工作要点 extraction over the four real samples, in .txt, .docx, .html and .pdf.

The expected figures below were written by reading each sample, not by running the code: the number of parts,
the items in each part, and — per item — the tasks an official would list in a 任务分工表 (one per actionable
sentence; the heading is the 目标任务; a framing sentence like 着眼…深度融合。 goes with the sentence it
introduces; a sanction or bonus the office attaches, 对…的单位，…将予以通报/给予加分, is not a unit's task).
"""

import pytest

from gongkai.core import docread, workpoints
from gongkai.core.tests.fixtures import make_pdf, sample_text, to_docx, to_html, wrap_for_pdf

EXPECTED = {
    "000": {
        "title": "2024年兴国县政务公开工作要点",
        "issuer": "兴国县人民政府办公室",
        "doc_number": None,
        "date": "2024-05-22",
        "year": 2024,
        "items_per_part": [2, 3, 3, 3, 3],
        # (十三): 3 sentences, the 2nd is the sanction "对工作落实不到位的单位，县政府办将予以通报批评或约谈整改。"
        "tasks": [3, 7, 3, 2, 3, 4, 3, 2, 4, 3, 2, 1, 2, 3],
        "headings": [
            "聚焦高质量发展推动信息公开",
            "围绕保障改善民生深化信息公开",
            "提升政策集中发布质效",
            "持续加大政策解读力度",
            "加强重大政策宣传联动及落实结果评价",
            "深化重大决策公众参与",
            "增强政民互动交流实效",
            "规范依申请公开办理工作",
            "强化政府网站和政务新媒体管理",
            "推进基层政务公开标准化规范化建设",
            "推进政务公开专区特色化建设",
            "加强组织领导和工作保障",
            "切实落实工作责任",
            "强化培训监督和考核",
        ],
        "numbering": "continuous",
    },
    "001": {
        "title": "2023年丰城市政务公开工作要点",
        "issuer": "丰城市人民政府办公室",
        "doc_number": "丰府办字〔2023〕26号",
        "date": None,  # the sample carries no signature date
        "year": 2023,
        "items_per_part": [2, 2, 2, 2, 2, 2],
        # (五): the 4th sentence "对于制作了多元化政策解读的单位，年终考核将给予加分。" is a bonus, not a task;
        # (九): "着眼政务公开与政务服务深度融合。" introduces the next sentence: one task.
        "tasks": [10, 8, 4, 3, 3, 4, 5, 3, 2, 3, 4, 3],
        "headings": [
            "紧扣重点工作深化公开",
            "紧扣重点民生领域深化公开",
            "抓好政务信息专项管理",
            "推进基层政务公开示范创建",
            "提升政策解读质效",
            "积极稳妥回应社会关切",
            "狠抓政府网站与政务新媒体规范管理",
            "依法依规做好依申请公开",
            "推动市民中心政务公开线下专区提质升级",
            "着力拓宽政民互动渠道",
            "强化综合考核和组织保障",
            "抓好工作落实",
        ],
        "numbering": "continuous",
    },
    "002": {
        "title": "2019年铅山县政务公开工作要点",
        "issuer": None,  # the sample starts at the heading: no wrapper
        "doc_number": None,
        "date": None,
        "year": 2019,
        "items_per_part": [3, 3, 3, 3, 4],
        # 一(三): "善于利用多种媒体进行精准解读。要充分发挥…" is one task.
        "tasks": [3, 5, 3, 3, 4, 3, 3, 6, 3, 2, 4, 3, 2, 3, 2, 3],
        "headings": [
            "深入解读重要政策",
            "积极回应社会关切",
            "提升解读回应实效",
            "推进重要决策公开",
            "推进重要部署执行公开",
            "推动行政执法信息公开",
            "加强三大攻坚战信息公开",
            "加强重点民生领域信息公开",
            "强化财政金融领域信息公开",
            "推进政府网站优质规范发展",
            "落实政务新媒体监管措施",
            "加快线上线下融合发展",
            "认真落实政务公开考核分值的有关要求",
            "抓好政府信息公开条例的贯彻落实",
            "深化公共企事业单位信息公开",
            "加强相关基础工作",
        ],
        "numbering": "restarts_per_part",
    },
    "004": {
        "title": "高唐县2024年政务公开工作要点",
        "issuer": "高唐县人民政府办公室",
        "doc_number": None,
        "date": "2024-06-17",
        "year": 2024,
        "items_per_part": [3, 2, 3, 2, 3],
        "tasks": [5, 5, 3, 2, 4, 4, 5, 4, 3, 4, 3, 4, 3],
        "headings": [
            "以公开助推高质量发展",
            "以公开促进保障改善民生",
            "以公开助推监管效能提升",
            "持续加大政策解读力度",
            "全力提升政策解读质效",
            "深化重大决策公众参与",
            "增强政民互动交流实效",
            "全力提升依申请公开工作质效",
            "以公开优化营商环境",
            "强化政府网站和政务新媒体建管",
            "加强组织领导和工作保障",
            "推进政务公开标准化建设",
            "强化培训监督和工作落实",
        ],
        "numbering": "restarts_per_part",
    },
}


def _blocks(key: str, fmt: str):
    text = sample_text(key)
    if fmt == "txt":
        return docread.read(text.encode("utf-8"), filename="要点.txt")
    if fmt == "docx":
        return docread.read(to_docx(text), filename="要点.docx")
    if fmt == "html":
        return docread.read(to_html(text), filename="要点.html")
    if fmt == "html-br":
        return docread.read(to_html(text, br=True), filename="要点.html")
    return docread.read(make_pdf(wrap_for_pdf(text)), filename="要点.pdf")


_CACHE: dict = {}


def result_of(key: str, fmt: str = "txt") -> dict:
    if (key, fmt) not in _CACHE:
        _CACHE[key, fmt] = workpoints.extract(_blocks(key, fmt))
    return _CACHE[key, fmt]


def item(result: dict, *path: str) -> dict:
    return next(i for i in result["items"] if i["path"] == list(path))


@pytest.mark.parametrize("fmt", ["txt", "docx", "html", "html-br", "pdf"])
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_sample_outline(key, fmt):
    expected = EXPECTED[key]
    result = result_of(key, fmt)
    for field in ("title", "issuer", "doc_number", "date", "year", "numbering"):
        assert result[field] == expected[field], field
    assert [p["items"] for p in result["parts"]] == expected["items_per_part"]
    assert [i["heading"] for i in result["items"]] == expected["headings"]
    assert [len(i["tasks"]) for i in result["items"]] == expected["tasks"]
    assert result["stats"]["tasks"] == sum(expected["tasks"])


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_every_format_gives_the_same_units_and_tasks_as_the_text(key, fmt):
    def essentials(result):
        # The hand-made PDF's font has no middle dot (《江西·政能亮》): compare without it.
        return [
            (
                i["path"],
                i["lead_units"],
                i["units"],
                [(t["text"].replace("·", ""), t["deadline"], t["recurrence"]) for t in i["tasks"]],
            )
            for i in result["items"]
        ]

    assert essentials(result_of(key, fmt)) == essentials(result_of(key, "txt"))


def test_paths_use_canonical_numbers_and_restart_in_002():
    result = result_of("002")
    assert [i["path"] for i in result["items"][:4]] == [
        ["一", "（一）"],
        ["一", "（二）"],
        ["一", "（三）"],
        ["二", "（一）"],
    ]
    assert result["parts"][4] == {"number": "五", "heading": "聚焦提升质量，着力完善公开制度机制", "items": 4}
    # half-width (二) in 001 is read as the same level
    assert item(result_of("001"), "一", "（二）")["heading"] == "紧扣重点民生领域深化公开"


def test_closing_paragraph_is_not_part_of_the_last_item():
    for key in ("002", "004"):
        result = result_of(key)
        assert len(result["closing"]) == 1 and "本要点" in result["closing"][0]
        assert "本要点" not in result["items"][-1]["text"]


def test_preamble_is_kept_apart():
    result = result_of("000")
    assert result["preamble"][0].startswith("以习近平新时代中国特色社会主义思想为指导")
    assert all(not t["text"].startswith("以习近平") for i in result["items"] for t in i["tasks"])


# -- units --------------------------------------------------------------------------------------------------------


def test_units_square_brackets_with_lead_and_responsible_000():
    result = result_of("000")
    first = item(result, "一", "（一）")
    assert first["lead_units"] == []
    assert first["units"] == [
        "县发改委",
        "县工信局",
        "县商务局",
        "县农业农村局",
        "县文广旅局",
        "县住建局",
        "县市场监管局",
    ]
    third = item(result, "二", "（三）")
    assert (third["lead_units"], third["units"]) == (["县政府办"], ["县政府有关部门"])
    assert third["group_units"] == ["县政府有关部门"]
    ninth = item(result, "四", "（九）")
    assert (ninth["lead_units"], ninth["units"]) == (
        ["县政府办", "县政数中心"],
        ["各乡镇区", "县政府有关部门"],
    )
    twelfth = item(result, "五", "（十二）")
    assert twelfth["units"] == ["各乡镇区", "县政府各部门", "县直（驻县）各相关单位"]
    assert twelfth["annotation_form"] == "square-full"
    # tasks carry the item's units
    assert all(t["lead_units"] == ["县政府办", "县政数中心"] for t in ninth["tasks"])


def test_units_round_brackets_with_lead_inside_responsible_001():
    result = result_of("001")
    third = item(result, "二", "（三）")
    assert third["lead_units"] == ["市司法局"]
    assert third["units"] == ["市政府各有关部门", "市直各有关单位", "各乡镇〔街道〕人民政府"]
    assert "各乡镇〔街道〕人民政府" in third["group_units"]
    first = item(result, "一", "（一）")
    assert first["lead_units"] == []
    assert len(first["units"]) == 20
    assert first["units"][0] == "市大数据中心" and first["units"][-2:] == [
        "市营商环境服务中心",
        "各乡镇〔街道〕人民政府",
    ]
    assert first["open_ended"] and first["annotation_form"] == "round-half"
    # the annotation of (十一) stands on its own line after a blank line
    eleventh = item(result, "六", "（十一）")
    assert eleventh["lead_units"] == ["市政府办公室"]
    assert not any("责任单位" in t["text"] for t in eleventh["tasks"])
    # the stray ** around annotations is gone
    assert "**" not in item(result, "二", "（四）")["text"]


def test_units_respectively_lead_002():
    result = result_of("002")
    first = item(result, "一", "（一）")
    assert first["lead_units"] == [
        "县发展改革委",
        "县工业和信息化局",  # 和 inside a name does not split it
        "县民政局",
        "县生态环境局",
        "县农业农村局",
        "县商务局",
        "县财政局",
    ]
    assert first["respectively"] and first["units"] == []
    assert "县人力资源和社会保障局" in item(result, "一", "（二）")["lead_units"]
    third = item(result, "一", "（三）")
    assert third["units"] == ["各乡镇（中心）", "县直各单位"] and third["group_units"] == [
        "各乡镇（中心）",
        "县直各单位",
    ]
    assert item(result, "三", "（三）")["units"] == ["县财政局", "各乡镇（中心）"]
    # part 五 has no annotations
    assert [i["has_units"] for i in result["items"][-4:]] == [False] * 4
    # the stray Word bookmark is gone
    assert "bookmark" not in item(result, "一", "（二）")["text"]


def test_document_without_annotations_004():
    result = result_of("004")
    assert result["stats"]["items_without_units"] == 13
    assert all(not i["has_units"] and i["units"] == [] and i["lead_units"] == [] for i in result["items"])
    no_units = [w for w in result["warnings"] if w["kind"] == "no_units"]
    assert len(no_units) == 13 and no_units[0]["path"] == ["一", "（一）"]
    # the subject of a sentence is offered as a hint
    first = item(result, "五", "（一）")["tasks"][0]
    assert first["subject_units"] == ["各镇街", "县政府有关部门"] and first["units"] == []


@pytest.mark.parametrize(
    ("annotation", "lead", "units"),
    [
        ("[区经发局、区投促局按职责分工负责]", [], ["区经发局", "区投促局"]),
        ("［区经发局、区投促局按职责分工负责］", [], ["区经发局", "区投促局"]),
        ("（县教体局、县公安局分别牵头落实）", ["县教体局", "县公安局"], []),
        ("(责任单位：全区各部门(单位))", [], ["全区各部门(单位)"]),
        ("【牵头单位：县政府办；配合单位：县财政局和县审计局】", ["县政府办"], ["县财政局", "县审计局"]),
        ("〔责任单位：县政府办（牵头）、县发改委〕", ["县政府办"], ["县发改委"]),
        ("(责任单位:市司法局牵头负责,市直各有关单位落实)", ["市司法局"], ["市直各有关单位"]),
    ],
)
def test_unit_annotation_forms(annotation, lead, units):
    text = f"（一）加强培训。组织开展业务培训。{annotation}"
    result = workpoints.extract(text)
    (only,) = result["items"]
    assert (only["lead_units"], only["units"]) == (lead, units)
    assert only["tasks"][0]["text"] == "组织开展业务培训。"


def test_group_phrases_are_flagged_and_kept_whole():
    found = workpoints.parse_units("责任单位：各乡镇〔街道〕人民政府、县直各单位、全区各部门(单位)、县财政局")
    assert found.units == ["各乡镇〔街道〕人民政府", "县直各单位", "全区各部门(单位)", "县财政局"]
    assert [workpoints.is_group(u) for u in found.units] == [True, True, True, False]


def test_an_ordinary_parenthesis_is_not_an_annotation():
    result = workpoints.extract("（一）拓宽渠道。积极策应固定开放月（4月、8月）活动。")
    assert result["items"][0]["has_units"] is False
    assert result["items"][0]["tasks"][0]["text"] == "积极策应固定开放月（4月、8月）活动。"


# -- deadlines, recurrences, counts, limits, indicators ----------------------------------------------------------


def _task(result, path, seq):
    return item(result, *path)["tasks"][seq - 1]


def test_deadlines_and_limits_in_the_samples():
    r001 = result_of("001")
    cleanup = _task(r001, ("二", "（三）"), 2)
    assert cleanup["deadline"] == "2023-07-31" and cleanup["deadline_text"] == "2023年7月底前"
    reply = _task(r001, ("四", "（八）"), 1)
    assert reply["time_limit"] == {"working_days": 15, "text": "15个工作日内"}
    assert reply["deadline_text"] == "15个工作日内" and reply["deadline"] is None
    assert _task(r001, ("三", "（六）"), 1)["time_limit"]["working_days"] == 3
    hearing = _task(r001, ("六", "（十一）"), 1)
    assert hearing["count"]["value"] == 1 and hearing["count"]["period"] == "year"
    r004 = result_of("004")
    catalogue = _task(r004, ("五", "（二）"), 1)
    assert catalogue["deadline"] == "2024-12-31"
    open_day = _task(r004, ("三", "（二）"), 2)
    assert open_day["recurrence"] == "yearly:9" and open_day["deadline_text"] == "每年9月"
    meeting = _task(r004, ("五", "（一）"), 1)
    assert meeting["count"] == {
        "value": 1,
        "unit": "次",
        "period": "yearly",
        "op": ">=",
        "action": "召开",
        "text": "每年至少召开1次",
    }
    assert _task(r004, ("三", "（一）"), 2)["recurrence"] == "monthly"  # 每月一题
    r000 = result_of("000")
    training = _task(r000, ("五", "（十四）"), 1)
    assert training["count"]["value"] == 2 and training["count"]["text"] == "今年至少组织2次"


def test_indicators_in_the_samples():
    (indicator,) = _task(result_of("001"), ("二", "（三）"), 4)["indicators"]
    assert indicator == {
        "text": "多元化解读比例不低于70%",
        "op": ">=",
        "value": 70,
        "unit": "%",
        "subject": "多元化解读比例",
    }
    (weight,) = _task(result_of("002"), ("五", "（一）"), 2)["indicators"]
    assert (weight["op"], weight["value"], weight["unit"], weight["subject"]) == (">=", 4, "%", "分值权重")


@pytest.mark.parametrize(
    ("text", "year", "deadline", "phrase"),
    [
        ("2023年7月底前完成清理", None, "2023-07-31", "2023年7月底前"),
        ("6月底前完成", 2024, "2024-06-30", "6月底前"),
        ("2月底前完成", 2024, "2024-02-29", "2月底前"),
        ("年底前完成", 2024, "2024-12-31", "年底前"),
        ("9月30日前报送", 2024, "2024-09-30", "9月30日前"),
        ("上半年完成", 2023, "2023-06-30", "上半年"),
        ("第三季度完成", 2023, "2023-09-30", "第三季度"),
        ("七月底前完成", 2023, "2023-07-31", "七月底前"),
        ("2024年12月31日前完成", None, "2024-12-31", "2024年12月31日前"),
        ("6月底前完成", None, None, "6月底前"),
        ("每年9月开展", 2024, None, None),
        ("持续推进", 2024, None, None),
    ],
)
def test_deadlines(text, year, deadline, phrase):
    assert workpoints.find_deadline(text, year) == (deadline, phrase)


@pytest.mark.parametrize(
    ("text", "recurrence"),
    [
        ("每年9月集中组织开展", "yearly:9"),
        ("每季度通报一次", "quarterly"),
        ("每月更新", "monthly"),
        ("实行周反馈、月整改、季通报", "weekly"),
        ("定期清理", "periodic"),
        ("持续推进", "ongoing"),
        ("常态化开展", "ongoing"),
        ("加强培训", None),
    ],
)
def test_recurrences(text, recurrence):
    assert workpoints.find_recurrence(text)[0] == recurrence


def test_combined_recurrences_are_all_listed():
    found = workpoints.timing("建立工作台账，周反馈、月整改、季通报。", 2024)
    assert found["recurrences"] == ["weekly", "monthly", "quarterly"]


@pytest.mark.parametrize(
    ("text", "value", "unit", "period"),
    [
        ("今年至少组织2次集中学习培训", 2, "次", "year"),
        ("每年至少1次", 1, "次", "yearly"),
        ("每年度报送选题不得少于一篇", 1, "篇", "yearly"),
        ("每季度至少召开两次会议", 2, "次", "quarterly"),
        ("全年开展十次以上", 10, "次", "year"),
        ("至少组织三场新闻发布会", 3, "场", None),
    ],
)
def test_counts(text, value, unit, period):
    count = workpoints.find_count(text)
    assert (count["value"], count["unit"], count["period"]) == (value, unit, period)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("答复期限在3个工作日内完成", {"working_days": 3}),
        ("自收到之日起15个工作日内必须答复", {"working_days": 15}),
        ("在20个工作日内公开", {"working_days": 20}),
        ("七日内", {"days": 7}),
    ],
)
def test_time_limits(text, limit):
    found = workpoints.find_time_limit(text)
    assert {k: v for k, v in found.items() if k != "text"} == limit


@pytest.mark.parametrize(
    ("text", "op", "value", "unit", "subject"),
    [
        ("多元化解读比例不低于70%", ">=", 70, "%", "多元化解读比例"),
        ("政务公开事项办结率达100%", "=", 100, "%", "政务公开事项办结率"),
        ("网站留言按期答复率达到100%", "=", 100, "%", "网站留言按期答复率"),
        ("且分值权重不低于4%", ">=", 4, "%", "分值权重"),
        ("每年发布解读不少于10件", ">=", 10, "件", "每年发布解读"),
        ("差错率不超过0.5%", "<=", 0.5, "%", "差错率"),
    ],
)
def test_indicators(text, op, value, unit, subject):
    (found,) = workpoints.find_indicators(text)
    assert (found["op"], found["value"], found["unit"], found["subject"]) == (op, value, unit, subject)


def test_a_count_is_not_an_indicator():
    assert workpoints.find_indicators("今年至少组织2次集中学习培训") == []


# -- noisy input -------------------------------------------------------------------------------------------------


def _noisy(text: str) -> str:
    """The 001 sample as it might come off another site: every kind of noise at once."""
    noisy = text.replace("（三）抓好政务信息专项管理。", "(三)  抓好政务信息专项管理 。")
    noisy = noisy.replace("2023年7月底前", "２０２３年７月 底前")
    noisy = noisy.replace("（四）推进基层", "[bookmark: _GoBack]（四）推进基层")
    noisy = noisy.replace("2023年丰城市政务公开工作要点\n", "# 2023年丰城市政务公开工作要点\n")
    noisy = noisy.replace("(责任单位：市人社局", "〔责任单位：市人社局").replace(
        "人民政府落实)\n\n二、", "人民政府落实〕\n\n二、"
    )
    noisy = noisy.replace("多元化解读比例", "多元化\u00a0解读\u3000比例")
    # lines broken inside sentences every 45 characters, blank line after every fifth break
    out, count = [], 0
    for line in noisy.split("\n"):
        while len(line) > 45:
            out.append(line[:45])
            count += 1
            if count % 5 == 0:
                out.append("")
            line = line[45:]
        out.append(line)
    return "\r\n".join(out)


def test_noisy_text_parses_like_the_clean_one():
    clean = result_of("001")
    noisy = workpoints.extract(_noisy(sample_text("001")))
    assert [i["heading"] for i in noisy["items"]] == [i["heading"] for i in clean["items"]]
    assert [len(i["tasks"]) for i in noisy["items"]] == [len(i["tasks"]) for i in clean["items"]]
    assert noisy["title"] == "2023年丰城市政务公开工作要点"
    assert _task(noisy, ("二", "（三）"), 2)["deadline"] == "2023-07-31"
    assert _task(noisy, ("二", "（三）"), 4)["indicators"][0]["subject"] == "多元化解读比例"
    second = item(noisy, "一", "（二）")
    assert (
        second["annotation_form"] == "square-full" and second["units"] == item(clean, "一", "（二）")["units"]
    )
    assert "bookmark" not in item(noisy, "二", "（四）")["text"]


def test_heading_on_its_own_line_and_sub_items():
    text = "\n".join(
        [
            "2025年示范县政务公开工作要点",
            "一、深化政策公开",
            "（一）加强政策解读",
            "1.同步起草解读材料，6月底前完成制度修订。",
            "2．每季度开展一次解读质量评估。",
            "3、建立解读台账。〔牵头单位：县政府办；责任单位：县政府各部门〕",
            "（二）规范依申请公开。严格按20个工作日内答复。[县司法局、县政府办按职责分工负责]",
        ]
    )
    result = workpoints.extract(text)
    first, second = result["items"]
    assert first["heading"] == "加强政策解读" and first["path"] == ["一", "（一）"]
    assert [t["sub_item"] for t in first["tasks"]] == ["1", "2", "3"]
    assert first["tasks"][0]["deadline"] == "2025-06-30"
    assert first["tasks"][1]["recurrence"] == "quarterly"
    # the annotation after the last sub-item covers the whole item
    assert (first["lead_units"], first["units"]) == (["县政府办"], ["县政府各部门"])
    assert first["tasks"][0]["lead_units"] == ["县政府办"]
    assert (
        second["units"] == ["县司法局", "县政府办"] and second["tasks"][0]["time_limit"]["working_days"] == 20
    )


def test_numbering_gaps_are_reported():
    text = "一、甲部分\n（一）加强培训。组织培训。\n（三）加强考核。组织考核。\n三、丙部分\n（四）加强宣传。组织宣传。"
    result = workpoints.extract(text)
    messages = [w["message"] for w in result["warnings"] if w["kind"] == "numbering"]
    assert any("（三）" in m for m in messages)
    assert any("第2部分" in m for m in messages)


def test_not_a_work_plan():
    result = workpoints.extract("这是一段普通文字，没有任何编号。")
    assert result["items"] == [] and any(w["kind"] == "no_items" for w in result["warnings"])


def test_chinese_numeral_dates_in_the_signature():
    text = "某县人民政府办公室\n二〇二四年五月二十二日\n2024年某县政务公开工作要点\n一、公开\n（一）加强公开。及时公开信息。"
    assert workpoints.extract(text)["date"] == "2024-05-22"


# -- what is not a task ------------------------------------------------------------------------------------------


def test_sanctions_and_bonuses_are_notes_not_tasks():
    (note,) = item(result_of("000"), "五", "（十三）")["notes"]
    assert note == {
        "text": "对工作落实不到位的单位，县政府办将予以通报批评或约谈整改。",
        "reason": "consequence",
    }
    (note,) = item(result_of("001"), "三", "（五）")["notes"]
    assert note["text"].startswith("对于制作了多元化政策解读的单位") and note["reason"] == "consequence"


def test_a_framing_sentence_goes_with_the_next_one():
    tasks = item(result_of("001"), "五", "（九）")["tasks"]
    assert tasks[1]["text"].startswith("着眼政务公开与政务服务深度融合。开展重要政策现场解读")


def test_rhetoric_is_a_note():
    result = workpoints.extract(
        "（一）加强培训。2024年是政务公开提质增效的关键之年。组织业务培训；开展考核评估。"
    )
    (only,) = result["items"]
    assert [t["text"] for t in only["tasks"]] == ["组织业务培训。", "开展考核评估。"]
    assert only["notes"] == [{"text": "2024年是政务公开提质增效的关键之年。", "reason": "rhetoric"}]


def test_task_spans_point_into_the_item_text():
    for it in result_of("000")["items"]:
        for task in it["tasks"]:
            start, end = task["span"]
            assert it["text"][start:end] == task["text"]
