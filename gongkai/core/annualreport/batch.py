"""Many reports at once (批量核对): one table of findings per unit.

Reports of the same unit for consecutive years in one batch are paired automatically, so each report's
上年结转 and 现行有效 are checked against the year before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from . import spec
from .model import ERROR, Finding, Report, ReportError
from .parse import parse
from .rules import check
from .tokens import read_tokens

UNKNOWN_UNIT = "（未识别单位）"


@dataclass
class FileResult:
    name: str
    report: Report | None
    findings: list[Finding] = field(default_factory=list)
    error: str = ""  # why the file could not be read (then ``report`` is None)
    previous: str = ""  # the file used as the previous year's report

    @property
    def unit(self) -> str:
        return (self.report.unit if self.report else "") or UNKNOWN_UNIT

    @property
    def ok(self) -> bool:
        return not self.error and not any(f.is_error for f in self.findings)


@dataclass(frozen=True)
class Row:
    """One line of a unit's findings table."""

    file: str
    year: int | None
    rule: str
    severity: str
    where: str
    message: str


@dataclass
class Batch:
    results: list[FileResult]

    def by_unit(self) -> dict[str, list[Row]]:
        """Unit → its findings table (files in order; an unreadable file is one ``format`` error row)."""
        tables: dict[str, list[Row]] = {}
        for result in self.results:
            rows = tables.setdefault(result.unit, [])
            year = result.report.year if result.report else None
            if result.error:
                rows.append(Row(result.name, None, "format", ERROR, "文件", result.error))
            for finding in result.findings:
                rows.append(
                    Row(result.name, year, finding.rule, finding.severity, finding.where, finding.message)
                )
        return tables

    @property
    def exit_code(self) -> int:
        if any(r.error for r in self.results):
            return 2
        return 1 if any(not r.ok for r in self.results) else 0


def read_report(data: bytes, filename: str = "") -> Report:
    layout, tokens = read_tokens(data, filename)
    return parse(tokens, layout=layout, filename=filename)


def check_files(files: Iterable[tuple[str, bytes]], previous: Iterable[tuple[str, bytes]] = ()) -> Batch:
    """Check every ``(name, data)``; ``previous`` adds last year's reports used only for the comparisons."""
    results: list[FileResult] = []
    for name, data in files:
        try:
            results.append(FileResult(name, read_report(data, name)))
        except ReportError as exc:
            results.append(FileResult(name, None, error=str(exc)))
    earlier: list[tuple[str, Report]] = [(r.name, r.report) for r in results if r.report]
    for name, data in previous:
        try:
            earlier.append((name, read_report(data, name)))
        except ReportError:
            continue  # a bad comparison file only means fewer comparisons
    index = {(spec.norm(rep.unit), rep.year): (name, rep) for name, rep in earlier if rep.unit and rep.year}
    for result in results:
        if result.report is None:
            continue
        before = None
        if result.report.unit and result.report.year:
            before = index.get((spec.norm(result.report.unit), result.report.year - 1))
        if before:
            result.previous = before[0]
        result.findings = check(result.report, before[1] if before else None)
    return Batch(results)
