"""Unit annotations (责任单位标注) at the end of a work item, and the unit names inside them.

The forms found in county documents (DOMAIN.md §2)::

    〔责任单位：县发改委、县工信局〕
    〔牵头单位：县政府办；责任单位：县政府有关部门〕
    (责任单位：市司法局牵头负责，市政府各有关部门、市直各有关单位，各乡镇〔街道〕人民政府落实)
    （县教体局、县公安局、县民政局分别牵头落实）
    [区经发局、区投促局按职责分工负责]

in square, lenticular or round brackets of either width, possibly nested (``各乡镇〔街道〕``), possibly on a
line of their own, or missing. Names are returned as written; group phrases (各乡镇〔街道〕人民政府, 县直各单位,
全区各部门(单位)) are kept whole and flagged. Matching names to the unit directory is a separate step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.core.docread import unify_brackets

LEAD_LABEL = r"牵头单位|牵头部门|主责单位|主责部门|主办单位|牵头领导单位"
UNIT_LABEL = (
    r"责任单位|责任部门|配合单位|配合部门|协办单位|协助单位|参与单位|实施单位|落实单位|承办单位|完成单位"
)
_LABEL = re.compile(rf"^\s*(?P<label>{LEAD_LABEL}|{UNIT_LABEL})\s*[:：]?\s*")
_COOPERATE_LABEL = re.compile(r"配合|协办|协助|参与")
# Role words after the names: 牵头负责 / 分别牵头落实 / 按职责分工负责 / 按职责分别负责落实 / 配合 / 落实.
_ROLE_SUFFIX = re.compile(
    r"(?:等)?\s*(?:按照?职责(?:分工)?|按职能|根据职责)?(?:分工)?(?:分别|共同|具体)?"
    r"(?:牵头|配合|协助|参与)?(?:负责|落实|承办|办理|实施|推进|完成|配合|抓好)*\s*$"
)
_ROLE_VERB = re.compile(r"牵头|配合|协助|参与|负责|落实|承办|办理|实施|推进|完成|抓好")
_LEAD_MARK = re.compile(r"\s*[（(〔\[]\s*(牵头|主责)\s*[）)〕\]]\s*$")
_ANNOTATION_TAIL = re.compile(
    r"(牵头|负责|落实|配合|承办|办理|实施)\s*$",
)
_UNIT_SUFFIXES = (
    "局",
    "委",
    "办",
    "厅",
    "部",
    "院",
    "中心",
    "政府",
    "单位",
    "部门",
    "管委会",
    "公司",
    "队",
    "所",
    "站",
    "会",
    "处",
    "室",
    "署",
    "街道",
    "镇",
    "乡",
    "镇街",
    "乡镇",
    "区",
    "社",
    "台",
    "馆",
    "组",
    "行",
    "集团",
    "法院",
    "检察院",
)
_CONJUNCTION = re.compile(r"以及|和|及|与|、|，|,|；|;")
_GROUP = re.compile(r"各|有关|相关|所属|直属|全[县市区省]|其他|所有|[县市区]直")
_OPENERS = "〔[（(【［﹝"
_CLOSERS = "〕]）)】］﹞"


@dataclass
class Annotation:
    """A parsed unit annotation."""

    raw: str  # the bracketed text as written, brackets included
    start: int  # offset in the item text
    form: str  # "square" (〔〕[]【】), "round" (（）()) or "plain" (a 责任单位： line without brackets)
    width: str  # "full" or "half" (of the outer brackets)
    lead_units: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    cooperating_units: list[str] = field(default_factory=list)
    respectively: bool = False  # 分别牵头/分别负责: each unit leads its own share
    open_ended: bool = False  # the list ends with 等: more units than named

    @property
    def all_units(self) -> list[str]:
        return _dedupe(self.lead_units + self.units + self.cooperating_units)


def _dedupe(names: list[str]) -> list[str]:
    seen, out = set(), []
    for name in names:
        if name and name not in seen:
            seen.add(name)
            out.append(name)
    return out


def is_group(name: str) -> bool:
    """A group phrase (各乡镇〔街道〕人民政府, 县直各单位, 县政府有关部门) standing for many units."""
    return bool(_GROUP.search(name))


def _looks_like_unit(name: str) -> bool:
    plain = re.sub(r"[（(〔\[【][^）)〕\]】]*[）)〕\]】]", "", name)
    return plain.endswith(_UNIT_SUFFIXES) or is_group(name)


def looks_like_units(text: str) -> bool:
    """Is ``text`` a list of unit names (a 责任单位 cell: ``县政府办牵头，县直各单位按职责分工负责``)?"""
    names = parse_units(text).all_units
    return bool(names) and all(_looks_like_unit(n) for n in names)


def split_top_level(text: str, separators: str) -> list[str]:
    """Split on any of ``separators`` outside brackets."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def split_names(text: str) -> list[str]:
    """``县财政局、县审计局和县统计局`` → three names; ``县人力资源和社会保障局`` stays one.

    和/及/与 split only where the left side already ends like a unit name (局, 委, 政府, 部门 …) and the right
    side is a name of its own, so names that contain 和 (工业和信息化局) are not cut.
    """
    names: list[str] = []
    for piece in split_top_level(text, "、，,；; "):
        names.extend(_split_conjunctions(piece))
    return [n for n in (name.strip(" 　:：") for name in names) if n]


def _split_conjunctions(piece: str) -> list[str]:
    for m in re.finditer(r"以及|和|及|与", piece):
        left, right = piece[: m.start()], piece[m.end() :]
        plain_left = re.sub(r"[（(〔\[【][^）)〕\]】]*[）)〕\]】]$", "", left)
        if (
            left
            and right
            and plain_left.endswith(_UNIT_SUFFIXES)
            and _looks_like_unit(right)
            and not right.startswith("其")
        ):
            return [left, *_split_conjunctions(right)]
    return [piece]


def _strip_role(clause: str) -> tuple[str, bool, bool]:
    """Clause without its role words → (names text, mentions 等, mentions 分别)."""
    respectively = "分别" in clause
    m = _ROLE_SUFFIX.search(clause)
    names = clause
    if m and m.start() > 0 and _ROLE_VERB.search(m.group(0)):
        names = clause[: m.start()]
    open_ended = bool(re.search(r"等\s*$", names)) or bool(m and m.group(0).startswith("等"))
    names = re.sub(r"等\s*$", "", names)
    return names.strip(), open_ended, respectively


def parse_units(content: str) -> Annotation:
    """The unit text of an annotation (without its outer brackets) → lead, responsible and cooperating units."""
    result = Annotation(raw=content, start=0, form="plain", width="full")
    for segment in split_top_level(content, "；;。"):
        m = _LABEL.match(segment)
        label = m.group("label") if m else ""
        body = segment[m.end() :] if m else segment
        for clause in split_top_level(body, "，,"):
            names_text, open_ended, respectively = _strip_role(clause)
            names = []
            for name in split_names(names_text):
                if _LEAD_MARK.search(name):
                    result.lead_units.append(_LEAD_MARK.sub("", name))
                else:
                    names.append(name)
            result.open_ended |= open_ended
            result.respectively |= respectively
            if re.fullmatch(LEAD_LABEL, label) or "牵头" in clause[len(names_text) :]:
                result.lead_units.extend(names)
            elif _COOPERATE_LABEL.search(label) or re.search(r"配合|协助|参与", clause[len(names_text) :]):
                result.cooperating_units.extend(names)
            else:
                result.units.extend(names)
    result.lead_units = _dedupe(result.lead_units)
    result.units = [n for n in _dedupe(result.units) if n not in result.lead_units]
    result.cooperating_units = [
        n for n in _dedupe(result.cooperating_units) if n not in result.lead_units and n not in result.units
    ]
    return result


def is_annotation_content(content: str) -> bool:
    """Does the bracketed text name units (rather than being an ordinary parenthesis)?"""
    text = content.strip()
    if not text or len(text) > 400:
        return False
    if _LABEL.match(text):
        return True
    if not _ANNOTATION_TAIL.search(text):
        return False
    names_text, _, _ = _strip_role(split_top_level(text, "，,")[0])
    names = split_names(names_text)
    return bool(names) and all(_looks_like_unit(n) for n in names)


def find_annotation(text: str) -> Annotation | None:
    """The unit annotation ending ``text`` (trailing 。 and spaces tolerated), or None.

    Walks back from the final closing bracket to its opener counting every bracket family as one, so
    ``(…各乡镇〔街道〕人民政府落实)`` and ``（各乡镇（中心），县直各单位…）`` are read whole.
    """
    end = len(text.rstrip(" \n。.；;*"))
    if end == 0:
        return None
    unified = unify_brackets(text[:end])
    if unified[-1] in ")]":
        depth = 0
        for i in range(end - 1, -1, -1):
            ch = unified[i]
            if ch in ")]":
                depth += 1
            elif ch in "([":
                depth -= 1
                if depth == 0:
                    content = text[i + 1 : end - 1]
                    if not is_annotation_content(content):
                        return None
                    annotation = parse_units(content)
                    annotation.raw = text[i:end]
                    annotation.start = i
                    opener = text[i]
                    annotation.form = "round" if unified[i] == "(" else "square"
                    annotation.width = "half" if opener in "([" else "full"
                    return annotation
        return None
    # A 责任单位：… line without brackets, after the last sentence.
    line_start = max(text.rfind("\n", 0, end), text.rfind("。", 0, end)) + 1
    tail = text[line_start:end]
    if _LABEL.match(tail):
        annotation = parse_units(tail)
        annotation.raw = tail
        annotation.start = line_start
        annotation.form = "plain"
        annotation.width = "full"
        return annotation
    return None


_SUBJECT = re.compile(
    r"^([^，。；：“”《》:;,]{2,60}?)(?:要|应当|应|须|必须|将|继续|负责|每年|每季度|每月|在\d{4}年)"
)


def subject_units(sentence: str) -> list[str]:
    """Units named as the subject of a sentence: ``各镇街、县政府有关部门要…`` → [各镇街, 县政府有关部门].

    Only when every name reads as a unit; used as a hint where the item carries no annotation.
    """
    m = _SUBJECT.match(sentence.strip())
    if not m or "的" in m.group(1):
        return []
    names = split_names(m.group(1))
    names = [n for n in names if n not in ("责任单位", "牵头单位", "各单位")] if len(names) > 1 else names
    if not names or not all(_looks_like_unit(n) for n in names):
        return []
    if names in (["责任单位"], ["牵头单位"]):
        return []
    return names
