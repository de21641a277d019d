"""Extraction never crashes: arbitrary text, text built from the vocabulary of work plans, shuffled sample lines."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core import docread, workpoints
from gongkai.core.tests.fixtures import SAMPLE_FILES, sample_text

TOP_KEYS = {"title", "issuer", "doc_number", "date", "year", "items", "parts", "warnings", "stats"}
TASK_KEYS = {
    "seq",
    "text",
    "units",
    "lead_units",
    "deadline",
    "deadline_text",
    "recurrence",
    "count",
    "indicators",
}

# Pieces that trigger every rule: markers, brackets of all kinds, unit labels, time words, artefacts.
VOCABULARY = [
    "一、",
    "二、",
    "十、",
    "（一）",
    "(二)",
    "（十四）",
    "1.",
    "2、",
    "3．",
    "（1）",
    "〔",
    "〕",
    "[",
    "]",
    "【",
    "】",
    "（",
    "）",
    "(",
    ")",
    "《",
    "》",
    "“",
    "”",
    "。",
    "；",
    "，",
    "、",
    "：",
    "\n",
    "\n\n",
    " ",
    "\u3000",
    "\u00a0",
    "责任单位：",
    "牵头单位：",
    "县政府办",
    "县发改委",
    "各乡镇〔街道〕人民政府",
    "县直各单位",
    "牵头负责",
    "落实",
    "分别牵头落实",
    "按职责分工负责",
    "等",
    "和",
    "及",
    "2023年7月底前",
    "6月底前",
    "年底前",
    "每年9月",
    "每季度",
    "周反馈、月整改、季通报",
    "至少组织2次",
    "每年至少1次",
    "不得少于一篇",
    "15个工作日内",
    "不低于70%",
    "达到100%",
    "持续推进",
    "上半年",
    "第三季度",
    "**",
    "[bookmark: _GoBack]",
    "# ",
    "附件",
    "| 序号 | 目标任务 | 责任单位 |",
    "\t",
    "丰府办字〔2023〕26号",
    "2024年5月 22 日",
    "人民政府办公室",
    "工作要点",
    "加强",
    "做好信息公开",
    "对",
    "单位",
    "将予以通报",
    "着眼",
    "２０２４",
    "９",
    "％",
]


def _check(result: dict) -> None:
    assert set(result) >= TOP_KEYS
    for item in result["items"]:
        assert isinstance(item["path"], list) and item["path"]
        for task in item["tasks"]:
            assert set(task) >= TASK_KEYS
            assert task["deadline"] is None or len(task["deadline"]) == 10


@given(st.text(max_size=400))
@settings(max_examples=150, deadline=None)
def test_arbitrary_text(text):
    _check(workpoints.extract(text))


@given(st.lists(st.sampled_from(VOCABULARY), max_size=120).map("".join))
@settings(max_examples=250, deadline=None)
def test_text_made_of_work_plan_vocabulary(text):
    _check(workpoints.extract(text))


_SAMPLE_LINES = {key: sample_text(key).split("\n") for key in SAMPLE_FILES}


@given(st.sampled_from(sorted(_SAMPLE_LINES)).flatmap(lambda key: st.permutations(_SAMPLE_LINES[key])))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_shuffled_sample_lines(lines):
    result = workpoints.extract("\n".join(lines))
    _check(result)
    # every item comes from an item marker line of the sample
    markers = sum(1 for line in lines if docread.match_marker(docread.clean_line(line)))
    assert len(result["items"]) <= markers


@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [
                    "序号",
                    "目标任务",
                    "任务内容",
                    "责任单位",
                    "工作时限",
                    "",
                    "一、甲",
                    "县政府办",
                    "6月底前",
                    "加强培训。",
                ]
            ),
            max_size=6,
        ),
        max_size=8,
    )
)
@settings(max_examples=100, deadline=None)
def test_arbitrary_tables(rows):
    blocks = docread.read_text("（一）加强培训。组织培训。〔责任单位：县政府办〕")
    table = docread.blocks.table_block(rows)
    _check(workpoints.extract(blocks + ([table] if table else [])))
