"""``gongkai scan FILE…``: check files for personal data, secrecy markings and wording before publication.

A thin shell over ``gongkai.core.textscan`` (保密审查扫描). ``--json`` prints
``[{"file": …, "findings": [{"kind", "severity", "text", "location", "mask"}]}]``; without it a readable table.
Exit status 0 when every file could be read (findings or not), 1 when a file could not be scanned.
"""

import csv
import json
import unicodedata
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core import filetype
from gongkai.core.textscan import (
    DEFAULT_TERMS,
    KIND_LABELS,
    SEVERITY_LABELS,
    ScanError,
    Term,
    mask_file,
    scan_file,
)

COLUMNS = ("序号", "等级", "类型", "位置", "原文", "建议")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def read_terms(path: str) -> list[Term]:
    """A UTF-8 CSV of 错误表述,正确表述,说明[,high|medium|low]; lines starting with # are comments."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = [r for r in csv.reader(fh) if r and not r[0].lstrip().startswith("#")]
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"无法读取用语表“{path}”：{exc}。请提供 UTF-8 编码的 CSV 文件。")
    terms = []
    for number, row in enumerate(rows, 1):
        if len(row) < 2 or not row[0].strip():
            raise CommandError(f"用语表“{path}”第{number}行应为：错误表述,正确表述,说明。")
        severity = (row[3].strip() if len(row) > 3 else "") or "medium"
        if severity not in SEVERITY_LABELS:
            raise CommandError(f"用语表“{path}”第{number}行的等级应为 high、medium 或 low。")
        terms.append(Term(row[0].strip(), row[1].strip(), row[2].strip() if len(row) > 2 else "", severity))
    return terms


class Command(BaseCommand):
    help = "扫描文件中的身份证号、手机号、银行卡号、住址等个人信息，密级和内部标识，以及不规范表述。"

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="要扫描的 .docx/.xlsx/.pdf/.ofd/.html/.txt 及 .doc/.wps/.xls/.et 文件",
        )
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="以 JSON 输出（便于其他程序处理）"
        )
        parser.add_argument(
            "--consultation", action="store_true", help="这些文件属于征求意见，不提示“征求意见稿”"
        )
        parser.add_argument("--terms", metavar="CSV", help="追加的用语表：错误表述,正确表述,说明[,等级]")
        parser.add_argument("--no-default-terms", action="store_true", help="不使用内置的常见不规范表述表")
        parser.add_argument("--mask-dir", metavar="DIR", help="把脱敏后的副本（.docx/.xlsx/.txt）写到此目录")

    def handle(
        self, *args, files, as_json=False, consultation=False, terms=None, no_default_terms=False, **options
    ):
        wording = ([] if no_default_terms else list(DEFAULT_TERMS)) + (read_terms(terms) if terms else [])
        mask_dir = Path(options["mask_dir"]) if options.get("mask_dir") else None
        if mask_dir:
            mask_dir.mkdir(parents=True, exist_ok=True)
        results, failed = [], 0
        for name in files:
            entry = {"file": name, "findings": []}
            try:
                found = scan_file(name, terms=wording, is_consultation=consultation)
                entry["findings"] = [f.as_dict() for f in found]
                if mask_dir and any(f.can_mask and f.mask is not None and f.kind != "term" for f in found):
                    target = mask_dir / Path(name).name
                    legacy = filetype.LEGACY.get(filetype.sniff(Path(name).read_bytes()))
                    if legacy is not None:  # a .doc/.wps (.xls/.et) is masked as its .docx (.xlsx) conversion
                        target = target.with_suffix(f".{legacy.value}")
                    entry["masked_copy"] = str(target)
                    entry["masked"] = mask_file(name, target)
            except ScanError as exc:
                entry["error"] = str(exc)
                failed += 1
            results.append(entry)
        if as_json:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        else:
            for entry in results:
                self._print_table(entry)
        if failed:
            raise CommandError(f"有 {failed} 个文件无法扫描，见上方说明。")

    def _print_table(self, entry: dict) -> None:
        out = self.stdout
        if "error" in entry:
            out.write(f"文件：{entry['file']}\n  无法扫描：{entry['error']}\n")
            return
        findings = entry["findings"]
        counts = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITY_LABELS}
        summary = "，".join(f"{SEVERITY_LABELS[s]} {n}" for s, n in counts.items())
        out.write(f"文件：{entry['file']} —— 发现 {len(findings)} 处（{summary}）\n")
        if not findings:
            out.write("  未发现个人信息、密级标识或不规范表述。\n\n")
            return
        rows = [
            (
                str(i),
                SEVERITY_LABELS[f["severity"]],
                KIND_LABELS[f["kind"]],
                f["location"],
                f["text"],
                f["mask"] if f["mask"] is not None else "删除或不予公开",
            )
            for i, f in enumerate(findings, 1)
        ]
        widths = [max(_width(r[i]) for r in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
        for row in [COLUMNS, *rows]:
            out.write(
                "  " + "  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n"
            )
        if "masked_copy" in entry:
            out.write(f"  已生成脱敏副本：{entry['masked_copy']}（{entry['masked']} 处）\n")
        out.write("\n")
