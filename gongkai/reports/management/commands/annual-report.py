"""``gongkai annual-report check FILE [--previous FILE] [--json]``: check a published annual report (年报核对).

Thin: reading and rules live in ``gongkai.core.annualreport``. Exit 0 when there is no error (warnings allowed),
1 when there are errors, 2 when a file cannot be read (one Chinese line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core import annualreport

EXIT_HELP = """退出码：
  0  没有错误（可能有提示）
  1  发现错误（合计、勾稽关系、正文与表格不符、上年结转、格式等）
  2  文件无法读取（不存在、空文件、二进制文件、不支持的格式或不是年度报告）"""


class Command(BaseCommand):
    help = (
        "政府信息公开工作年度报告核对：读取已发布的年报（.txt/.html/.docx），核对各表合计、勾稽关系、正文数字和上年结转。"
        "退出码：0 没有错误，1 有错误，2 文件无法读取。"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="子命令")
        check = sub.add_parser(
            "check",
            help="核对一份年度报告",
            description=(
                "核对一份年度报告：表三各行总计、（七）总计、勾稽关系（一+二=（七）总计+四）、表四总计、正文数字与表格、"
                "格式（缺表、缺行、缺章节、旧版2019格式、非整数或负数）；给出 --previous 时还核对上年结转和现行有效件数。"
                "支持 | 分隔的文本、每行一个单元格的文本、网页（HTML）和 Word（.docx）。"
            ),
            epilog=EXIT_HELP,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        check.add_argument("file", help="年度报告文件（.txt、.html 或 .docx）")
        check.add_argument(
            "--previous", metavar="FILE", help="同一单位上一年度的年度报告，用于核对上年结转和现行有效件数"
        )
        check.add_argument("--json", action="store_true", help="以 JSON 输出（unit、year、tables、findings）")

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            # From the shell: the Chinese line alone and the exit code, without Django's "CommandError:" prefix.
            if getattr(self, "_called_from_command_line", False) and not options.get("traceback"):
                if str(exc):
                    self.stderr.write(str(exc))
                sys.exit(exc.returncode)
            raise

    def handle(self, *args, action=None, **options):
        report = self._read(options["file"])
        previous = self._read(options["previous"], "上年报告") if options.get("previous") else None
        findings = annualreport.check(report, previous)
        if options["json"]:
            self.stdout.write(annualreport.to_json(report, findings))
        else:
            for line in annualreport.summary_lines(report, findings):
                self.stdout.write(line)
        code = annualreport.exit_code(findings)
        if code:
            raise CommandError("", returncode=code)

    def _read(self, name: str, role: str = "年度报告") -> annualreport.Report:
        path = Path(name)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(
                f"找不到{role}文件：{path}。请检查路径。", returncode=annualreport.EXIT_UNREADABLE
            )
        except OSError as exc:
            raise CommandError(
                f"无法读取{role}文件 {path}：{exc.strerror or exc}。", returncode=annualreport.EXIT_UNREADABLE
            )
        try:
            return annualreport.read_report(data, path.name)
        except annualreport.ReportError as exc:
            raise CommandError(f"无法读取{role} {path.name}：{exc}", returncode=annualreport.EXIT_UNREADABLE)
