"""Rich text of a publication: clean what editors paste (often from Word) and derive the plain text.

``clean_html`` keeps the structure officials care about — headings, paragraphs, lists, tables (with merged
cells), emphasis and links — and drops everything else (scripts, styles, classes, Word's ``mso-`` markup, images
with remote sources). Word's "list paragraphs" (``MsoListParagraph`` with an ``mso-list`` style) become real
``<ol>``/``<ul>`` lists. The result goes through nh3 (the sanitiser) last, so nothing unsafe survives whatever
the pre-processing does.

``html_to_text`` gives one line per block and one line per table row (cells separated by tabs): the scanner reads
lines, and a name in the same row as an ID number must be on the same line (数据汇聚).
"""

from __future__ import annotations

import html as html_lib
import re

import nh3
from lxml import etree
from lxml import html as lxml_html

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "sub",
    "sup",
    "blockquote",
    "a",
    "hr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "caption", "div", "tr", "hr", "br"}
_CONDITIONAL_RE = re.compile(r"<!--\[if[^\]]*\]>.*?<!\[endif\]-->", re.S | re.I)
_ORDERED_RE = re.compile(r"^\s*(?:\d+[.．、)]|[（(]?[一二三四五六七八九十]+[)）、]|[a-zA-Z][.)])")
_MSO_IGNORE_RE = re.compile(r"mso-list\s*:\s*ignore", re.I)


_MSO_LIST_ID_RE = re.compile(r"mso-list\s*:\s*(l\d+)", re.I)


def _word_lists(root) -> None:
    """Group consecutive Word list paragraphs of the same list into <ol>/<ul> (marker spans removed)."""
    current, current_key = None, None
    for p in list(root.iter("p")):
        style = (p.get("style") or "") + " " + (p.get("class") or "")
        if "mso-list" not in style.lower() and "msolistparagraph" not in style.lower():
            current = None
            continue
        marker = ""
        for span in list(p.iter("span")):
            if _MSO_IGNORE_RE.search(span.get("style") or ""):
                marker += span.text_content()
                span.drop_tree()
        ordered = bool(_ORDERED_RE.match(marker)) if marker.strip() else False
        list_id = _MSO_LIST_ID_RE.search(style)
        key = (list_id.group(1) if list_id else "", ordered)
        if current is None or p.getprevious() is not current or key != current_key:
            current = etree.Element("ol" if ordered else "ul")
            current_key = key
            p.addprevious(current)
        p.tag = "li"
        current.append(p)


def _headings(root) -> None:
    """The page title is the publication's title: body headings start at <h2>."""
    for h in root.iter("h1"):
        h.tag = "h2"


def clean_html(raw: str) -> str:
    """Sanitised HTML of a pasted or typed body; '' for empty input."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    raw = _CONDITIONAL_RE.sub("", raw)
    try:
        root = lxml_html.fragment_fromstring(raw, create_parent="div")
    except (etree.ParserError, ValueError):
        root = None
    if root is not None:
        for bad in root.xpath("//script|//style|//xml|//meta|//link|//title"):
            bad.drop_tree()
        _word_lists(root)
        _headings(root)
        lead = html_lib.escape(root.text) if root.text and root.text.strip() else ""
        raw = lead + "".join(etree.tostring(child, encoding="unicode", method="html") for child in root)
    cleaned = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    cleaned = re.sub(r"<p>(?:\s|&nbsp;|\u00a0|<br>)*</p>", "", cleaned)
    return cleaned.strip()


def html_to_text(value: str) -> str:
    """One line per block, one line per table row with tab-separated cells."""
    if not value:
        return ""
    root = lxml_html.fragment_fromstring(value, create_parent="div")
    lines: list[str] = []
    buffer: list[str] = []

    def flush():
        line = " ".join("".join(buffer).split())
        if line:
            lines.append(line)
        buffer.clear()

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "tr":
            flush()
            cells = [
                " ".join(c.text_content().split())
                for c in el
                if isinstance(c.tag, str) and c.tag in ("td", "th")
            ]
            lines.append("\t".join(cells))
        else:
            if tag in BLOCK_TAGS:
                flush()
            if el.text:
                buffer.append(el.text)
            for child in el:
                walk(child)
            if tag in BLOCK_TAGS:
                flush()
        if el.tail:
            buffer.append(el.tail)

    walk(root)
    flush()
    return "\n".join(lines)


def replace_in_text_nodes(value: str, replacements: dict[str, str]) -> tuple[str, int]:
    """Replace exact strings in the text of the HTML (never in tags or attributes); returns (html, count)."""
    if not value or not replacements:
        return value, 0
    root = lxml_html.fragment_fromstring(value, create_parent="div")
    keys = sorted(replacements, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    count = 0

    def sub(text):
        nonlocal count
        if not text:
            return text
        new, n = pattern.subn(lambda m: replacements[m.group()], text)
        count += n
        return new

    for el in root.iter():
        if el is not root:
            el.text = sub(el.text)
            el.tail = sub(el.tail)
        else:
            el.text = sub(el.text)
    out = html_lib.escape(root.text or "") + "".join(
        etree.tostring(c, encoding="unicode", method="html") for c in root
    )
    return clean_html(out), count
