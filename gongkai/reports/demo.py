"""Demo annual reports (年报演示): 2024 and 2025 reports of six units, published (one late, one with a warning
explained), the county government's reports, one unit's 2025 correction, and an uploaded batch of external reports
with findings. Everything goes through the services; deterministic and idempotent."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from types import SimpleNamespace

from django.utils import timezone

UNITS = {  # short name → the demo staff's username prefix (gongkai.orgs.demo.STAFF_UNITS)
    "县发改委": "fgw",
    "县自然资源局": "zrzy",
    "县教科体局": "jkt",
    "县司法局": "sfj",
    "城关镇": "cgz",
    "东山镇": "dsz",
}
YEARS = (2024, 2025)
LATE = ("东山镇", 2025)  # published on 6 February: after the statutory 31 January
PUBLISHED_ON = {2024: date(2025, 1, 22), 2025: date(2026, 1, 23)}
LATE_ON = date(2026, 2, 6)
PLACEHOLDER = re.compile(r"〔请填写([^〕]*)〕")
FILLED = {
    "本年度政务公开培训次数、参训人数，考核、社会评议和责任追究情况": "全年组织政务公开专题培训2次，参训86人次；本单位政务公开工作纳入年度绩效考核，未发生责任追究情形。",
    "本年度存在的主要问题": "一是政策解读形式较为单一，图解、视频解读偏少；二是部分栏目信息更新不够及时。",
    "下一步改进措施": "加强政策解读多样化，建立栏目更新提醒机制，每季度开展一次自查。",
    "承办件数及办理结果": "本年度承办县人大代表建议3件、县政协委员提案2件，均已按期办结并公开办理结果。",
    "改进情况": "已落实。",
}
MANUAL = {"licensing": 120, "penalty": 14, "coercion": 2, "fees": "0"}
PROBLEMS = ["政策解读形式较为单一，图解、视频解读偏少", "部分栏目信息更新不够及时"]


def _user(username):
    from gongkai.orgs.models import User

    return User.objects.filter(username=username, is_active=True).first()


def _fill(text: str) -> str:
    return PLACEHOLDER.sub(lambda m: FILLED.get(m.group(1), "已按要求落实。"), text)


def _aware(day: date):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _publish(report, editor, reviewer, day: date, services):
    from gongkai.publishing import services as publishing

    checks = dict.fromkeys(("political", "legal", "policy", "secrecy", "wording"), (True, ""))
    report = services.publish(report, actor=editor, on=day)
    publishing.decide_review(report.publication, actor=reviewer, checks=checks, verdict="approved")
    publishing.publish(report.publication, actor=reviewer, now=_aware(day))
    report.refresh_from_db()
    return report


def _complete(report, editor, leader, services, warning_note=""):
    """The unit's hand-written parts, the leader's approval."""
    report = services.update_inputs(
        report, actor=editor, values=MANUAL, source=f"{report.unit.short_name}业务系统{report.year}年统计"
    )
    sections = {number: _fill(text) for number, text in report.sections.items()}
    improvements = [
        f"已整改：{p['problem']}，本年度已增加图解和视频解读、建立更新提醒。" for p in report.problems
    ]
    report = services.update_text(
        report,
        actor=editor,
        sections=sections,
        improvements=improvements,
        new_problems=PROBLEMS,
        warning_note=warning_note
        or ("" if not report.warnings else "核对警告为文件有效期届满自然失效所致，已逐件核实。"),
    )
    return services.approve(report, actor=leader, note="同意发布。")


def _unit_report(unit, year, prefix, services, models):
    existing = models.AnnualReport.objects.filter(unit=unit, year=year).first()
    if existing is not None:
        return existing, False
    editor, leader, reviewer = (_user(f"{prefix}_{post}") for post in ("editor", "leader", "reviewer"))
    if not (editor and leader and reviewer):
        return None, False
    report = services.generate(unit, year, actor=editor)
    report = _complete(report, editor, leader, services)
    day = LATE_ON if (unit.short_name, year) == LATE else PUBLISHED_ON[year]
    return _publish(report, editor, reviewer, day, services), True


def _county_report(gov, year, services, models):
    existing = models.AnnualReport.objects.filter(unit=gov, year=year).first()
    if existing is not None:
        return existing, False
    office, office2 = _user("office"), _user("office2")
    if not (office and office2):
        return None, False
    report = services.generate(gov, year, actor=office, scope="government")
    report = _complete(report, office, office, services)
    return _publish(report, office, office2, date(year + 1, 3, 20), services), True


def _external(name: str, year: int, table3: dict[str, int], said_new: int) -> bytes:
    """An external report (as a unit's web page saved by the office) in the national format."""
    from gongkai.core.annualreport import render

    from .document import full_html

    tables = render.empty_tables()
    for row, value in table3.items():
        tables["table3"][row]["natural_person"] = value
        tables["table3"][row]["total"] = value
    tables["table2"]["normative"].update({"issued": 1, "repealed": 0, "in_force": 6})
    sections = dict.fromkeys("一二三四五六", "")
    sections["一"] = f"本年度共收到政府信息公开申请{said_new}件，本年制发行政规范性文件1件，现行有效6件。"
    sections["四"] = "本年度未发生政府信息公开行政复议和行政诉讼。"
    sections["五"] = "信息发布的及时性有待提高。"
    sections["六"] = "本年度未收取信息处理费。"
    fake = SimpleNamespace(
        title=f"{name}{year}年政府信息公开工作年度报告",
        year=year,
        unit=SimpleNamespace(name=name),
        tables=tables,
        sections=sections,
        correction_note="",
    )
    return full_html(fake).encode("utf-8")


def _batch(services, models):
    title = "2025年度乡镇年报抽查（演示）"
    if models.Batch.objects.filter(title=title).exists():
        return False
    office = _user("office")
    if office is None:
        return False
    files = [
        # consistent
        (
            "石桥镇2025.html",
            _external(
                "示范县石桥镇人民政府",
                2025,
                {"new": 8, "carried_in": 1, "grant": 8, "total": 8, "carried_over": 1},
                8,
            ),
        ),
        # 勾稽 broken (total 7 + carried over 1 ≠ 8 + 1) and the text says 9
        (
            "南岭镇2025.html",
            _external(
                "示范县南岭镇人民政府",
                2025,
                {"new": 8, "carried_in": 1, "grant": 7, "total": 7, "carried_over": 1},
                9,
            ),
        ),
        # last year's 结转下年度 was 2, this year's 上年结转 says 0
        (
            "清溪乡2024.html",
            _external(
                "示范县清溪乡人民政府",
                2024,
                {"new": 5, "carried_in": 0, "grant": 3, "total": 3, "carried_over": 2},
                5,
            ),
        ),
        (
            "清溪乡2025.html",
            _external(
                "示范县清溪乡人民政府",
                2025,
                {"new": 4, "carried_in": 0, "grant": 4, "total": 4, "carried_over": 0},
                4,
            ),
        ),
    ]
    services.check_batch(files, actor=office, title=title)
    return True


def _correction(services, models):
    """县发改委 corrects its 2025 report (a wrong 行政许可 figure): version 1 stays on the site beside version 2."""
    from gongkai.orgs.models import Unit

    unit = Unit.objects.filter(short_name="县发改委").first()
    report = models.AnnualReport.objects.filter(unit=unit, year=2025).first()
    if report is None or report.version > 1 or report.state != "published":
        return False
    editor, leader, reviewer = (_user(f"fgw_{post}") for post in ("editor", "leader", "reviewer"))
    report = services.correct(
        report, actor=editor, note="表二“行政许可”本年处理决定数量由120件更正为126件（原统计漏计6件）。"
    )
    report = services.update_inputs(
        report, actor=editor, values={**MANUAL, "licensing": 126}, source="县发改委审批系统复核"
    )
    report = services.approve(report, actor=leader, note="同意更正。")
    _publish(report, editor, reviewer, date(2026, 2, 10), services)
    return True


def load(out):
    from gongkai.orgs.models import Unit

    from . import models, services

    units = {u.short_name: u for u in Unit.objects.filter(short_name__in=[*UNITS, "县政府", "县政府办"])}
    if len(units) < len(UNITS) + 1:
        out.write("年度报告：未找到演示单位，跳过。\n")
        return
    created = 0
    for year in YEARS:
        for short, prefix in UNITS.items():
            _, new = _unit_report(units[short], year, prefix, services, models)
            created += new
        _, new = _county_report(units["县政府"], year, services, models)
        created += new
    corrected = _correction(services, models)
    # 县政府办 drafts its 2025 report and stops there: the board shows it 逾期 (起草中).
    office_unit = units.get("县政府办")
    if office_unit and not models.AnnualReport.objects.filter(unit=office_unit, year=2025).exists():
        editor = _user("zfb_editor")
        if editor:
            services.generate(office_unit, 2025, actor=editor)
    batch = _batch(services, models)
    out.write(
        f"年度报告：新发布 {created} 份"
        + ("，县发改委2025年报已更正" if corrected else "")
        + ("，演示批量核对已上传" if batch else "")
        + "（/work/reports/board/，门户 /xxgk/nianbao/）。\n"
    )
