"""The annual-report checker (年度报告核对): read a published 政府信息公开工作年度报告 and check its figures.

Framework-free. The format is data (``spec``, reusing ``foi_rules`` for table 三's rows and columns); any of
four layouts is read into one ``Report`` (``tokens`` → ``parse``); ``check`` applies the rules; ``to_json`` and
``summary_lines`` print; ``check_files`` runs a batch and gives one findings table per unit::

    from gongkai.core import annualreport
    report = annualreport.read_report(data, "报告.html")       # ReportError when unreadable
    findings = annualreport.check(report, previous=None)
    print(annualreport.to_json(report, findings))
"""

from .batch import Batch, FileResult, Row, check_files, read_report
from .model import ERROR, RULE_LABELS, RULES, WARNING, Finding, Report, ReportError, TextFigure
from .output import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, exit_code, summary_lines, to_dict, to_json
from .rules import check

__all__ = [
    "ERROR",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "RULES",
    "RULE_LABELS",
    "WARNING",
    "Batch",
    "FileResult",
    "Finding",
    "Report",
    "ReportError",
    "Row",
    "TextFigure",
    "check",
    "check_files",
    "exit_code",
    "read_report",
    "summary_lines",
    "to_dict",
    "to_json",
]
