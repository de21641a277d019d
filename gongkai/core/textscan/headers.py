"""Header context (表头与标签语境): the column header of a table cell, or the label before a value in running text,
decides what the value is.

A subsidy list (名单) says what each column holds. Under a **sensitive header** (银行卡号, 银行账号, 存折账号, 身份证号码,
联系电话, 住址 …) every value is a finding of that kind whatever its checksum: passbook accounts fail Luhn, an
18-digit account may start with a province code, and the column still holds a person's account. Under a
**serial-number header** (审批编号, 合同编号, 订单号, 流水号, 档案号, 证书编号 …) a card or old-ID guess that rests on
checksum luck alone is dropped; an 18-digit number with a valid ID check character, region and birth date still
counts (it is an ID typed into the wrong column).

The same rules apply to ``label：value`` in running text (``户主银行账号：6230 …``), and to tables flattened into
text: a header line whose cells are separated by tabs, commas or runs of spaces (a CSV file, a table pasted into
the body) announces the columns of the lines below it.

Headers of a unit's own public details (办公电话, 单位地址, 咨询电话 …) are not sensitive.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator

from . import idnumber, masking
from .model import HIGH, LOW, MEDIUM, PERSONAL_KINDS, Finding
from .model import words as _words

SERIAL = "serial"
PHONE = "phone"

# Header words by what the column holds; a header matches when it ends with one of them (户主银行账号, 申请人身份证号码).
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "bank_card": tuple(
        _words(
            "银行卡号 银行账号 银行帐号 账号 帐号 卡号 存折账号 存折帐号 存折号 一卡通账号 一卡通帐号 一卡通号 一卡通"
            " 社保卡号 惠农卡号 惠民卡号 银行卡 银行账户 银行帐户 收款账户 收款帐户 账户号 帐户号 账户号码 账号信息"
        )
    ),
    "id_number": tuple(
        _words(
            "身份证号码 身份证号 身份证 公民身份号码 身份号码 身份证件号码 证件号码 证件号 身份证件号 居民身份证号码"
            " 居民身份证号 身份证编号"
        )
    ),
    PHONE: tuple(_words("联系电话 电话 电话号码 手机 手机号 手机号码 联系方式 移动电话 联系号码 固定电话")),
    "address": tuple(
        _words("住址 家庭住址 家庭地址 现住址 居住地址 居住地 户籍地址 户籍所在地 现居住地 家住")
    ),
    SERIAL: tuple(
        _words(
            "审批编号 合同编号 订单号 订单编号 流水号 档案号 档案编号 证书编号 证书号 编号 单号 受理编号 登记编号"
            " 业务编号 凭证号 票据号 发票号 批准文号 许可证号 备案号 项目编号"
        )
    ),
}
_BY_LENGTH = sorted(
    ((word, kind) for kind, words in HEADER_WORDS.items() for word in words), key=lambda p: -len(p[0])
)
# The unit's own public details, and accounts that are not a bank's: never a sensitive column.
_NOT_PERSONAL = re.compile(
    r"^(?:单位|办公|机构|咨询|监督|投诉|举报|服务|值班|办事|受理|业务|工作)|QQ|微信|邮箱|邮件|网址|网站"
)
_BRACKETS = re.compile(r"[（(][^（()）]{0,12}[）)]")
_MAX_HEADER = 14

_KIND_OF_WORD = dict(_BY_LENGTH)
_LAST_CHARS = frozenset(word[-1] for word, _ in _BY_LENGTH)
# Running text: a label followed by a colon (户主银行账号：…, 身份证号码:…); a serial label also directly by digits
# (流水号2026…).
_LABEL_RE = re.compile(
    "(?P<label>"
    + "|".join(
        re.escape(w) for w, k in _BY_LENGTH if k != "address" or w in ("住址", "家庭住址", "现住址", "家住")
    )
    + r")(?:[ \t]*[:：][ \t]*|(?=[0-9]))"
)
_SEVEN_DIGITS = re.compile(r"[0-9]{7}")
HINT_RE = re.compile("|".join(re.escape(w) for w, _ in _BY_LENGTH))


def normalize_header(cell: str) -> str:
    text = "".join((cell or "").split()).strip("*＊★:：")
    return _BRACKETS.sub("", text)


@functools.lru_cache(maxsize=4096)
def header_kind(cell: str) -> str | None:
    """What a column under this header holds: a personal kind, ``"phone"``, ``"serial"``, or None."""
    text = normalize_header(cell)
    if not text or text[-1] not in _LAST_CHARS or len(text) > _MAX_HEADER or any(c.isdigit() for c in text):
        return None
    for word, kind in _BY_LENGTH:
        if text.endswith(word):
            if kind != SERIAL and _NOT_PERSONAL.search(text[: len(text) - len(word)] or text):
                return None
            return kind
    return None


# Values of each kind inside a cell (digit runs not part of a longer run).
_DIGITS = r"(?<![0-9A-Za-z])"
_VALUE_RE = {
    "bank_card": re.compile(_DIGITS + r"[0-9](?:[0-9]|[ -](?=[0-9])){7,34}(?![0-9])"),
    "id_number": re.compile(_DIGITS + r"[0-9]{14,17}[0-9Xx](?![0-9A-Za-z])"),
    PHONE: re.compile(
        r"(?<![0-9+])(?:\+?86[ -]?)?(?:[(（]0[0-9]{2,3}[)）] ?)?[0-9](?:[0-9]|[ -](?=[0-9])){6,13}(?![0-9])"
    ),
}
_HAN = re.compile(r"[\u4e00-\u9fff]")
# An address that stops at a division (县, 乡镇, 街道, 村) identifies nobody: fine, as without a header.
_DIVISION_END = re.compile(r"(?:省|市|县|区|旗|镇|乡|街道|村|社区|居委会|村委会)$")


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def _phone(value: str, start: int, end: int, note: str) -> Finding | None:
    digits = _digits(value)
    if len(digits) < 7:
        return None
    local = digits[2:] if digits.startswith("86") and len(digits) == 13 else digits
    if len(local) == 11 and local.startswith("1"):
        return Finding.make("mobile", MEDIUM, value, start, end, masking.mask_mobile(value), note=note)
    area = 0
    if value.startswith(("(", "（")):
        area = value.find(")") + 1 or value.find("）") + 1
    elif local.startswith("0"):
        area = 3 if local[1] in "12" else 4
        area += 1 if value[area : area + 1] in ("-", " ") else 0
    return Finding.make("landline", LOW, value, start, end, masking.mask_landline(value, area), note=note)


def header_findings(kind: str, norm: str, text: str, start: int, end: int, label: str) -> list[Finding]:
    """Values of ``kind`` in ``text[start:end]`` (a cell or a labelled value), found by their header alone;
    ``norm`` is ``text`` with full-width digits as ASCII (same offsets)."""
    note = f"表头「{label}」所在列" if label else ""
    cell = norm[start:end]
    out: list[Finding] = []
    if "*" in cell or "某" in cell:
        return out  # already masked (138****1234, 兴国县潋江镇***, 张某)
    if kind == "address":
        stripped = cell.strip()
        if len(stripped) >= 4 and len(_HAN.findall(stripped)) >= 2 and not _DIVISION_END.search(stripped):
            a = start + cell.index(stripped)
            value = text[a : a + len(stripped)]
            mask = masking.mask_address(value, len(value))
            out.append(Finding.make("address", MEDIUM, value, a, a + len(value), mask, note=note))
        return out
    regex = _VALUE_RE.get(kind)
    if regex is None:
        return out
    for m in regex.finditer(cell):
        a, b = start + m.start(), start + m.end()
        value = text[a:b]
        if kind == PHONE:
            found = _phone(value, a, b, note)
            if found is not None:
                out.append(found)
        elif kind == "id_number":
            if 15 <= b - a <= 18:
                out.append(Finding.make("id_number", HIGH, value, a, b, masking.mask_id(value), note=note))
        elif len(_digits(m.group())) >= 8:
            out.append(Finding.make("bank_card", HIGH, value, a, b, masking.mask_bank_card(value), note=note))
    return out


def checksum_luck(finding: Finding) -> bool:
    """A card or ID guess that rests on a checksum (or a region and date) alone: dropped under a serial header.
    A full 18-character ID with a valid check character, region and birth date is not luck."""
    if finding.kind == "bank_card":
        return True
    if finding.kind == "id_number":
        value = finding.text.upper().replace("Ｘ", "X")
        return not (len(value) == 18 and idnumber.is_valid_id18(_ascii(value)))
    return False


def _ascii(value: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" or c == "Ｘ" else c for c in value)


def apply_column(
    kind: str, label: str, norm: str, text: str, start: int, end: int, found: list[Finding]
) -> list[Finding]:
    """The findings of one cell (``text[start:end]``) once its header is known: ``found`` are the detectors'
    findings inside it (same offsets); ``norm`` is ``text`` with ASCII digits."""
    if kind == SERIAL:
        return [f for f in found if not checksum_luck(f)]
    taken = [(f.start, f.end) for f in found if f.kind in PERSONAL_KINDS]
    if taken and end - start <= 40:
        return found  # a short cell the detectors already read: one value per cell
    added = [
        f
        for f in header_findings(kind, norm, text, start, end, label)
        if not any(a < f.end and f.start < b for a, b in taken)
    ]
    return found + added if added else found


# ---------------------------------------------------------------- running text and tables flattened into text


_SPLITTERS = (
    ("\t", re.compile(r"\t")),
    (",", re.compile(r",")),  # CSV: ASCII commas only (prose is full of ，)
    ("|", re.compile(r"[|｜]")),
    ("  ", re.compile(r"[ \u3000]{2,}")),
)
_MAX_HEADER_CELL = 20


def _split(line: str, base: int, splitter: re.Pattern[str]) -> list[tuple[int, int]]:
    """Cell spans of a delimited line, trimmed of spaces and CSV quotes."""
    spans = []
    pos = 0
    for m in splitter.finditer(line):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(line)))
    out = []
    for a, b in spans:
        while a < b and line[a] in " \"'\u3000":
            a += 1
        while b > a and line[b - 1] in " \"'\u3000\r":
            b -= 1
        out.append((base + a, base + b))
    return out


def _pick_splitter(line: str) -> re.Pattern[str] | None:
    for mark, splitter in _SPLITTERS:
        if mark in line or (mark == "  " and "\u3000\u3000" in line):
            return splitter
    return None


def text_regions(norm: str) -> Iterator[tuple[str, str, int, int]]:
    """(kind, header label, start, end) of every value region that a header or label governs in plain text:
    cells of tables flattened into lines below a header line, and values after ``label：``."""
    if not HINT_RE.search(norm):
        return
    for m in _LABEL_RE.finditer(norm):
        label = m.group("label")
        kind = _KIND_OF_WORD[label]
        if kind != SERIAL and not m.group().rstrip().endswith((":", "：")):
            continue  # a sensitive label counts with its colon only ("身份证号码330…" stays the detector's)
        before = norm[max(0, m.start() - 6) : m.start()]
        if kind != SERIAL and _NOT_PERSONAL.search(before[-2:] + label):
            continue
        a = m.end()
        stop = re.compile(
            r"[，,；;。\n\t]" if kind == "address" else r"[，,；;。\n\t、]|[ ]{2,}|[\u4e00-\u9fff]"
        )
        s = stop.search(norm, a)
        b = s.start() if s else len(norm)
        if b > a:
            yield kind, label, a, min(b, a + 60)
    line_end = -1
    for m in HINT_RE.finditer(norm):
        if m.start() < line_end:
            continue
        line_start = norm.rfind("\n", 0, m.start()) + 1
        line_end = norm.find("\n", m.start())
        line_end = len(norm) if line_end < 0 else line_end
        line = norm[line_start:line_end]
        if len(line) > 400:
            continue
        splitter = _pick_splitter(line)
        if splitter is None:
            continue
        cells = _split(line, line_start, splitter)
        if any(b - a > _MAX_HEADER_CELL for a, b in cells):
            continue  # a sentence, not a header line: header cells are short
        columns: dict[int, tuple[str, str]] = {}
        for i, (a, b) in enumerate(cells):
            column_kind = header_kind(norm[a:b])
            if column_kind is not None:
                columns[i] = (column_kind, norm[a:b])
        if len(cells) < 2 or not columns or re.search(r"[0-9]{7}", line):
            continue
        pos = line_end + 1
        while pos < len(norm):
            nxt = norm.find("\n", pos)
            nxt = len(norm) if nxt < 0 else nxt
            row = norm[pos:nxt]
            if not row.strip():
                break
            row_cells = _split(row, pos, splitter)
            if len(row_cells) < 2:
                break
            for i, (kind, label) in columns.items():
                if i < len(row_cells):
                    a, b = row_cells[i]
                    if b > a:
                        yield kind, normalize_header(label), a, b
            pos = nxt + 1
        line_end = pos


def apply_text_context(norm: str, text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` (personal kinds, sorted by start) after the header and label rules of plain text: added
    values under sensitive headers, card/ID guesses under serial headers dropped."""
    regions = list(text_regions(norm))
    if not regions:
        return findings
    findings = sorted(findings, key=lambda f: f.start)
    starts = [f.start for f in findings]
    dropped: set[int] = set()
    added: list[Finding] = []
    for kind, label, a, b in regions:
        i = bisect.bisect_left(starts, a)
        inside = []
        while i < len(findings) and findings[i].start < b:
            if findings[i].end <= b:
                inside.append(findings[i])
            i += 1
        result = apply_column(kind, label, norm, text, a, b, inside)
        kept = {id(f) for f in result}
        before = {id(f) for f in inside}
        dropped.update(i for i in before if i not in kept)
        added += [f for f in result if id(f) not in before]
    if not dropped and not added:
        return findings
    return [f for f in findings if id(f) not in dropped] + added


def table_columns(cells: Iterable[tuple[int | None, str]]) -> dict[int | None, tuple[str, str]]:
    """{column: (kind, header)} of a header row given as (column, text) pairs; empty when it is no header row."""
    out: dict[int | None, tuple[str, str]] = {}
    for column, text in cells:
        if len(text) > 40 or _SEVEN_DIGITS.search(text):
            return {}
        kind = header_kind(text)
        if kind is not None:
            out[column] = (kind, normalize_header(text))
    return out
