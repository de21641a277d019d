"""``gongkai audit verify`` and ``gongkai audit export`` (审计日志校验与导出).

verify: walks the hash chain; exit 0 when intact, 1 when an event was altered or deleted, 2 when the chain is intact
but the database's protective triggers are missing or an ``--anchor`` hash is no longer in the chain.
export: writes the events of a date range (北京时间, both days included) to CSV or Excel.
"""

import sys
import time
from datetime import date, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from gongkai.audit import exports, guard, presentation, selectors
from gongkai.audit.context import audit_context
from gongkai.audit.errors import AuditError
from gongkai.audit.models import AuditChainHead, AuditEvent
from gongkai.audit.services import record_export, verify
from gongkai.common import cliargs


def _parse_day(value: str | None, label: str) -> date | None:
    if not value:
        return None
    for date_format in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"):
        try:
            return datetime.strptime(value.strip(), date_format).date()
        except ValueError:
            continue
    raise CommandError(f"{label} “{value}” 不是有效日期，请按 2026-03-01 的格式填写。")


def _action(action: str) -> str:
    label = presentation.action_label(action)
    return f"{label}（{action}）" if label != action else action


def _describe(event: AuditEvent) -> list[str]:
    return [
        f"  事件编号：{event.pk}",
        f"  时间：{timezone.localtime(event.time):%Y-%m-%d %H:%M:%S}（北京时间）",
        f"  操作人：{event.actor_name or '系统'}",
        f"  操作：{_action(event.action)}",
        f"  对象：{event.object_type} #{event.object_id} {event.object_repr}".rstrip(),
    ]


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链；export 导出为 CSV 或 Excel。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        verify_parser = sub.add_parser("verify", help="校验哈希链，发现改动或删除时以非零状态退出")
        verify_parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="HASH",
            help="以前抄存到系统之外的链头哈希；校验它仍在链中（可重复）",
        )
        export_parser = sub.add_parser("export", help="导出审计事件")
        export_parser.add_argument(
            "--format", choices=["csv", "xlsx"], help="文件格式，默认按输出文件的扩展名"
        )
        export_parser.add_argument("--since", help="起始日期（含），如 2026-01-01")
        export_parser.add_argument("--until", help="截止日期（含），如 2026-12-31")
        export_parser.add_argument(
            "-o",
            "--output",
            required=True,
            type=cliargs.output_file,
            help="输出文件；CSV 可用 - 表示标准输出",
        )

    def handle(self, *args, **options):
        if options["subcommand"] == "verify":
            return self.verify(options["anchor"])
        return self.export(options)

    def verify(self, anchors: list[str]) -> None:
        started = time.perf_counter()
        result = verify()
        elapsed = time.perf_counter() - started
        if not result.ok:
            self.stderr.write(f"审计日志校验失败：{result.problem}")
            broken = (
                AuditEvent.objects.filter(pk=result.first_broken_id).first()
                if result.first_broken_id
                else None
            )
            if broken:
                self.stderr.write("第一条异常事件：")
                self.stderr.write("\n".join(_describe(broken)))
            else:
                head = AuditChainHead.objects.filter(pk=1).first()
                last = AuditEvent.objects.order_by("-id").first()
                if head:
                    self.stderr.write(f"  链头记录：共 {head.count} 条，最新哈希 {head.last_hash}")
                if last:
                    self.stderr.write(f"  实际最新事件：#{last.pk}，哈希 {last.hash}")
            self.stderr.write(f"在此之前的 {result.checked} 条事件校验通过。")
            raise CommandError("审计日志不完整，请保全数据库备份并报告安全负责人。", returncode=1)

        self.stdout.write(f"审计日志完整：共 {result.checked} 条事件，哈希链校验通过。")
        head = AuditChainHead.objects.filter(pk=1).first()
        if head:
            self.stdout.write(f"链头哈希：{head.last_hash}")
        self.stdout.write(f"用时 {elapsed:.2f} 秒。")
        problems = []
        for anchor in anchors:
            anchor = anchor.strip().lower()
            if (
                anchor != (head.last_hash if head else "")
                and not AuditEvent.objects.filter(hash=anchor).exists()
            ):
                problems.append(f"抄存的链头哈希 {anchor} 不在当前链中：该时点之后的日志被整体改写或删除。")
        missing = guard.missing_triggers(connection)
        if missing:
            problems.append(
                f"数据库保护触发器缺失：{'、'.join(sorted(missing))}。请检查是否有人绕过应用修改数据库，"
                "并重新执行审计迁移 0003。"
            )
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError("审计日志的外部锚点或数据库保护有问题。", returncode=2)

    def export(self, options) -> None:
        since = _parse_day(options["since"], "--since")
        until = _parse_day(options["until"], "--until")
        error = selectors.date_range_error(since, until)
        if error:
            raise CommandError(error)
        output = str(options["output"])
        fmt = options["format"] or ("xlsx" if output.lower().endswith(".xlsx") else "csv")
        if fmt == "xlsx" and output == "-":
            raise CommandError("Excel 文件不能写到标准输出，请用 -o 指定文件名。")
        criteria = selectors.Criteria(since=since, until=until)
        events = selectors.filter_events(AuditEvent.objects.all(), criteria)
        # A snapshot up to the newest matching event, so the export's own event is not part of it.
        snapshot, last = selectors.export_snapshot(events)
        rows = snapshot.iterator(chunk_size=2000)
        if fmt == "csv":
            if output == "-":
                count = exports.write_csv(rows, sys.stdout)
            else:
                with Path(output).open("w", encoding="utf-8", newline="") as stream:
                    count = exports.write_csv(rows, stream)
        else:
            try:
                data, count = exports.xlsx_bytes(rows)
            except AuditError as exc:
                raise CommandError(str(exc))
            Path(output).write_bytes(data)
        with audit_context(channel="cli"):
            record_export(actor=None, fmt=fmt, count=count, up_to_id=last, filters=criteria.as_dict())
        if output != "-":
            self.stdout.write(f"已导出 {count} 条审计事件到 {output}。")
