"""What the checker prints: the JSON object and the Chinese summary."""

from __future__ import annotations

import json

from . import spec
from .model import RULE_LABELS, Finding, Report
from .tokens import LAYOUT_LABELS

EXIT_OK = 0  # no errors (warnings allowed)
EXIT_FINDINGS = 1  # at least one error
EXIT_UNREADABLE = 2  # the file could not be read as a report


def exit_code(findings: list[Finding]) -> int:
    return EXIT_FINDINGS if any(f.is_error for f in findings) else EXIT_OK


def to_dict(report: Report, findings: list[Finding]) -> dict[str, object]:
    return {
        "unit": report.unit or None,
        "year": report.year,
        "format": spec.FORMAT_2019 if report.format == "2019" else spec.FORMAT_2021,
        "layout": report.layout,
        "tables": report.tables(),
        "findings": [f.as_dict() for f in findings],
    }


def to_json(report: Report, findings: list[Finding], *, indent: int | None = 2) -> str:
    """One JSON object: ``{"unit", "year", "format", "layout", "tables", "findings": [{"rule", "severity",
    "message", "where", "table", "row", "column"}]}``."""
    return json.dumps(to_dict(report, findings), ensure_ascii=False, indent=indent)


def summary_lines(report: Report, findings: list[Finding]) -> list[str]:
    """The readable Chinese summary of ``gongkai annual-report check`` without ``--json``."""
    fmt = spec.FORMAT_2019 if report.format == "2019" else spec.FORMAT_2021
    lines = [
        f"报告：{report.title or '（未识别标题）'}",
        f"单位：{report.unit or '（未识别）'}    年度：{report.year or '（未识别）'}    "
        f"格式：{fmt}    版式：{LAYOUT_LABELS.get(report.layout, report.layout)}",
        f"已读取：表二 {len(report.table2)} 行，表三 {len(report.table3)} 行，表四 {len(report.table4)} 组；"
        f"正文中与表格对应的数字 {len(report.figures)} 处。",
    ]
    errors = [f for f in findings if f.is_error]
    warnings = [f for f in findings if not f.is_error]
    if not findings:
        lines.append("未发现问题：各表合计、勾稽关系和正文数字一致。")
        return lines
    lines.append(f"发现 {len(errors)} 个错误、{len(warnings)} 个提示：")
    for number, finding in enumerate(findings, start=1):
        kind = "错误" if finding.is_error else "提示"
        lines.append(f"{number}. [{kind}·{RULE_LABELS[finding.rule]}] {finding.where}")
        lines.append(f"   {finding.message}")
    lines.append("结论：" + ("有错误，请更正后再发布。" if errors else "只有提示，请逐条确认。"))
    return lines
