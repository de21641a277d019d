"""Fixture generator for annex 任务分工表 tests: one annex, written the ways it reaches the office.

An :class:`Annex` is parts of rows (序号 is counted, 目标任务 repeats over the rows of one item). It renders as

- :func:`flattened`: copied off a web page, every cell on its own line, blank lines between, the header once,
  part headings between rows, a 目标任务 only in the first row of its group; ``split`` writes the 任务内容 of
  chosen rows as two lines (a continuation line without 序号);
- :func:`separated`: several cells on one line, separated by tabs or runs of spaces (``sep``);
- :func:`html_table`: an HTML ``<table>`` with ``rowspan`` on repeated 目标任务 and ``colspan`` part rows, in a
  portal page, read through the HTML reader;

and :func:`plan_text` writes a body (parts, items with the rows' sentences and a unit annotation) for it, so
that a document = plan_text + a rendered annex. :func:`expected` is what reading the annex must give back.
No tests here; test_workpoints_flattened.py imports these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from gongkai.core.docread import int_to_chinese

HEADER = ("序号", "目标任务", "任务内容", "责任单位", "工作时限")


@dataclass
class Row:
    target: str  # 目标任务 (the body item's heading)
    content: str  # 任务内容 (one sentence of the item)
    units: str  # 责任单位 as written in the cell
    deadline: str  # 工作时限 as written in the cell


@dataclass
class Part:
    heading: str  # without the 一、 number
    rows: list[Row] = field(default_factory=list)


@dataclass
class Annex:
    parts: list[Part]
    title: str = "2025年示范县政务公开重点工作任务分工表"

    def numbered(self):
        """(part title, 序号, row, first row of its 目标任务 group) in order."""
        seq = 0
        for number, part in enumerate(self.parts, start=1):
            title = f"{int_to_chinese(number)}、{part.heading}"
            previous = None
            for row in part.rows:
                seq += 1
                yield title, seq, row, row.target != previous
                previous = row.target


def _content_lines(row: Row, seq: int, split: set[int]) -> list[str]:
    if seq in split and "，" in row.content:
        head, tail = row.content.split("，", 1)
        return [head + "，", tail]
    return [row.content]


def flattened(annex: Annex, *, split: set[int] | frozenset = frozenset(), blank: str = "\n\n") -> str:
    """One cell per line; the 目标任务 cell left out where it repeats the row above."""
    lines = ["附件：", annex.title, *HEADER]
    part = None
    for title, seq, row, first in annex.numbered():
        if title != part:
            lines.append(title)
            part = title
        lines.append(str(seq))
        if first:
            lines.append(row.target)
        lines.extend(_content_lines(row, seq, split))
        lines.extend([row.units, row.deadline])
    return blank.join(lines)


def separated(annex: Annex, *, sep: str = "\t", split: set[int] | frozenset = frozenset()) -> str:
    """A row per line, cells joined by ``sep``; a split 任务内容 continues on a line of its own."""
    lines = ["附件：", annex.title, sep.join(HEADER)]
    part = None
    for title, seq, row, first in annex.numbered():
        if title != part:
            lines.append(title)
            part = title
        content = _content_lines(row, seq, split)
        cells = [str(seq), *([row.target] if first else []), content[0]]
        if len(content) > 1:
            lines.append(sep.join(cells))
            lines.append(sep.join([content[1], row.units, row.deadline]))
        else:
            lines.append(sep.join([*cells, row.units, row.deadline]))
    return "\n".join(lines)


def html_table(annex: Annex) -> str:
    """The annex as a portal shows it: <table> with rowspan on 目标任务 and colspan part rows."""
    out = [
        "<p>附件：</p>",
        f"<p>{escape(annex.title)}</p>",
        '<table border="1"><tbody>',
        "<tr>" + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr>",
    ]
    numbered = list(annex.numbered())
    part = None
    for index, (title, seq, row, first) in enumerate(numbered):
        if title != part:
            out.append(f'<tr><td colspan="5">{escape(title)}</td></tr>')
            part = title
        cells = [f"<td>{seq}</td>"]
        if first:
            span = 1
            while (
                index + span < len(numbered)
                and numbered[index + span][0] == title
                and not numbered[index + span][3]
            ):
                span += 1
            cells.append(
                f'<td rowspan="{span}">{escape(row.target)}</td>'
                if span > 1
                else f"<td>{escape(row.target)}</td>"
            )
        cells += [
            f"<td>{escape(row.content)}</td>",
            f"<td>{escape(row.units)}</td>",
            f"<td>{escape(row.deadline)}</td>",
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def plan_text(
    annex: Annex, *, year: int = 2025, date: str = "2025年3月15日", annotation: str = "县政府办"
) -> str:
    """A 工作要点 whose items are the annex's 目标任务 and whose sentences are its 任务内容."""
    lines = [
        "示范县人民政府办公室关于印发《2025年示范县政务公开工作要点》的通知",
        "示范县人民政府办公室",
        date,
        f"{year}年示范县政务公开工作要点",
        "为做好全县政务公开工作，制定本要点。",
    ]
    for number, part in enumerate(annex.parts, start=1):
        lines.append(f"{int_to_chinese(number)}、{part.heading}")
        items: dict[str, list[str]] = {}
        for row in part.rows:
            items.setdefault(row.target, []).append(row.content)
        for index, (target, contents) in enumerate(items.items(), start=1):
            body = "".join(c if c.endswith("。") else c + "。" for c in contents)
            lines.append(f"（{int_to_chinese(index)}）{target}。{body}〔责任单位：{annotation}〕")
    lines.append("附件：2025年示范县政务公开重点工作任务分工表")
    return "\n".join(lines)


def page(body_html: str) -> bytes:
    """A portal page around the content (navigation and footer to be dropped by the reader)."""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>工作要点</title></head><body>"
        "<nav class='nav'><a href='/'>首页</a><a href='/zwgk/'>政务公开</a></nav>"
        f"<div class='content'>{body_html}</div>"
        "<footer class='footer'>主办：示范县人民政府办公室</footer></body></html>"
    ).encode()


def plan_html(annex: Annex, **kwargs) -> bytes:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in plan_text(annex, **kwargs).split("\n"))
    return page(paragraphs + html_table(annex))


def expected(annex: Annex) -> list[tuple]:
    """(part title, 序号, 目标任务, 任务内容, 责任单位, 工作时限) of every row."""
    return [
        (title, str(seq), row.target, row.content, row.units, row.deadline)
        for title, seq, row, _ in annex.numbered()
    ]


def as_tuples(rows) -> list[tuple]:
    """AnnexRow objects in the shape of :func:`expected`."""
    return [(r.part, r.seq, r.target, r.content, r.units_text, r.deadline_text) for r in rows]
