"""The detectors (个人信息与涉密标识识别) over plain text.

Each detector is one compiled regular expression plus a cheap check in Python, so a scan is a handful of linear
passes over the text. Digit detectors refuse digits that belong to a longer digit string (a 20-digit order number
holds no ID) and digits touching ``*`` (an already masked value such as ``138****1234`` is not a finding).
Full-width digits and letters are read as their ASCII forms (the mapping keeps offsets).
"""

from __future__ import annotations

import bisect
import datetime
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from . import headers, idnumber, masking, names
from .masking import mask_address
from .model import HIGH, LOW, MEDIUM, PERSONAL_KINDS, Finding, Location, Term, raised
from .model import words as _words

# Full-width → ASCII, one character for one so every offset stays valid. Full-width colons and brackets are
# left alone: the patterns accept both forms, and they are too frequent to rewrite cheaply.
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_FULLWIDTH.update(
    {"－": "-", "＋": "+", "＠": "@", "．": ".", "＊": "*", "﹡": "*", "＿": "_", "\u3000": " "}
)
_FULLWIDTH.update({"—": "-", "–": "-", "‐": "-", "‑": "-"})
_FULLWIDTH_RE = re.compile("[%s]" % re.escape("".join(_FULLWIDTH)))


def normalize(text: str) -> str:
    """Full-width digits, letters and signs as ASCII (same length, so offsets hold)."""
    if not _FULLWIDTH_RE.search(text):
        return text
    return _FULLWIDTH_RE.sub(lambda m: _FULLWIDTH[m.group()], text)


# Every pattern starts by consuming a character and only then looks behind it: the regex engine can then skip
# ahead to candidate characters instead of trying each position (about 50 times faster on Chinese text).
# 15 to 19 digits standing alone (IDs, bank cards); an 18-digit ID may end in X.
LONG_DIGITS_RE = re.compile(r"[0-9](?<![0-9*][0-9])[0-9]{14,18}[Xx]?(?![0-9Xx*])")
# A bank card written in groups of four: 6222 0212 3456 7890 123.
GROUPED_CARD_RE = re.compile(
    r"[0-9](?<![0-9*][0-9])(?<![0-9][ -][0-9])[0-9]{3}(?P<sep>[ -])[0-9]{4}(?P=sep)[0-9]{4}(?P=sep)[0-9]{4}"
    r"(?:(?P=sep)[0-9]{1,3})?(?![0-9*]|[ -][0-9])"
)
_MOBILE_TAIL = r"1[3-9][0-9](?P<sep>[ -]?)[0-9]{4}(?P=sep)[0-9]{4}(?![0-9*])"
MOBILE_RE = re.compile(r"1(?<![0-9*+]1)" + _MOBILE_TAIL[1:])
# With a country code (+86 / 0086 / (+86) / 86); the character before it is checked in Python.
MOBILE_INTL_RE = re.compile(r"(?:\+86|0086|\(\+?86\)|（\+?86）|86)[ -]?" + _MOBILE_TAIL)
# Area codes: 010 and 02x have 3 digits (8-digit numbers), the rest 4 (7 or 8 digits).
_AREA = r"(?:010|02[0-9]|0[3-9][0-9]{2})"
LANDLINE_RE = re.compile(r"(?P<area>0(?<![0-9*]0)(?:10|2[0-9]|[3-9][0-9]{2}))[ -]?[2-9][0-9]{6,7}(?![0-9*])")
LANDLINE_PAREN_RE = re.compile(
    r"[(（](?<![0-9*][(（])(?P<area>" + _AREA + r")[)）] ?[2-9][0-9]{6,7}(?![0-9*])"
)
EMAIL_RE = re.compile(
    r"[A-Za-z0-9](?<![A-Za-z0-9._%+*@-][A-Za-z0-9])[A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
PASSPORT_RE = re.compile(
    r"(?:护照|通行证)(?:号码|号|编号)?[ \t:：]{0,3}(?:为|是)?[ \t]{0,2}"
    r"(?P<num>[A-Za-z]{0,2}[0-9]{7,9})(?![0-9A-Za-z*])"
)

# A street-level place followed by a house / building / room / group number.
_NUM = r"(?:[0-9]+|[一二三四五六七八九十百零〇两]+)"
_STREET = r"(?:大道|路|街(?!道)|巷|弄|胡同|村委会|居委会|新村|村|社区|小区|花园|苑|公寓|大厦|家园|广场)"
_UNIT = r"(?:号楼|号院|号|栋|幢|座|单元|楼|层|室|户|村民小组|小组|组)"
ADDRESS_RE = re.compile(
    rf"(?P<street>{_STREET})(?P<detail>(?:第?{_NUM}|[A-Za-z])(?:号楼|号院|号|栋|幢|座|单元|村民小组|小组|组)"
    rf"(?:-?(?:{_NUM}|[A-Za-z]){_UNIT})*(?:[0-9]+(?:-[0-9]+)*[室户号]?)?)"
)
_RESIDENTIAL = frozenset(_words("村委会 居委会 新村 村 社区 小区 花园 苑 公寓 大厦 家园"))
_ROOM_LEVEL_RE = re.compile(r"栋|幢|座|单元|楼|层|室|户|组")
_ADDRESS_RUN_RE = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]*\Z")
# Where an address cannot start before: after a trigger word or after 5+ digits (a phone number glued in front).
_ADDRESS_CUT_RE = re.compile(r"住址|地址|住所|户籍地|户籍|籍贯|位于|家住|现住|居住|暂住|住在|在|[0-9]{5,}")

_CLASSES = r"(?:绝密|机密|秘密)"
STAR_MARK_RE = re.compile(
    rf"{_CLASSES}[ \t]*[★☆][ \t]*(?:[0-9一二三四五六七八九十]+[ \t]*(?:年|个月)|长期|启用前)?"
)
LABELLED_CLASS_RE = re.compile(rf"密级[ \t]*[:：][ \t]*{_CLASSES}")
ALWAYS_MARK_RE = re.compile(
    "|".join(
        [f"{a}外传" for a in ("不得", "严禁", "请勿", "禁止", "不准")]
        + [
            f"{a}内部{b}"
            for a in ("仅供", "仅限", "只供", "只限")
            for b in ("使用", "参考", "传阅", "掌握", "交流")
        ]
    )
)
_INTERNAL = r"(?:内部资料(?!性)|内部文件|内部参考|内部使用|注意保密)"
BRACKETED_MARK_RE = re.compile(rf"[【\[(（〔]\s*{_INTERNAL}[^】\])）〕\n]{{0,12}}[】\])）〕]")
_MARK_WORDS_RE = re.compile(
    rf"{_INTERNAL}|{_CLASSES}|密级|注意保存|妥善保管|用后收回|阅后收回|严禁复制|不得复制|{ALWAYS_MARK_RE.pattern}"
    r"|[0-9一二三四五六七八九十]+(?:年|个月)|长期|[★☆]"
)
# Markings in running text: "此件涉密" always; "内部资料" and "注意保密" when they label the document itself (after
# 此件/本件/本材料/系/属…, or opening a sentence), not as an object ("规范内部资料", "要注意保密").
_SELF = tuple(_words("此件 本件 此文 本文 本文件 此文件 本材料 此材料 本资料 本表 此表 系 属于 属 为 是"))
RUNNING_MARK_RE = re.compile(
    r"(?:此|本)(?:件|文|文件|材料|资料|表)(?:内容)?(?:属于|属|系)?涉密|内部资料(?!性)|注意保密"
)
_SENTENCE_BREAK = frozenset(" \t\n，,。；;：:！!、")


def _labels_itself(norm: str, start: int) -> bool:
    """Whether a running-text 内部资料/注意保密 at ``start`` labels the document (opens a sentence or follows
    此件/本材料/系 …) rather than being an object ("规范内部资料", "要注意保密")."""
    return start == 0 or norm[start - 1] in _SENTENCE_BREAK or norm[max(0, start - 3) : start].endswith(_SELF)


_DRAFTS = r"(?:征求意见稿|讨论稿|送审稿)"
_DRAFT_RE = re.compile(_DRAFTS)
_BRACKETED_DRAFT_RE = re.compile(rf"[(（【\[〔]\s*{_DRAFTS}\s*[)）】\]〕]\s*$")
_MARK_CORE_RE = re.compile(rf"{_CLASSES}|{_INTERNAL}")
_NOISE_RE = re.compile(r"[\s\[\]【】()（）〔〕<>《》:：,，、;；.。!！*★☆\-_]+")
# Candidate places for markings: only lines holding one of these are looked at.
_MARK_HINT_RE = re.compile(
    "绝密|机密|秘密|内部资料|内部文件|内部参考|内部使用|注意保密|征求意见稿|讨论稿|送审稿"
)

_CREDIT_LABEL = "信用代码"
_MAX_TITLE_LINE = 120  # a title carrying （征求意见稿） is shorter than this
_MAX_MARKING_LINE = 40  # a line of nothing but markings ("内部资料 注意保密 用后收回") too


class _Lines:
    """Line numbers for offsets without rescanning the text."""

    def __init__(self, text: str):
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def number(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, offset - 1) + 1

    def span(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.breaks, offset - 1)
        start = self.breaks[i - 1] + 1 if i else 0
        end = self.breaks[i] if i < len(self.breaks) else len(self.text)
        return start, end


def _finding(
    kind: str, severity: str, text: str, start: int, end: int, mask: str | None, **extra: Any
) -> Finding:
    return Finding.make(kind, severity, text[start:end], start, end, mask, **extra)


def _long_digits(text: str, norm: str, today: datetime.date) -> Iterable[Finding]:
    for m in LONG_DIGITS_RE.finditer(norm):
        value, start, end = m.group(), m.start(), m.end()
        if _CREDIT_LABEL in norm[max(0, start - 16) : start]:
            continue  # 统一社会信用代码 identifies an organisation and is public
        n = len(value)
        if n == 18 and idnumber.is_valid_id18(value, today):
            yield _finding("id_number", HIGH, text, start, end, masking.mask_id(text[start:end]))
        elif n == 15 and idnumber.is_valid_id15(value, today):
            yield _finding(
                "id_number", HIGH, text, start, end, masking.mask_id(text[start:end]), note="15位旧身份证号"
            )
        elif 16 <= n <= 19 and value.isdigit() and _bank_card(value):
            yield _finding("bank_card", HIGH, text, start, end, masking.mask_bank_card(text[start:end]))


def _bank_card(digits: str) -> bool:
    # Card schemes: 62 UnionPay, 4 Visa, 5 Mastercard, 3 JCB, 6 others. 18-digit cards are rare while 18-digit
    # numbers with a province code or a birth date in place are nearly always (mistyped) ID numbers: not cards.
    if digits[0] not in "3456":
        return False
    if len(digits) == 18 and (int(digits[:2]) in idnumber.PROVINCES or idnumber.birth_date_ok(digits)):
        return False
    return idnumber.luhn_ok(digits)


def _grouped_cards(text: str, norm: str) -> Iterable[Finding]:
    for m in GROUPED_CARD_RE.finditer(norm):
        digits = m.group().replace(m.group("sep"), "")
        if _bank_card(digits):
            yield _finding(
                "bank_card", HIGH, text, m.start(), m.end(), masking.mask_bank_card(text[m.start() : m.end()])
            )


def _mobiles(text: str, norm: str) -> Iterable[Finding]:
    for m in MOBILE_RE.finditer(norm):
        yield _finding(
            "mobile", MEDIUM, text, m.start(), m.end(), masking.mask_mobile(text[m.start() : m.end()])
        )
    for m in MOBILE_INTL_RE.finditer(norm) if "86" in norm else ():
        if m.start() and norm[m.start() - 1] in "0123456789*+":
            continue
        yield _finding(
            "mobile", MEDIUM, text, m.start(), m.end(), masking.mask_mobile(text[m.start() : m.end()])
        )


def _landlines(text: str, norm: str) -> Iterable[Finding]:
    for regex, skip in ((LANDLINE_RE, 0), (LANDLINE_PAREN_RE, 1)):
        for m in regex.finditer(norm):
            mask = masking.mask_landline(text[m.start() : m.end()], m.end("area") + skip - m.start())
            yield _finding("landline", LOW, text, m.start(), m.end(), mask)


def _emails(text: str, norm: str, taken: list[Finding]) -> Iterable[Finding]:
    """E-mail addresses. A number running into the local part ("…5678zhang@…") ends where the e-mail begins."""
    spans = sorted((f.start, f.end) for f in taken)
    starts = [a for a, _ in spans]
    for m in EMAIL_RE.finditer(norm):
        start, at = m.start(), m.start() + m.group().index("@")
        i = bisect.bisect_left(starts, start)  # findings (non-overlapping) that start before the e-mail
        cut = spans[i - 1][1] if i and spans[i - 1][1] > start else start
        if cut >= at:
            continue
        domain = m.group().rpartition("@")[2].lower()
        severity = LOW if domain.endswith(".gov.cn") else MEDIUM
        note = "政府机关公务邮箱，通常可公开" if severity == LOW else ""
        yield _finding(
            "email", severity, text, cut, m.end(), masking.mask_email(text[cut : m.end()]), note=note
        )


def _passports(text: str, norm: str) -> Iterable[Finding]:
    for m in PASSPORT_RE.finditer(norm):
        number = m.group("num")
        if len(number) < 8:
            continue
        yield _finding(
            "passport",
            HIGH,
            text,
            m.start("num"),
            m.end("num"),
            masking.mask_passport(text[m.start("num") : m.end("num")]),
        )


def _address_start(norm: str, street_start: int) -> int:
    """Walk left from the street over place-name characters (at most 30); stop at punctuation, after a trigger
    (住址, 家住 …) or after a long run of digits (a phone number in front)."""
    limit = max(0, street_start - 30)
    window = norm[limit:street_start]
    run = _ADDRESS_RUN_RE.search(window)  # the place-name characters that end at the street
    assert run is not None  # the pattern matches the empty string at the end
    start = run.start()
    cut = None
    for m in _ADDRESS_CUT_RE.finditer(window, start):
        cut = m.end()
    return limit + (cut if cut is not None else start)


def _addresses(text: str, norm: str, taken_ends: list[int]) -> Iterable[Finding]:
    """``taken_ends``: sorted ends of the other findings; an address starts after one that runs into it
    ("139-8765-4321兴国县…": the phone's last digits are not part of the address)."""
    previous_end = 0
    for m in ADDRESS_RE.finditer(norm):
        start = max(_address_start(norm, m.start("street")), previous_end)
        i = bisect.bisect_right(taken_ends, m.start("street"))
        if i and taken_ends[i - 1] > start:
            start = taken_ends[i - 1]
        previous_end = m.end()
        detail = m.group("detail")
        room_level = bool(_ROOM_LEVEL_RE.search(detail)) or m.group("street") in _RESIDENTIAL
        mask = mask_address(text[start : m.end()], m.start("detail") - start)
        note = "" if room_level else "仅到门牌号，若为单位办公地址可公开"
        yield _finding("address", MEDIUM if room_level else LOW, text, start, m.end(), mask, note=note)


def _markings(text: str, norm: str, lines: _Lines, is_consultation: bool) -> Iterable[Finding]:
    """Secrecy and internal markings. The rule: a classification word counts only with ★ (机密★1年), after
    "密级：", or alone on its line; 内部资料/注意保密/内部使用 count in brackets or on a line that holds nothing
    but markings; "不得外传" and "仅供内部使用" always count. So "保守国家秘密法" and "秘密投票" in running text do
    not. Draft markings (征求意见稿) count in the same positions, unless the item is a consultation."""
    found: list[Finding] = []

    def add(start: int, end: int, note: str) -> None:
        found.append(_finding("secrecy_marking", HIGH, text, start, end, None, note=note, can_mask=False))

    for regex, note, hints in (
        (STAR_MARK_RE, "密级标志", ("★", "☆")),
        (LABELLED_CLASS_RE, "密级标志", ("密级",)),
        (ALWAYS_MARK_RE, "内部/限制传播标识", ("外传", "内部")),
        (BRACKETED_MARK_RE, "内部资料标识", ("内部", "注意保密")),
        (RUNNING_MARK_RE, "正文中的涉密或内部标识", ("涉密", "内部资料", "注意保密")),
    ):
        if any(h in norm for h in hints):
            for m in regex.finditer(norm):
                if (
                    regex is RUNNING_MARK_RE
                    and "涉密" not in m.group()
                    and not _labels_itself(norm, m.start())
                ):
                    continue
                add(m.start(), m.end(), note)
    line_end = -1
    for m in _MARK_HINT_RE.finditer(norm):
        if m.start() < line_end:
            continue  # this line has been looked at
        line_start, line_end = lines.span(m.start())
        line = norm[line_start:line_end]
        core = line.strip()
        offset = line_start + (len(line) - len(line.lstrip()))
        if not core or len(core) > _MAX_TITLE_LINE:
            continue  # running text: a marking line or a title is short
        draft = _DRAFT_RE.search(core)
        if draft and (draft.group() != "征求意见稿" or not is_consultation):
            rest = _NOISE_RE.sub("", core.replace(draft.group(), ""))
            bracketed = _BRACKETED_DRAFT_RE.search(core)
            if not rest or bracketed:
                span = bracketed.span() if bracketed and rest else (0, len(core))
                add(offset + span[0], offset + span[1], "草稿/送审稿标识（非征求意见事项）")
        if (
            len(core) <= _MAX_MARKING_LINE
            and _MARK_CORE_RE.search(core)
            and not _NOISE_RE.sub("", _MARK_WORDS_RE.sub("", core))
        ):
            add(offset, offset + len(core), "单独成行的密级或内部标识")
    return masking.non_overlapping(found)


@functools.lru_cache(maxsize=32)
def _term_regex(terms: tuple[Term, ...]) -> tuple[re.Pattern[str] | None, dict[str, Term]]:
    by_wrong = {t.wrong: t for t in terms if t.wrong}
    if not by_wrong:
        return None, by_wrong
    pattern = "|".join(re.escape(w) for w in sorted(by_wrong, key=len, reverse=True))
    return re.compile(pattern), by_wrong


def _terms(text: str, terms: tuple[Term, ...]) -> Iterable[Finding]:
    regex, by_wrong = _term_regex(terms)
    if regex is None:
        return
    for m in regex.finditer(text):
        term = by_wrong[m.group()]
        # The wrong form may sit inside the right one ("十九大" in "党的十九大"): skip those.
        k = term.correct.find(term.wrong)
        if k >= 0 and text[m.start() - k : m.start() - k + len(term.correct)] == term.correct:
            continue
        yield Finding.make(
            "term",
            term.severity,
            m.group(),
            m.start(),
            m.end(),
            term.correct,
            replacement=term.correct,
            note=term.note,
        )


def detect(
    text: str,
    *,
    terms: Iterable[Term | Sequence[str]] = (),
    is_consultation: bool = False,
    located: bool = True,
    context: bool = True,
) -> list[Finding]:
    """All findings in ``text`` in text order, with line-level name aggregation; ``located``: fill in
    ``where`` with the line number (callers that place findings themselves skip it); ``context``: apply the
    header and label rules of ``headers`` (``label：value``, tables flattened into lines)."""
    if not text:
        return []
    norm = normalize(text)
    today = datetime.date.today()
    lines = _Lines(norm)
    personal: list[Finding] = []
    if re.search(r"[0-9]", norm):
        personal += _long_digits(text, norm, today)
        personal += _grouped_cards(text, norm)
        personal += _mobiles(text, norm)
        personal += _landlines(text, norm)
        if "护照" in norm or "通行证" in norm:
            personal += _passports(text, norm)
    if "@" in norm:
        emails = list(_emails(text, norm, personal))
        # A QQ mailbox 13812345678@qq.com is one finding, the e-mail.
        e_starts = [e.start for e in emails]
        inside = set()
        for f in personal:
            i = bisect.bisect_right(e_starts, f.start)
            if i and f.start < emails[i - 1].end:
                inside.add(id(f))
        personal = [f for f in personal if id(f) not in inside] + emails
    personal += _addresses(text, norm, sorted(f.end for f in personal))
    personal = masking.non_overlapping(personal)
    if context:
        personal = masking.non_overlapping(headers.apply_text_context(norm, text, personal))
    others = list(_markings(text, norm, lines, is_consultation))
    term_tuple = tuple(Term.of(t) for t in terms)
    if term_tuple:
        others += _terms(text, term_tuple)
    result = []
    name_lines: dict[int, bool] = {}
    for f in personal + others:
        a, b = lines.span(f.start)
        changes: dict[str, Any] = {"where": Location.at(line=lines.number(f.start))} if located else {}
        if f.kind in PERSONAL_KINDS:
            if a not in name_lines:
                name_lines[a] = names.line_has_name(text[a:b])
            if name_lines[a]:
                changes["severity"], changes["aggregated"] = raised(f.severity), True
        result.append(f._update(changes))
    result.sort(key=lambda f: (f.start, f.end))
    return result


def scan_text(
    text: str, *, terms: Iterable[Term | Sequence[str]] = (), is_consultation: bool = False
) -> list[Finding]:
    """Findings in plain text; locations are line numbers (第3行), offsets index ``text``."""
    return detect(text, terms=terms, is_consultation=is_consultation)


def mask_text(
    text: str, findings: Sequence[Finding] | None = None, kinds: Iterable[str] = PERSONAL_KINDS
) -> str:
    """``text`` with every finding of ``kinds`` replaced by its mask (findings from ``scan_text(text)``;
    scanned here when not given). Pass ``kinds={"term"}`` to apply wording corrections instead.

    Personal data is masked to a fixed point: the result is scanned again and anything a masked neighbour
    had hidden (two values glued together) is masked too, so a re-scan finds nothing of those kinds."""
    kinds = frozenset(kinds)
    if findings is None:
        findings = detect(text)
    text = masking.apply(text, masking.maskable(findings, kinds))
    personal = kinds & PERSONAL_KINDS
    for _ in range(masking.MAX_ROUNDS if personal else 0):
        more = masking.maskable(detect(text), personal)
        if not more:
            break
        text = masking.apply(text, more)
    return text
