"""12345 work orders, framework-free: the mapping guessed from header names, the header row found under a title,
values parsed (dates, limits, satisfaction) and every bad cell reported in Chinese with its row and column."""

from datetime import date, datetime

import pytest

from gongkai.core import hotline

TODAY = date(2026, 3, 20)
STANDARD = ["工单编号", "来电时间", "诉求内容", "诉求人", "承办单位", "办理时限", "办理结果", "回访满意度"]


def test_guess_mapping_standard_header():
    mapping = hotline.guess_mapping(STANDARD)
    assert mapping["number"] == 0 and mapping["called_at"] == 1 and mapping["body"] == 2
    assert mapping["requester"] == 3 and mapping["unit"] == 4 and mapping["limit"] == 5
    assert mapping["result"] == 6 and mapping["satisfaction"] == 7
    assert mapping["subject"] is None and mapping["finished_at"] is None


def test_guess_mapping_other_spellings_and_order():
    header = [
        "序号",
        "受理时间",
        "工单号",
        "来电人姓名",
        "反映内容",
        "处置单位",
        "办结时限（工作日）",
        "处理结果",
        "满意度",
        "备注",
    ]
    mapping = hotline.guess_mapping(header)
    assert mapping == {
        "number": 2,
        "called_at": 1,
        "body": 4,
        "requester": 3,
        "unit": 5,
        "limit": 6,
        "result": 7,
        "satisfaction": 8,
        "subject": None,
        "finished_at": None,
    }


def test_each_column_serves_one_field():
    mapping = hotline.guess_mapping(["工单编号", "内容", "内容"])
    used = [v for v in mapping.values() if v is not None]
    assert len(used) == len(set(used))


def test_find_header_under_a_title_line():
    rows = [["示范县12345工单明细（2026年3月）"], [], STANDARD, ["GD1", "2026-03-01"]]
    assert hotline.find_header(rows) == 2
    assert hotline.find_header([["a", "b"], ["1", "2"]]) is None


def test_missing_required_names_the_columns():
    mapping = hotline.guess_mapping(["工单编号", "诉求人"])
    assert hotline.missing_required(mapping) == ["来电时间", "诉求内容"]


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2026-03-01 09:12:33", datetime(2026, 3, 1, 9, 12, 33)),
        ("2026/3/1 9:12", datetime(2026, 3, 1, 9, 12)),
        ("2026年3月1日 9时12分", datetime(2026, 3, 1, 9, 12)),
        ("2026.03.01", datetime(2026, 3, 1)),
        ("20260301091233", datetime(2026, 3, 1, 9, 12, 33)),
        (datetime(2026, 3, 1, 9, 0), datetime(2026, 3, 1, 9, 0)),
        (date(2026, 3, 1), datetime(2026, 3, 1)),
        (46082.5, datetime(2026, 3, 1, 12, 0)),
    ],
)
def test_parse_datetime(value, expected):
    assert hotline.parse_datetime(value) == expected


@pytest.mark.parametrize("value", ["2026-02-30", "昨天下午", "2026-13-01", "3/1", ""])
def test_parse_datetime_refuses_in_chinese(value):
    with pytest.raises(ValueError, match="日期"):
        hotline.parse_datetime(value)


def test_parse_limit():
    assert hotline.parse_limit("5个工作日") == hotline.Limit(workdays=5)
    assert hotline.parse_limit(5) == hotline.Limit(workdays=5)
    assert hotline.parse_limit("2026-03-08") == hotline.Limit(due=date(2026, 3, 8))
    assert hotline.parse_limit("") == hotline.Limit()
    with pytest.raises(ValueError, match="办理时限"):
        hotline.parse_limit("尽快")
    with pytest.raises(ValueError, match="1至365"):
        hotline.parse_limit("0个工作日")


def test_satisfaction_codes_match_the_rating_vocabulary():
    assert hotline.parse_satisfaction("非常满意") == "satisfied"
    assert hotline.parse_satisfaction(" 基本满意 ") == "fairly"
    assert hotline.parse_satisfaction("不满意") == "unsatisfied"
    assert hotline.parse_satisfaction("未回访") == ""
    with pytest.raises(ValueError, match="回访满意度"):
        hotline.parse_satisfaction("还行吧")
    assert set(hotline.SATISFACTION.values()) - {""} == set(hotline.RATING_LABELS)


def _row(**cells):
    values = dict(
        zip(
            STANDARD,
            ["GD001", "2026-03-01 09:00", "人民路路灯不亮，请维修。", "欧阳明珠", "县住建局", "", "", ""],
            strict=True,
        )
    )
    values.update(cells)
    return [values[h] for h in STANDARD]


def test_read_row_masks_the_caller_and_derives_the_title():
    got = hotline.read_row(_row(), hotline.guess_mapping(STANDARD), row=2, today=TODAY)
    assert got.ok and got.values is not None
    assert got.values.requester == "欧**"
    assert "欧阳明珠" not in repr(got.values)
    assert got.values.subject == "人民路路灯不亮，请维修。"
    assert got.values.called_at == datetime(2026, 3, 1, 9, 0)


def test_read_row_errors_name_row_and_column():
    mapping = hotline.guess_mapping(STANDARD)
    got = hotline.read_row(
        _row(**{"工单编号": "", "来电时间": "2026-02-30", "办理时限": "尽快", "回访满意度": "很好"}),
        mapping,
        row=7,
        today=TODAY,
    )
    assert not got.ok
    text = "\n".join(got.errors)
    assert "第7行【工单编号】" in text and "第7行【来电时间】" in text
    assert "第7行【办理时限】" in text and "第7行【回访满意度】" in text


def test_read_row_refuses_future_calls_and_limits_before_the_call():
    mapping = hotline.guess_mapping(STANDARD)
    assert (
        "晚于今天"
        in hotline.read_row(_row(**{"来电时间": "2026-04-01"}), mapping, row=2, today=TODAY).errors[0]
    )
    got = hotline.read_row(_row(**{"办理时限": "2026-02-01"}), mapping, row=2, today=TODAY)
    assert "早于来电时间" in got.errors[0]


def test_formula_guard_of_an_export_is_taken_off():
    assert hotline.cell_text("'=1+1") == "=1+1"
    assert hotline.cell_text(12.0) == "12"
