"""``gongkai foi …``: the application deadlines from the command line, reminders and retention.

gongkai foi due --received 2026-09-28 [--limit N] [--correction-received DATE] [--extend N] [--pause START:END]…
gongkai foi remind [--date DATE]          notify officers of cases due soon or overdue (run daily)
gongkai foi refresh                       recompute the cached due dates of open cases (after a calendar change)
gongkai foi purge-files [--dry-run]       delete identity documents past the office's retention period
gongkai foi rewrap-keys                   re-encrypt file keys with the newest master key (key rotation)
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.audit.context import audit_context
from gongkai.core import foi_rules as fr
from gongkai.core import law


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD（收到：{value!r}）")


class Command(BaseCommand):
    help = "依申请公开：计算答复期限、到期提醒、附件保存期限清理。"
    # Run by the job system (gongkai/jobs/schedule.py), no crontab needed.
    periodic_jobs = {"foi remind": "foi.remind", "foi purge-files": "foi.purge_files"}

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        due = sub.add_parser("due", help="计算答复期限并打印计算过程")
        due.add_argument("--received", required=True, help="收到申请之日 YYYY-MM-DD（当日不计入）")
        due.add_argument("--limit", type=int, default=law.REPLY.value, help="答复期限（工作日，默认20）")
        due.add_argument("--correction-received", help="收到补正之日：答复期限自此重新起算")
        due.add_argument(
            "--extend", type=int, default=0, help=f"延长的工作日数（累计不超过{law.REPLY_EXTENSION}）"
        )
        due.add_argument(
            "--pause",
            action="append",
            default=[],
            help="中止期间 START:END（含首尾），其间工作日不计入；可重复",
        )
        due.add_argument("--strict", action="store_true", help="日历未覆盖时报错而不是给出暂定结果")
        remind = sub.add_parser("remind", help="向经办人发送临近期限和超期提醒")
        remind.add_argument("--date", help="按此日期计算（默认今天）")
        sub.add_parser("refresh", help="重新计算未办结申请的答复期限")
        purge = sub.add_parser("purge-files", help="删除超过保存期限的身份证明材料")
        purge.add_argument("--dry-run", action="store_true")
        sub.add_parser("rewrap-keys", help="用最新的主密钥重新加密附件密钥")

    def handle(self, *args, action, **opts):
        with audit_context(channel="cli"):
            getattr(self, "_" + action.replace("-", "_"))(**opts)

    def _due(self, received, limit, correction_received, extend, pause, strict, **_):
        from gongkai.calendar.services import get_calendar

        try:
            pauses = [fr.parse_pause(p) for p in pause]
            events = fr.ledger_for(
                _date(received),
                correction_received=_date(correction_received) if correction_received else None,
                extension=extend,
                pauses=pauses,
            )
            cal = get_calendar()
            due = fr.compute_due(events, cal, limit=limit)
            if strict and due.provisional:
                raise CommandError("；".join(due.reasons))
        except ValueError as exc:
            raise CommandError(str(exc))
        self.stdout.write(str(due))
        for line in due.trace:
            self.stdout.write(line)

    def _remind(self, date=None, **_):
        from gongkai.foi import services

        count = services.remind(_date(date) if date else None)
        self.stdout.write(f"已发送提醒 {count} 条。")

    def _refresh(self, **_):
        from gongkai.foi import services

        self.stdout.write(f"已重新计算 {services.refresh_deadlines()} 件未办结申请的答复期限。")

    def _purge_files(self, dry_run=False, **_):
        from gongkai.foi import services

        ids = services.purge_expired_files(dry_run=dry_run)
        verb = "将删除" if dry_run else "已删除"
        self.stdout.write(f"{verb}超过保存期限的身份证明材料 {len(ids)} 个。")

    def _rewrap_keys(self, **_):
        from gongkai.foi import services
        from gongkai.foi.errors import FoiError

        try:
            count = services.rewrap_keys()
        except FoiError as exc:
            raise CommandError(str(exc))
        self.stdout.write(f"已重新加密 {count} 个附件密钥。")
