"""``gongkai workdays``: statutory working-day arithmetic from the command line.

    gongkai workdays add 2026-09-28 20            → 2026-10-30
    gongkai workdays count 2026-09-28 2026-10-30  → 20
    gongkai workdays deadline 2026-09-28 20 --pause 2026-10-12:2026-10-16

The first line is the answer (followed by `` (provisional)`` when the span reaches a year whose holiday notice
has not been entered); later lines give the reasons or the trace. ``--strict`` refuses instead.
"""

from django.core.management.base import BaseCommand, CommandError

from gongkai.audit.context import audit_context
from gongkai.core.workdays import CalendarNotCovered

from ... import services
from ...models import HolidayCalendar
from ._common import parse_date, parse_days, parse_pause


class Command(BaseCommand):
    help = "法定工作日计算：add（加N个工作日）、count（两日期间的工作日数）、deadline（含中止期间的期限及计算过程）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{add,count,deadline}")
        add = sub.add_parser("add", help="起算日之后第N个工作日（起算日不计入）")
        add.add_argument("start", help="起算日 YYYY-MM-DD")
        add.add_argument("n", help="工作日数")
        count = sub.add_parser("count", help="A之后至B（含B）的工作日数")
        count.add_argument("start", help="开始日期 YYYY-MM-DD（不计入）")
        count.add_argument("end", help="结束日期 YYYY-MM-DD（计入）")
        deadline = sub.add_parser("deadline", help="期限届满日及计算过程，可扣除中止期间")
        deadline.add_argument("start", help="起算日 YYYY-MM-DD")
        deadline.add_argument("n", help="工作日数")
        deadline.add_argument(
            "--pause", action="append", default=[], metavar="A:B", help="中止期间（含首尾），可重复"
        )
        for action_parser in (add, count, deadline):
            action_parser.add_argument(
                "--strict", action="store_true", help="日历未覆盖的年份直接报错，不给暂定结果"
            )

    def handle(self, *args, action, strict=False, **options):
        # The arguments first: a typo is refused before the calendar is touched.
        start = parse_date(options["start"])
        if action == "count":
            end = parse_date(options["end"])
        else:
            days = parse_days(options["n"])
            pauses = [parse_pause(p) for p in options.get("pause") or []]
        self._ensure_calendar()
        try:
            if action == "add":
                result = services.add_working_days(start, days, strict=strict)
                self._answer(result.date.isoformat(), result.provisional, result.reasons)
            elif action == "count":
                counted = services.count_working_days(start, end, strict=strict)
                self._answer(str(counted.count), counted.provisional, counted.reasons)
            else:
                result = services.deadline(start, days, excluded=pauses, strict=strict)
                self._answer(result.date.isoformat(), result.provisional, [])
                for step in result.trace:
                    self.stdout.write(step)
        except CalendarNotCovered as exc:
            raise CommandError(str(exc))
        except OverflowError:
            raise CommandError(
                "计算结果超出了可以表示的日期范围（最晚到 9999-12-31），请检查起算日和工作日数。"
            )

    def _answer(self, value: str, provisional: bool, reasons: list[str]) -> None:
        self.stdout.write(value + (" (provisional)" if provisional else ""))
        for reason in reasons:
            self.stdout.write(reason)

    def _ensure_calendar(self) -> None:
        """An empty table would make every answer provisional: seed the years the package knows first."""
        if HolidayCalendar.objects.exists():
            return
        with audit_context(channel="cli"):
            created = services.seed_from_package()
        self.stderr.write(
            f"工作日历为空，已从 chinesecalendar 数据包导入{created[0]}–{created[-1]}年节假日安排"
            "（以后的年份请用 gongkai calendar import-notice 导入国务院办公厅通知）。"
        )
