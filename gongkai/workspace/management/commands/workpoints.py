"""``gongkai workpoints extract FILE``: read a 工作要点 and show its tasks (工作要点提取).

    gongkai workpoints extract 要点.docx              # summary: parts, items, tasks, warnings
    gongkai workpoints extract 要点.docx --json       # the whole result as JSON
    gongkai workpoints extract 要点.docx --xlsx 分工表.xlsx

Reads .txt/.docx/.pdf/.html/.xlsx. Nothing is saved: this is the preview an official checks before importing.
When the unit directory is available (``gongkai.orgs.resolver``), each task gets ``resolved`` unit ids.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.common import cliargs
from gongkai.core import docread, workpoints


def _resolver():
    """``resolve(phrase)`` of the unit directory, or None when it cannot be used here."""
    try:
        from gongkai.orgs.resolver import resolve

        resolve("县政府办公室")  # touches the database: fails early when it is not migrated
        return resolve
    except Exception:
        return None


def attach_resolved(result: dict, resolve) -> None:
    """Add ``resolved`` (unit ids, each once, in order) to every task."""
    cache: dict[str, list[int]] = {}
    for item in result["items"]:
        for task in item["tasks"]:
            ids: list[int] = []
            for name in task["lead_units"] + task["units"]:
                if resolve is not None and name not in cache:
                    try:
                        cache[name] = [i for m in resolve(name) for i in getattr(m, "unit_ids", ())]
                    except Exception:
                        cache[name] = []
                ids.extend(i for i in cache.get(name, []) if i not in ids)
            task["resolved"] = ids


class Command(BaseCommand):
    help = "工作要点提取：读取工作要点文件（.txt/.docx/.pdf/.html/.xlsx），列出条目、责任单位、任务和时限。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="子命令")
        extract = sub.add_parser("extract", help="提取工作要点中的条目和任务")
        extract.add_argument("file", help="工作要点文件路径")
        extract.add_argument("--json", action="store_true", help="以 JSON 输出完整结果")
        extract.add_argument(
            "--xlsx", metavar="OUT.xlsx", type=cliargs.output_file, help="写出任务分工表（Excel）"
        )
        extract.add_argument("--year", type=cliargs.year, help="文件年度（文件中看不出年度时使用）")
        extract.add_argument("--no-resolve", action="store_true", help="不把单位名称匹配到单位库")

    def handle(self, *args, action=None, **options):
        if action == "extract":
            self.extract(options)

    def extract(self, options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}。请检查路径。")
        try:
            blocks = docread.read(path)
        except docread.DocumentError as exc:
            raise CommandError(str(exc))
        result = workpoints.extract(blocks, year=options.get("year"))
        resolve = None if options.get("no_resolve") else _resolver()
        attach_resolved(result, resolve)
        if options.get("xlsx"):
            out = Path(options["xlsx"])
            if out.suffix.lower() != ".xlsx":
                raise CommandError("分工表文件名须以 .xlsx 结尾，例如：--xlsx 分工表.xlsx")
            workpoints.to_xlsx(result, out)
            if not options.get("json"):
                self.stdout.write(f"已写出任务分工表：{out}（{result['stats']['tasks']} 项任务）")
        if options.get("json"):
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        elif not options.get("xlsx"):
            self.summary(result)

    def summary(self, result: dict) -> None:
        write = self.stdout.write
        write(f"标题：{result['title'] or '（未识别）'}")
        write(
            f"发文机关：{result['issuer'] or '（未识别）'}    文号：{result['doc_number'] or '无'}    "
            f"日期：{result['date'] or '（未识别）'}    年度：{result['year'] or '（未识别）'}"
        )
        stats = result["stats"]
        write(
            f"共 {stats['parts']} 个部分、{stats['items']} 个条目、{stats['tasks']} 项任务；"
            f"{stats['items_without_units']} 个条目未标注责任单位。"
        )
        for item in result["items"]:
            units = "、".join(item["lead_units"]) + ("（牵头）" if item["lead_units"] else "")
            if item["units"]:
                units += ("；" if units else "") + "、".join(item["units"])
            write(
                f"  {''.join(item['path'])} {item['heading']}  任务 {len(item['tasks'])} 项  责任单位：{units or '未标注'}"
            )
        for warning in result["warnings"]:
            write(self.style.WARNING(f"提示：{warning['message']}"))
