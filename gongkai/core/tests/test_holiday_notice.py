"""The notice parser against the real 2024–2026 notices, checked day by day against the chinesecalendar package."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from gongkai.core.holiday_notice import NoticeParseError, package_name, parse_notice

# 国办发明电〔2023〕7号 (published 2023-10-25).
NOTICE_2024 = """国务院办公厅关于2024年部分节假日安排的通知
国办发明电〔2023〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2024年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日放假，与周末连休。
二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
五、端午节：6月10日放假，与周末连休。
六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2023年10月25日
"""

# 国办发明电〔2024〕12号 (published 2024-11-12, the first under the amended 全国年节及纪念日放假办法).
NOTICE_2025 = """国务院办公厅关于2025年部分节假日安排的通知
国办发明电〔2024〕12号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经党中央、国务院批准，《国务院关于修改〈全国年节及纪念日放假办法〉的决定》已经公布，自2025年1月1日起施行。按照新修订的全国年节及纪念日放假办法，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2024年11月12日
"""

# 国办发明电〔2025〕7号.
NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2025年11月4日
"""

REAL_NOTICES = {2024: NOTICE_2024, 2025: NOTICE_2025, 2026: NOTICE_2026}


def _every_day(year):
    d = date(year, 1, 1)
    while d.year == year:
        yield d
        d += timedelta(days=1)


@pytest.mark.parametrize("year", sorted(REAL_NOTICES))
def test_parsed_notice_reproduces_chinesecalendar_for_every_day(year):
    notice = parse_notice(REAL_NOTICES[year])
    assert notice.year == year
    assert notice.title == f"国务院办公厅关于{year}年部分节假日安排的通知"
    assert notice.number.startswith("国办发明电〔")
    assert notice.warnings == []
    off, makeup = notice.off_days(), notice.makeup_days()
    assert off and makeup
    mismatches = []
    for d in _every_day(year):
        expected_workday = d in makeup or (d not in off and d.weekday() < 5)
        on_holiday, package_holiday = chinese_calendar.get_holiday_detail(d)
        ours = off.get(d) or makeup.get(d)
        # A combined item (国庆节、中秋节) names both; the package names the festival day itself.
        theirs = package_name(package_holiday) if package_holiday else None
        name_ok = (ours is None and theirs is None) or (ours and theirs in ours.split("、"))
        if (
            chinese_calendar.is_workday(d) != expected_workday
            or on_holiday == expected_workday
            or not name_ok
        ):
            mismatches.append((d, expected_workday, ours, chinese_calendar.get_holiday_detail(d)))
    assert mismatches == []


def test_2024_encouraged_rest_on_new_years_eve_is_a_note_not_a_day_off():
    notice = parse_notice(NOTICE_2024)
    assert date(2024, 2, 9) not in notice.off_days()
    assert any("2月9日" in n and "鼓励" in n for n in notice.notes)


def test_2026_spring_festival_and_national_day_items():
    notice = parse_notice(NOTICE_2026)
    by_name = {h.name: h for h in notice.holidays}
    spring = by_name["春节"]
    assert spring.off_ranges == [(date(2026, 2, 15), date(2026, 2, 23))]
    assert spring.makeup_workdays == [date(2026, 2, 14), date(2026, 2, 28)]
    assert spring.stated_days == 9
    national = by_name["国庆节"]
    assert national.makeup_workdays == [date(2026, 9, 20), date(2026, 10, 10)]
    assert [h.name for h in notice.holidays] == [
        "元旦",
        "春节",
        "清明节",
        "劳动节",
        "端午节",
        "中秋节",
        "国庆节",
    ]


def test_full_width_digits_half_width_brackets_and_line_wraps():
    text = (
        "国务院办公厅关于２０２６年部分节假日安排的通知\n"
        "一、元旦：１月１日(周四)至３日(周六)放假调休，共３天。１月４日(周日)上班。\n"
        "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、\n"
        "周一）放假调休，共9天。2月14日 （周六）、2月28日（周六）\n"
        "上班。\n"
    )
    notice = parse_notice(text)
    assert notice.warnings == []
    assert notice.holidays[0].off_ranges == [(date(2026, 1, 1), date(2026, 1, 3))]
    assert notice.holidays[0].makeup_workdays == [date(2026, 1, 4)]
    assert notice.holidays[1].off_ranges == [(date(2026, 2, 15), date(2026, 2, 23))]
    assert notice.holidays[1].makeup_workdays == [date(2026, 2, 14), date(2026, 2, 28)]


def test_single_day_without_numbering_and_a_range_across_months():
    text = (
        "国务院办公厅关于2025年部分节假日安排的通知\n"
        "端午节：5月31日放假\n"
        "国庆节、中秋节：9月29日至10月6日放假调休，共8天。9月28日（周日）、10月11日（周六）上班。\n"
    )
    notice = parse_notice(text)
    dragon, national = notice.holidays
    assert dragon.name == "端午节" and dragon.off_ranges == [(date(2025, 5, 31), date(2025, 5, 31))]
    assert national.name == "国庆节、中秋节"
    assert national.off_ranges == [(date(2025, 9, 29), date(2025, 10, 6))]
    assert notice.warnings == []


def test_new_year_range_across_the_year_end_at_the_start_of_the_notice():
    # The real 2019 notice writes the years out.
    text = (
        "国务院办公厅关于2019年部分节假日安排的通知\n"
        "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。\n"
        "二、春节：2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。\n"
    )
    notice = parse_notice(text)
    assert notice.warnings == []
    new_year = notice.holidays[0]
    assert new_year.off_ranges == [(date(2018, 12, 30), date(2019, 1, 1))]
    assert new_year.makeup_workdays == [date(2018, 12, 29)]
    for d in (date(2018, 12, 29), date(2018, 12, 30), date(2018, 12, 31), date(2019, 1, 1)):
        assert chinese_calendar.is_workday(d) == (d in notice.makeup_days())
    # Without the years, a wrapping first item still means the end of the previous year.
    short = text.replace("2018年12月30日至2019年1月1日", "12月30日至1月1日").replace(
        "2018年12月29日", "12月29日"
    )
    assert parse_notice(short).holidays[0].off_ranges == new_year.off_ranges
    assert parse_notice(short).holidays[0].makeup_workdays == new_year.makeup_workdays
    assert any("2018年" in n for n in notice.notes)


def test_next_years_new_year_announced_at_the_end_of_a_notice():
    text = (
        "国务院办公厅关于2026年部分节假日安排的通知\n"
        "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。\n"
        "八、元旦：12月31日（周四）至1月2日（周六）放假，共3天。\n"
    )
    notice = parse_notice(text)
    assert notice.warnings == []
    assert notice.holidays[1].off_ranges == [(date(2026, 12, 31), date(2027, 1, 2))]


def test_weekday_mismatch_is_warned():
    text = "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周六）放假，共3天。1月4日（周日）上班。"
    notice = parse_notice(text)
    assert len(notice.warnings) == 1
    assert "周五" in notice.warnings[0] and "周四" in notice.warnings[0]
    # The dates are still read as written: the official decides after the preview.
    assert notice.holidays[0].off_ranges == [(date(2026, 1, 1), date(2026, 1, 3))]


def test_stated_total_mismatch_and_weekday_makeup_are_warned():
    text = "国务院办公厅关于2026年部分节假日安排的通知\n四、劳动节：5月1日至5日放假调休，共4天。5月6日上班。"
    warnings = parse_notice(text).warnings
    assert any("共4天" in w and "5天" in w for w in warnings)
    assert any("5月6日" in w and "并非周末" in w for w in warnings)


def test_lines_not_understood_become_warnings():
    text = (
        "国务院办公厅关于2026年部分节假日安排的通知\n"
        "一、元旦：1月1日至3日放假，共3天。\n"
        "另：1月5日视情况调整上班时间。\n"
        "二、春节：2月15日至23日放假调休，共9天。2月14日、2月28日（周六）上班。2月30日上班。\n"
    )
    notice = parse_notice(text)
    assert any("1月5日" in w for w in notice.warnings)
    assert any("2月30日" in w and "不是有效日期" in w for w in notice.warnings)
    assert notice.holidays[1].makeup_workdays == [date(2026, 2, 14), date(2026, 2, 28)]


def test_text_without_year_or_items_is_refused():
    with pytest.raises(NoticeParseError, match="未能确定年份"):
        parse_notice("一、元旦：1月1日放假。")
    assert parse_notice("一、元旦：1月1日放假。", year=2030).holidays[0].off_ranges == [
        (date(2030, 1, 1), date(2030, 1, 1))
    ]
    with pytest.raises(NoticeParseError, match="未识别出任何节假日安排"):
        parse_notice("国务院办公厅关于2027年部分节假日安排的通知\n（正文待发布）")
    with pytest.raises(NoticeParseError, match="不一致"):
        parse_notice(NOTICE_2026, year=2025)
