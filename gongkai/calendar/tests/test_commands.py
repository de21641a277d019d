"""``gongkai workdays`` and ``gongkai calendar`` through call_command, output captured."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEvent
from gongkai.calendar.models import HolidayCalendar

from .fixtures import NOTICE_2026, NOTICE_2027

pytestmark = pytest.mark.django_db


def run(*args) -> list[str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue().splitlines()


def test_add_across_national_day_2026(seeded):
    assert run("workdays", "add", "2026-09-28", "20") == ["2026-10-30"]


def test_add_into_an_uncovered_year_is_provisional_with_the_reason(seeded):
    lines = run("workdays", "add", "2026-12-20", "20")
    # 元旦 2027 (a Friday) is a statutory day off before the 2027 notice is imported: 1月18日, not 1月15日.
    assert lines[0] == "2027-01-18 (provisional)"
    assert lines[1:] == [
        "2027年节假日安排尚未录入，已按《全国年节及纪念日放假办法》计入法定节假日，调休安排未知，结果为暂定"
    ]
    with pytest.raises(CommandError, match="请在【工作日历】中导入2027年国务院办公厅节假日安排通知"):
        run("workdays", "add", "2026-12-20", "20", "--strict")


def test_count_and_deadline(seeded):
    assert run("workdays", "count", "2026-09-28", "2026-10-30") == ["20"]
    assert run("workdays", "count", "2026-10-30", "2026-09-28") == ["-20"]
    lines = run("workdays", "deadline", "2026-09-28", "20", "--pause", "2026-10-12:2026-10-16")
    assert lines[0] == "2026-11-06"
    assert lines[-1] == "第20个工作日：2026年11月6日（周五），即期限届满日"
    assert any("国庆节调休上班" in line for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "2026/09/28", "20"), "日期格式应为 YYYY-MM-DD，例如 2026-09-28"),
        (("add", "2026-02-30", "20"), "日期不存在：2026-02-30"),
        (("add", "2026-09-28", "-3"), "工作日数应为不小于0的整数"),
        (("add", "2026-09-28", "twenty"), "工作日数应为不小于0的整数"),
        (("count", "2026-09-28", "tomorrow"), "日期格式应为 YYYY-MM-DD"),
        (("deadline", "2026-09-28", "20", "--pause", "2026-10-16:2026-10-12"), "早于开始日期"),
        (("deadline", "2026-09-28", "20", "--pause", "2026-10-16"), "中止期间应写成 开始:结束"),
    ],
)
def test_bad_input_gets_a_clear_message(seeded, args, message):
    with pytest.raises(CommandError, match=message):
        run("workdays", *args)


def test_empty_table_is_seeded_first():
    err = StringIO()
    out = StringIO()
    call_command("workdays", "add", "2026-09-28", "20", stdout=out, stderr=err)
    assert out.getvalue().splitlines()[0] == "2026-10-30"
    assert "已从 chinesecalendar 数据包导入2004–2026年" in err.getvalue()
    assert HolidayCalendar.objects.count() == 23
    assert AuditEvent.objects.filter(action="calendar.seed", channel="cli").count() == 23


def test_calendar_seed_and_list():
    assert run("calendar", "seed") == ["已导入23个年度：2004–2026"]
    assert run("calendar", "seed") == ["没有需要导入的年份（均已存在）。"]
    listing = run("calendar", "list")
    assert listing[-1] == "2026  chinesecalendar 数据包  放假33天  调休上班6天"
    with pytest.raises(CommandError, match="2027年请导入"):
        run("calendar", "seed", "--years", "2027")


def test_import_notice_file(seeded, tmp_path, office_admin):
    path = tmp_path / "2027.txt"
    path.write_text(NOTICE_2027, encoding="gb18030")
    lines = run("calendar", "import-notice", str(path))  # no --yes, no terminal: preview only
    assert lines[0].startswith("年份：2027") and "国办发明电〔2026〕9号" in lines[0]
    assert "  2027-10-09 周六  调休上班  国庆节" in lines
    assert lines[-1] == "未保存：核对以上内容无误后，加 --yes 再次运行。"
    assert not HolidayCalendar.objects.filter(year=2027).exists()
    lines = run("calendar", "import-notice", str(path), "--yes", "--user", office_admin.username)
    assert lines[-2] == "已保存2027年节假日安排（35个日期）。"
    assert lines[-1].startswith("已重新计算受影响的期限：")
    event = AuditEvent.objects.get(action="calendar.import_notice")
    assert event.actor == office_admin and event.channel == "cli"
    assert run("workdays", "add", "2026-12-20", "20") == ["2027-01-18"]  # 2027-01-01 is now a holiday


def test_import_notice_refuses_an_existing_year_without_replace(seeded, tmp_path):
    path = tmp_path / "2026.txt"
    path.write_text(NOTICE_2026.replace("9月20日（周日）、", ""), encoding="utf-8")
    with pytest.raises(CommandError, match="加 --replace"):
        run("calendar", "import-notice", str(path), "--yes")
    assert HolidayCalendar.objects.get(year=2026).source == "chinesecalendar"
    lines = run("calendar", "import-notice", str(path), "--yes", "--replace")
    assert "与现有数据相比有1处不同：" in lines
    assert "  2026-09-20 删除：调休上班·国庆节 → （无）" in lines
    assert HolidayCalendar.objects.get(year=2026).source == "notice"
    with pytest.raises(CommandError, match="找不到文件"):
        run("calendar", "import-notice", str(tmp_path / "missing.txt"))
