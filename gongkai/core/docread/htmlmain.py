"""Main content of a government web page (正文提取): drop the chrome, keep the article.

A county site wraps every document in navigation, a header with the site name, breadcrumbs (当前位置), share
buttons (分享到), 【打印本页】【关闭窗口】 links, font-size switches and a footer with the 网站标识码 and 备案号.
The article is the element that holds the most non-link text in paragraphs (text density); only its text, in
order, with tables as tables, is returned.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gongkai.core.filetype import decode_text

from .blocks import Block, RawPart, build_blocks

if TYPE_CHECKING:  # lxml itself is imported when a page is read
    from lxml.html import HtmlElement

_NOISE_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "button",
    "select",
    "input",
    "textarea",
    "svg",
    "template",
    "object",
    "embed",
    "menu",
    "link",
    "meta",
}
_NOISE_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|share|bdshare|sharebox|footer|foot|header|head|toolbar|"
    r"print|sidebar|side|comment|comments|related|pager|pagination|copyright|topbar|top|location|position|"
    r"weixin|qrcode|ewm|gotop|backtop|fontsize|font-size|search|login|banner|ad|ads)($|[\s_-])",
    re.I,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "center",
    "body",
    "td",
    "th",
    "tr",
    "tbody",
    "thead",
}
# Page chrome written as text: 【打印本页】【关闭窗口】, 分享到：, 字体：大 中 小, 当前位置：首页 > …
_CHROME_TOKEN = re.compile(
    r"[【\[]?\s*(打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|回到顶部|收藏本页|收藏|加入收藏|分享到|分享|"
    r"字号|字体|大|中|小|默认|扫一扫|在手机打开|上一篇|下一篇|保存本页|返回)\s*[】\]]?\s*[:：]?"
)
_CHROME_LINE = re.compile(
    r"^(当前位置|您现在的位置|您的位置|所在位置)\s*[:：]|^(首页\s*[>›»＞]\s*)"
    r"|^(来源|信息来源|发布时间|发布日期|浏览次数|点击数|访问量|作者|责任编辑)\s*[:：].{0,80}(发布时间|发布日期|浏览|点击|字体|字号|来源)"
)


def _attr_text(element: HtmlElement) -> str:
    return " ".join(filter(None, [element.get("id"), element.get("class"), element.get("role")]))


def _text_len(element: HtmlElement) -> int:
    return len("".join(element.itertext()).strip())


def _link_len(element: HtmlElement) -> int:
    return sum(_text_len(a) for a in element.iter("a"))


def _strip_noise(root: HtmlElement) -> None:
    total = max(_text_len(root), 1)
    for comment in root.xpath("//comment() | //processing-instruction()"):
        if comment.getparent() is not None:
            comment.drop_tree()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        tag = element.tag.lower()
        if tag in _NOISE_TAGS:
            element.drop_tree()
            continue
        attrs = _attr_text(element)
        # Guard: a container holding most of the page is never noise, whatever its class says.
        if attrs and _NOISE_ATTR.search(attrs) and _text_len(element) < 0.3 * total:
            element.drop_tree()


def _pick_main(root: HtmlElement) -> HtmlElement:
    """The element with the highest paragraph-text score (readability-style text density)."""
    scores: dict[HtmlElement, float] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag not in ("p", "div", "td", "pre", "section", "article", "li", "span", "font"):
            continue
        own = (element.text or "") + "".join(child.tail or "" for child in element)
        text_len = len(own.strip()) if tag in ("div", "td", "section", "article", "span", "font") else 0
        if tag in ("p", "pre", "li"):
            text_len = _text_len(element) - _link_len(element)
        if text_len < 10:
            continue
        score = text_len + own.count("，") + own.count("。")
        parent = element.getparent()
        if tag in ("p", "pre", "li"):
            # A paragraph scores for the box that holds it, half for the box around that.
            targets = [(parent, 1.0), (parent.getparent() if parent is not None else None, 0.5)]
        else:
            # A box with its own text (lines separated by <br>) is itself the candidate.
            targets = [(element, 1.0), (parent, 0.5)]
        for target, weight in targets:
            if target is not None:
                scores[target] = scores.get(target, 0) + score * weight
    if not scores:
        return root
    best = max(scores, key=lambda el: scores[el] * (1 - _link_len(el) / max(_text_len(el), 1)))
    return best


def _collect(element: HtmlElement, parts: list[RawPart], buffer: list[str]) -> None:
    """Walk the content in order: block boundaries and <br> end a line; tables become tables."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag == "table" and not _is_layout_table(element):
        if buffer:
            parts.append("".join(buffer))
            buffer.clear()
        rows: list[list[str]] = []
        for tr in element.iter("tr"):
            cells = [
                "".join(cell.itertext())
                for cell in tr
                if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")
            ]
            rows.append(cells)
        parts.append(rows)
        return
    block = tag in _BLOCK_TAGS
    if block or tag == "br":
        buffer.append("\n")
    if tag != "br" and element.text:
        buffer.append(element.text)
    for child in element:
        _collect(child, parts, buffer)
        if child.tail:
            buffer.append(child.tail)
    if block:
        buffer.append("\n")


def _is_layout_table(table: HtmlElement) -> bool:
    """Old portals lay pages out with tables: a table whose cells hold paragraphs is a box, not data."""
    cells = list(table.iter("td", "th"))
    if not cells:
        return True
    rows = list(table.iter("tr"))
    if all(
        len([c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]) <= 1 for tr in rows
    ):
        return True
    for cell in cells:
        blocks = sum(1 for child in cell.iter("p", "div", "br", "table") if child is not cell)
        if blocks >= 3 or _text_len(cell) > 600:
            return True
    return False


def _is_chrome(text: str) -> bool:
    if _CHROME_LINE.search(text):
        return True
    if len(text) > 60:
        return False
    rest = _CHROME_TOKEN.sub("", text)
    return not re.sub(r"[\s|｜/·•,，、:：\[\]【】()（）>›-]", "", rest)


def html_parts(html: str) -> list[RawPart]:
    import lxml.html

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        root = lxml.html.document_fromstring(html)
    except Exception:
        return [re.sub(r"<[^>]+>", "\n", html)]
    body = root.find("body")
    if body is None:
        body = root
    title_el = body.find(".//h1")
    title = "".join(title_el.itertext()).strip() if title_el is not None else ""
    _strip_noise(body)
    main = _pick_main(body)
    parts: list[RawPart] = []
    buffer: list[str] = []
    _collect(main, parts, buffer)
    if buffer:
        parts.append("".join(buffer))
    # The <h1> title often sits above the content box: keep it when the box does not repeat it.
    main_text = "".join(main.itertext())
    if title and title not in main_text and not _is_chrome(title):
        parts.insert(0, title)
    cleaned: list[RawPart] = []
    for part in parts:
        if isinstance(part, str):
            lines = [line for line in part.split("\n") if not _is_chrome(line.strip()) or not line.strip()]
            cleaned.append("\n".join(lines))
        else:
            cleaned.append(part)
    return cleaned


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.I)


def decode_html(data: bytes) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m:
        charset = m.group(1).decode("ascii").lower()
        if charset in ("gb2312", "gbk"):
            charset = "gb18030"
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


def read_html(data: bytes | str) -> list[Block]:
    html = data if isinstance(data, str) else decode_html(data)
    return build_blocks(html_parts(html))
