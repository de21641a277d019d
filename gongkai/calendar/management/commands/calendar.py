"""``gongkai calendar``: maintain the holiday table (节假日安排).

    gongkai calendar list
    gongkai calendar seed [--years 2004-2026]
    gongkai calendar import-notice FILE [--yes] [--replace] [--user USERNAME] [--override REASON]

``import-notice`` always prints what it understood first; it saves only after ``--yes`` (or a typed "y" at an
interactive prompt). The module is named ``calendar.py``: it is loaded as
``gongkai.calendar.management.commands.calendar`` and does not shadow the standard library.
"""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.utils import timezone

from gongkai.audit.context import audit_context
from gongkai.common import cliargs
from gongkai.core import filetype
from gongkai.core.workdays import WEEKDAY_NAMES

from ... import services
from ...models import HolidayCalendar, HolidayDay


def _years(value: str) -> list[int]:
    try:
        if "-" in value:
            first, last = (int(part) for part in value.split("-", 1))
            return list(range(first, last + 1))
        return [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise CommandError(f"年份应写成 2004-2026 或 2024,2025（收到：{value}）")


class Command(BaseCommand):
    help = "工作日历维护：list（已录入年份）、seed（从 chinesecalendar 数据包导入）、import-notice（导入国务院办公厅通知）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="{list,seed,recompute,import-notice}"
        )
        sub.add_parser("list", help="列出已录入的年份")
        seed = sub.add_parser("seed", help="从 chinesecalendar 数据包导入缺少的年份（已有年份不变）")
        seed.add_argument("--years", default="2004-2026", help="年份范围，默认 2004-2026")
        again = sub.add_parser("recompute", help="按现有节假日表重新计算各模块已保存的期限")
        again.add_argument("--years", default="", help="年份范围，如 2027 或 2026-2027；默认本年和下一年")
        imp = sub.add_parser("import-notice", help="导入国务院办公厅节假日安排通知的文本文件")
        imp.add_argument("file", help="通知全文的文本文件（UTF-8 或 GB18030）；- 表示标准输入")
        imp.add_argument("--yes", action="store_true", help="预览后直接保存，不再询问")
        imp.add_argument("--replace", action="store_true", help="该年已有安排时以本通知替换")
        imp.add_argument("--year", type=cliargs.year, help="通知没有标题时指定年份")
        imp.add_argument("--user", help="记入审计日志的操作人用户名")
        imp.add_argument(
            "--override",
            metavar="REASON",
            default="",
            help="通知存在问题（缺少节日、日期无效、与法定天数不符）时仍保存的理由（系统管理员；记入审计日志）",
        )

    def handle(self, *args, action, **options):
        with audit_context(channel="cli"):
            if action == "list":
                self._list()
            elif action == "seed":
                self._seed(_years(options["years"]))
            elif action == "recompute":
                self._recompute(options)
            else:
                self._import(options)

    def _list(self):
        rows = HolidayCalendar.objects.annotate(
            off=Count("days", filter=Q(days__kind=HolidayDay.Kind.OFF)),
            makeup=Count("days", filter=Q(days__kind=HolidayDay.Kind.MAKEUP_WORKDAY)),
        ).order_by("year")
        if not rows:
            self.stdout.write("尚未录入任何年份。运行 gongkai calendar seed 导入2004–2026年。")
        for calendar in rows:
            number = f" {calendar.notice_number}" if calendar.notice_number else ""
            self.stdout.write(
                f"{calendar.year}  {calendar.get_source_display()}{number}"
                f"  放假{calendar.off}天  调休上班{calendar.makeup}天"
            )

    def _seed(self, years):
        try:
            created = services.seed_from_package(years)
        except services.CalendarImportError as exc:
            raise CommandError(str(exc))
        if created:
            self.stdout.write(f"已导入{len(created)}个年度：{created[0]}–{created[-1]}")
        else:
            self.stdout.write("没有需要导入的年份（均已存在）。")

    def _read(self, name: str) -> str:
        if name == "-":
            return sys.stdin.read()
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"找不到文件：{name}")
        try:  # the one text decoder: UTF-8 (± BOM), UTF-16 with BOM, GB18030
            return filetype.decode_text(path.read_bytes(), lenient=False)
        except UnicodeDecodeError:
            raise CommandError(f"无法识别文件编码：{name}（请另存为 UTF-8 文本）") from None

    def _import(self, options):
        text = self._read(options["file"])
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"用户不存在：{options['user']}")
        try:
            preview = services.preview_notice(text, year=options["year"])
        except services.CalendarImportError as exc:
            raise CommandError(str(exc))
        self._print_preview(preview)
        if preview.problems and not options["override"]:
            raise CommandError(
                f"通知有{len(preview.problems)}处问题，未保存：\n"
                + "\n".join(f"  {i}. {problem}" for i, problem in enumerate(preview.problems, 1))
                + "\n请更正通知文本；确需保存的，由系统管理员加 --override 理由。"
            )
        if preview.existing and not options["replace"]:
            raise CommandError(
                f"{preview.year}年节假日安排已存在（来源：{preview.existing.get_source_display()}），未作修改。"
                "如确需以本通知替换，请加 --replace。"
            )
        if not options["yes"]:
            if not sys.stdin.isatty():
                self.stdout.write("未保存：核对以上内容无误后，加 --yes 再次运行。")
                return
            if input("确认保存？输入 y 确认：").strip().lower() not in {"y", "yes", "是"}:
                self.stdout.write("未保存。")
                return
        try:
            result = services.import_notice(
                text,
                actor=actor,
                replace=options["replace"],
                year=options["year"],
                override_reason=options["override"],
            )
        except services.CalendarImportError as exc:
            raise CommandError(str(exc))
        self.stdout.write(f"已保存{result.year}年节假日安排（{len(result.notice.days())}个日期）。")
        self._report(result.recomputed)

    def _report(self, results):
        self.stdout.write(services.recompute_summary(results))
        for result in results:
            for line in result.lines:
                self.stdout.write(f"  {result.label}：{line}")
            if result.error:
                self.stderr.write(f"{result.label}：重新计算失败：{result.error}")

    def _recompute(self, options):
        text = options["years"].strip()
        try:
            if text:
                first, _, last = text.partition("-")
                years = range(int(first), int(last or first) + 1)
            else:
                this_year = timezone.localdate().year
                years = range(this_year, this_year + 2)
        except ValueError:
            raise CommandError("年份范围格式应为 2027 或 2026-2027")
        self._report(services.recompute_stored(set(years)))

    def _print_preview(self, preview):
        notice = preview.notice
        self.stdout.write(
            f"年份：{notice.year}    标题：{notice.title or '（未识别）'}    文号：{notice.number or '（未识别）'}"
        )
        for day, kind, name in notice.days():
            label = "放假" if kind == HolidayDay.Kind.OFF else "调休上班"
            self.stdout.write(f"  {day.isoformat()} {WEEKDAY_NAMES[day.weekday()]}  {label}  {name}")
        for warning in notice.warnings:
            self.stdout.write(f"警告：{warning}")
        for note in notice.notes:
            self.stdout.write(f"说明：{note}")
        if preview.existing:
            self.stdout.write(f"与现有数据相比有{len(preview.changes)}处不同：")
            for change in preview.changes:
                self.stdout.write(f"  {change}")
