"""The annex 任务分工表 as it arrives from web pages: one cell per line, cells on a line separated by tabs or
spaces, an HTML table with rowspans. The same rows from each; each task gets its own row's units and time; what
cannot be read is reported. Also the reading fixes of the same trial (counts, 开放月, deadlines before the plan)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core import docread, workpoints
from gongkai.core.tests.factories import annex as layouts
from gongkai.core.tests.factories.annex import Annex, Part, Row
from gongkai.core.workpoints import annex as annex_mod
from gongkai.core.workpoints import cells, flattened

ANNEX = Annex(
    [
        Part(
            "聚焦重点领域加强信息公开",
            [
                Row(
                    "加强财政信息公开",
                    "及时公开部门预算、决算和“三公”经费。",
                    "县财政局、县直各单位",
                    "8月底前，持续推进",
                ),
                Row("加强财政信息公开", "定期公开政府债务限额、余额等信息。", "县财政局", "每季度"),
                Row("加强民生领域信息公开", "做好低保、特困供养等社会救助信息公开。", "县民政局", "持续推进"),
            ],
        ),
        Part(
            "围绕政策解读提升质效",
            [
                Row(
                    "规范政策解读",
                    "坚持政策文件与解读材料同步起草、同步审签、同步发布。",
                    "县政府办牵头，县直各单位",
                    "6月底前",
                ),
                Row("规范政策解读", "多元化解读比例不低于70%。", "县直各单位", "12月底前"),
                Row(
                    "做好政策问答",
                    "围绕企业群众关注的政策，编制简明问答并及时更新。",
                    "县司法局、县直各单位",
                    "持续推进,及时更新",
                ),
            ],
        ),
    ]
)


def _rows(document: str | bytes, filename: str = "要点.txt"):
    data = document.encode("utf-8") if isinstance(document, str) else document
    return workpoints.extract(docread.read(data, filename=filename))


LAYOUTS = {
    "one cell per line": lambda a: layouts.flattened(a),
    "one cell per line, single newlines": lambda a: layouts.flattened(a, blank="\n"),
    "content over two lines": lambda a: layouts.flattened(a, split={1, 6}),
    "tab-separated": lambda a: layouts.separated(a, sep="\t"),
    "space-separated": lambda a: layouts.separated(a, sep="    "),
    "ideographic spaces": lambda a: layouts.separated(a, sep="\u3000\u3000"),
    "tab-separated, content over two lines": lambda a: layouts.separated(a, sep="\t", split={1, 6}),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_text_layout_gives_the_rows_back(layout):
    blocks = docread.read_text(layouts.plan_text(ANNEX) + "\n" + LAYOUTS[layout](ANNEX))
    read = flattened.read(blocks[[b.text for b in blocks].index("附件：") :], ["加强财政信息公开"])
    assert read.reason is None
    assert layouts.as_tuples(read.rows) == layouts.expected(ANNEX)


def test_html_table_with_rowspans_gives_the_same_rows():
    blocks = docread.read(layouts.plan_html(ANNEX), filename="要点.html")
    tables = [b for b in blocks if b.is_table]
    assert len(tables) == 1 and len(tables[0].rows[3]) == 4  # the rowspan row has one cell fewer
    assert layouts.as_tuples(annex_mod.read_rows(tables)) == layouts.expected(ANNEX)


@pytest.mark.parametrize("layout", ["one cell per line", "tab-separated", "content over two lines", "html"])
def test_tasks_get_their_own_rows_units_and_deadlines(layout):
    if layout == "html":
        result = _rows(layouts.plan_html(ANNEX), "要点.html")
    else:
        result = _rows(layouts.plan_text(ANNEX) + "\n" + LAYOUTS[layout](ANNEX))
    assert result["annex"] == {"found": True, "tables": 1, "rows": 6, "linked": 6, "unmatched": 0}
    assert result["annex_check"]["layout"] == ("table" if layout == "html" else "flattened")
    finance, welfare, reading, answers = result["items"]
    first, second = finance["tasks"]
    assert (first["units"], first["deadline"], first["deadline_text"], first["recurrence"]) == (
        ["县财政局", "县直各单位"],
        "2025-08-31",
        "8月底前，持续推进",
        "ongoing",
    )
    assert (second["units"], second["deadline"], second["recurrence"]) == (["县财政局"], None, "quarterly")
    assert welfare["tasks"][0]["units"] == ["县民政局"]
    lead, share = reading["tasks"]
    assert (lead["lead_units"], lead["units"], lead["deadline"]) == (
        ["县政府办"],
        ["县直各单位"],
        "2025-06-30",
    )
    assert (share["units"], share["deadline_text"]) == (["县直各单位"], "12月底前")
    assert answers["tasks"][0]["deadline_text"] == "持续推进,及时更新"
    assert answers["tasks"][0]["recurrence"] == "ongoing"
    # the body's item-level annotation (县政府办) is no longer every task's unit
    assert [t["source"] for i in result["items"] for t in i["tasks"]] == ["annex"] * 6
    assert result["annex_check"]["rows_without_sentence"] == []
    assert result["annex_check"]["tasks_without_row"] == []
    assert not [w for w in result["warnings"] if w["kind"].startswith("annex_row")]


def test_the_office_example_layout():
    """The shape of the trial's pages: notice, body, 附件 list line, then the flattened table (own text)."""
    text = """示例县人民政府办公室关于印发《2025年示例县政务公开工作要点》的通知

示例县人民政府办公室

2025年4月10日

2025年示例县政务公开工作要点

一、围绕重点工作加强信息公开

（一）加强财政信息公开

及时公开部门预算、决算和“三公”经费。定期公开政府债务限额、余额等信息。[县财政局、县直各单位按职责分工负责]

（二）加强政府网站管理

持续开展政府网站适老化和无障碍改造。开展“我为政府网站找错”日常工作。[县政府办、县融媒体中心按职责分工负责]

附件：2025年示例县政务公开重点工作任务分工表



附件：

2025年示例县政务公开重点工作任务分工表

序号

目标任务

任务内容

责任单位

工作时限

一、围绕重点工作加强信息公开

1

加强财政信息公开

及时公开部门预算、决算和“三公”经费。

县财政局、县直各单位

批复后20日内

2

定期公开政府债务限额、余额等信息。

县财政局

每季度

3

加强政府网站管理

持续开展政府网站适老化和无障碍改造。

县政府办、县直各单位按职责分工负责

9月底前

4

开展“我为政府网站找错”日常工作。

县政府办、县融媒体中心

持续推进
"""
    result = _rows(text)
    finance, website = result["items"]
    assert [t["units"] for t in finance["tasks"]] == [["县财政局", "县直各单位"], ["县财政局"]]
    assert finance["tasks"][0]["time_limit"] == {"days": 20, "text": "20日内"}
    assert finance["tasks"][0]["deadline_text"] == "批复后20日内"
    assert website["tasks"][0]["deadline"] == "2025-09-30"
    assert [t["units"] for t in website["tasks"]] == [
        ["县政府办", "县直各单位"],
        ["县政府办", "县融媒体中心"],
    ]
    # the annex names 县直各单位 for item (二), the body does not
    differ = [w for w in result["warnings"] if w["kind"] == "annex_units_differ"]
    assert [w["path"] for w in differ] == [["一", "（二）"]]


def test_rows_without_a_sentence_and_tasks_without_a_row_are_reported():
    annex = Annex([Part(ANNEX.parts[0].heading, list(ANNEX.parts[0].rows))])
    text = layouts.plan_text(annex)
    # the body has one more sentence than the annex; the annex one row the body does not have
    text = text.replace("〔责任单位：县政府办〕", "建立财政信息公开台账。〔责任单位：县政府办〕", 1)
    extra = Row("加强财政信息公开", "开展财政信息公开专项检查。", "县审计局", "10月底前")
    annex_out = Annex(
        [Part(annex.parts[0].heading, [*annex.parts[0].rows[:2], extra, annex.parts[0].rows[2]])]
    )
    result = _rows(text + "\n" + layouts.flattened(annex_out))
    check = result["annex_check"]
    assert [(r["seq"], r["text"], r["path"]) for r in check["rows_without_sentence"]] == [
        ("3", "开展财政信息公开专项检查。", ["一", "（一）"])
    ]
    assert [(t["path"], t["text"]) for t in check["tasks_without_row"]] == [
        (["一", "（一）"], "建立财政信息公开台账。")
    ]
    kinds = [w["kind"] for w in result["warnings"]]
    assert "annex_row_not_in_body" in kinds and "annex_task_uncovered" in kinds


@pytest.mark.parametrize(
    ("annex_text", "reason"),
    [
        ("附件：\n任务分工表\n一、加强财政信息公开\n及时公开部门预算。\n县财政局\n6月底前", "没有找到表头"),
        (
            "附件：\n任务分工表\n目标任务\n任务内容\n责任单位\n工作时限\n加强财政信息公开\n及时公开部门预算。\n县财政局",
            "没有“序号”列",
        ),
        (
            "附件：\n任务分工表\n序号\n目标任务\n任务内容\n责任单位\n工作时限\n（表格内容见政府网站）",
            "没有读到以序号开头的行",
        ),
        ("附件：\n联系人回执\n请各单位于3月20日前报送联系人姓名和电话。", "没有找到表头"),
    ],
)
def test_an_annex_that_is_no_table_gets_a_warning_with_the_reason(annex_text, reason):
    result = _rows(layouts.plan_text(ANNEX) + "\n" + annex_text)
    (warning,) = [w for w in result["warnings"] if w["kind"] == "annex_unreadable"]
    assert warning["message"].startswith("附件任务分工表未能识别为表格：")
    assert reason in warning["message"]
    assert result["annex"] is None
    # the body's tasks stay, with the body's units
    assert all(t["units"] == ["县政府办"] for i in result["items"] for t in i["tasks"])


def test_the_table_ends_at_the_documents_closing_lines():
    text = layouts.plan_text(ANNEX) + "\n" + layouts.flattened(ANNEX)
    text += "\n\n抄送：县委办公室，县人大常委会办公室\n\n示范县人民政府办公室 2025年3月15日印发"
    result = _rows(text)
    assert result["annex"]["rows"] == 6
    assert [t["deadline_text"] for t in result["items"][-1]["tasks"]] == ["持续推进,及时更新"]
    assert not any(w["kind"] == "annex_row_uncertain" for w in result["warnings"])


def test_an_annex_only_named_gets_no_warning():
    result = _rows(layouts.plan_text(ANNEX))
    assert not any(w["kind"] == "annex_unreadable" for w in result["warnings"])


def test_a_row_without_units_falls_back_to_the_items_annotation():
    annex = Annex(
        [
            Part(
                "聚焦重点领域加强信息公开",
                [Row("加强财政信息公开", "及时公开部门预算、决算和“三公”经费。", "", "6月底前")],
            )
        ]
    )
    text = layouts.plan_text(annex) + "\n" + layouts.separated(annex, sep="\t")
    (task,) = _rows(text)["items"][0]["tasks"]
    assert task["units"] == ["县政府办"] and task["deadline"] == "2025-06-30"


def test_cells_are_told_apart_by_their_shape():
    roles = ["target", "content", "units", "deadline"]
    full = cells.align(["加强财政信息公开", "及时公开部门预算。", "县财政局", "6月底前"], roles)
    assert full.skipped == [] and full.text("deadline") == "6月底前"
    short = cells.align(["定期公开政府债务信息。", "县财政局", "每季度"], roles)
    assert short.skipped == ["target"] and short.text("units") == "县财政局"
    split = cells.align(["坚持同步起草，", "同步发布。", "县政府办", "持续推进"], roles)
    assert split.values["content"] == ["坚持同步起草，", "同步发布。"]
    no_time = cells.align(["多元化解读比例不低于70%。", "县直各单位"], roles)
    assert no_time.skipped == ["target", "deadline"]
    assert cells.looks_like_time("持续推进,及时更新") and cells.looks_like_time("批复后20日内")
    assert not cells.looks_like_time("加强财政信息公开")


# -- hypothesis: any annex, every layout, the same rows ------------------------------------------------------------

TARGETS = [
    "加强财政信息公开",
    "规范政策解读",
    "做好政策问答",
    "加强政府网站管理",
    "推进基层政务公开标准化",
    "优化政务服务",
]
CONTENTS = [
    "建立政务公开工作台账",
    "组织业务培训，提升工作人员能力",
    "及时公开部门预算、决算和“三公”经费。",
    "定期公开政府债务限额、余额等信息。",
    "做好低保、特困供养等社会救助信息公开。",
    "坚持政策文件与解读材料同步起草、同步审签、同步发布。",
    "多元化解读比例不低于70%。",
    "围绕企业群众关注的政策，编制简明问答并及时更新。",
    "持续开展政府网站适老化和无障碍改造。",
    "严格政务新媒体分级备案，及时关停“僵尸号”。",
    "更新乡镇标准目录，建设村务公开栏。",
    "全年组织政府开放日活动不少于4次。",
]
UNITS = [
    "县直各单位",
    "县人力资源和社会保障局",
    "县财政局",
    "县政府办牵头，县直各单位",
    "县民政局、县教体局",
    "各乡镇人民政府",
    "县政府办、县融媒体中心按职责分工负责",
]
DEADLINES = [
    "年底前",
    "每月",
    "2025年9月30日前",
    "长期",
    "第三季度",
    "6月底前",
    "8月底前，持续推进",
    "12月底前",
    "持续推进,及时更新",
    "每季度",
    "长期坚持",
    "批复后20日内",
]
HEADINGS = ["聚焦重点领域加强信息公开", "围绕政策解读提升质效", "夯实平台建设基础"]


@st.composite
def annexes(draw):
    parts = []
    for heading in draw(st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=3, unique=True)):
        rows = []
        for _ in range(draw(st.integers(1, 4))):
            target = draw(st.sampled_from(TARGETS)) if not rows or draw(st.booleans()) else rows[-1].target
            rows.append(
                Row(
                    target,
                    draw(st.sampled_from(CONTENTS)),
                    draw(st.sampled_from(UNITS)),
                    draw(st.sampled_from(DEADLINES)),
                )
            )
        parts.append(Part(heading, rows))
    return Annex(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annexes(), st.sampled_from(sorted(LAYOUTS)), st.booleans(), st.data())
def test_any_annex_reads_back_the_same_from_every_layout(annex, layout, hints, data):
    total = sum(len(p.rows) for p in annex.parts)
    split = set(data.draw(st.lists(st.integers(1, total), max_size=2))) if "two lines" in layout else set()
    render = {
        "content over two lines": lambda a: layouts.flattened(a, split=split),
        "tab-separated, content over two lines": lambda a: layouts.separated(a, sep="\t", split=split),
    }.get(layout, LAYOUTS[layout])
    blocks = docread.read_text("附件\n" + render(annex))
    # with the body's headings as hints, or without (a stand-alone annex)
    read = flattened.read(blocks, TARGETS if hints else None)
    assert layouts.as_tuples(read.rows) == layouts.expected(annex)
    # (a page holding the table alone is read by text density as its longest cell: the body goes with it)
    html = docread.read(layouts.plan_html(annex), filename="a.html")
    assert layouts.as_tuples(
        annex_mod.read_rows([b for b in html if b.is_table], TARGETS if hints else None)
    ) == layouts.expected(annex)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annexes(), st.sampled_from(["one cell per line", "tab-separated", "html"]))
def test_any_annex_gives_every_task_its_own_row(annex, layout):
    if layout == "html":
        result = workpoints.extract(docread.read(layouts.plan_html(annex), filename="要点.html"))
    else:
        result = workpoints.extract(layouts.plan_text(annex) + "\n" + LAYOUTS[layout](annex))
    assert result["annex"]["rows"] == sum(len(p.rows) for p in annex.parts)
    assert result["annex"]["unmatched"] == 0
    wanted: dict = {}
    for title, _, row, _ in annex.numbered():
        text = row.content if row.content.endswith("。") else row.content + "。"
        wanted.setdefault((title.split("、")[0], row.target), []).append((text, row.deadline))
    got = {
        (item["part"], item["heading"]): [(t["text"], t["deadline_text"]) for t in item["tasks"]]
        for item in result["items"]
    }
    assert got == wanted


# -- the reading fixes of the same trial -----------------------------------------------------------------------


def test_a_count_over_the_year_is_no_deadline():
    found = workpoints.timing("全年组织政府开放日活动不少于4次。", 2025)
    assert found["deadline"] is None and found["deadline_text"] is None
    assert (found["count"]["value"], found["count"]["unit"], found["count"]["period"]) == (4, "次", "year")
    # a count per year stays a frequency an official writes as 工作时限
    assert workpoints.timing("每年至少召开1次新闻发布会。", 2025)["deadline_text"] == "每年至少召开1次"


@pytest.mark.parametrize(
    "text",
    ["积极策应固定开放月(4月、8月)活动。", "积极策应固定开放月（4月、8月）活动。", "每年4月、8月集中开放。"],
)
def test_open_months_are_a_recurrence(text):
    found = workpoints.timing(text, 2025)
    assert found["recurrence"] == "yearly:4,8" and found["deadline"] is None
    assert found["deadline_text"] == "4月、8月" if "开放月" in text else "每年4月、8月"
    from gongkai.core.workpoints.xlsx import deadline_text

    assert deadline_text({"recurrence": "yearly:4,8"}) == "每年4月、8月"


def test_a_deadline_before_the_plans_date_is_flagged():
    text = "\n".join(
        [
            "示范县人民政府办公室",
            "2025年3月15日",
            "2025年示范县政务公开工作要点",
            "一、加强信息公开",
            "（一）加强财政信息公开。1月31日前公开上年度财政资金使用情况。6月底前公开部门预算。〔责任单位：县财政局〕",
        ]
    )
    result = workpoints.extract(text)
    early, later = result["items"][0]["tasks"]
    assert early["deadline"] == "2025-01-31"
    assert early["warnings"][0]["kind"] == "deadline_before_plan"
    assert "早于本要点的日期（2025-03-15）" in early["warnings"][0]["message"]
    assert "warnings" not in later
    flagged = [w for w in result["warnings"] if w["kind"] == "deadline_before_plan"]
    assert [(w["path"], w["task"]) for w in flagged] == [(["一", "（一）"], 1)]


def test_the_warnings_the_import_page_shows_carry_a_message():
    """The workplan import stores ``warnings`` and shows each one's ``message`` (and ``path`` when given)."""
    result = _rows(layouts.plan_text(ANNEX) + "\n附件：\n任务分工表\n（略）")
    assert all(isinstance(w["message"], str) and w["message"] for w in result["warnings"])
    assert all(isinstance(w.get("path", []), list) for w in result["warnings"])
