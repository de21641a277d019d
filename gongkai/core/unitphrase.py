"""单位名称解析: turn the unit phrases of a document into units of a directory.

Work-point documents name the units that carry a task in free text: ``〔责任单位：县发改委、县工信局〕``,
``(责任单位：市司法局牵头负责，市政府各有关部门、市直各有关单位，各乡镇〔街道〕人民政府落实)``,
``（县教体局、县公安局…分别牵头落实）``. The same body goes by many names (县发展和改革委员会 = 县发改委 =
县发展改革委 = 发改委), a county-level city writes 市 where a county writes 县, and group phrases (各乡镇（街道）,
县政府有关部门) stand for many units at once.

``UnitDirectory(units, local_prefixes=…, place_names=…).resolve(phrase)`` returns one ``Match`` per unit or group
named, in the order written. Kinds, most to least certain:

- ``exact``  the full name or short name as written;
- ``alias``  a listed alias, or the same name after standardizing abbreviations (发展和改革委员会 → 发改委);
- ``prefix`` the same body under another local prefix (市司法局 → 县司法局 where 市 is configured as local),
  without one (司法局), or a county branch of a higher bureau (市医保局兴国分局 → 县医保局);
- ``fuzzy``  one clearly closest unit by character overlap (confidence below the others);
- ``group``  a group phrase expanded to the units of some kinds; ``pick_required`` when it says 有关/相关
  (the openness office must pick which members the task really concerns);
- ``unmatched`` nothing certain: ``candidates`` holds the closest units so a screen can offer a fix.

No Django here: the directory is plain data, built by ``gongkai.orgs.resolver`` from the database.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

EXACT, ALIAS, PREFIX, FUZZY, GROUP, UNMATCHED = "exact", "alias", "prefix", "fuzzy", "group", "unmatched"
LEAD, RESPONSIBLE, COOPERATE = "lead", "responsible", "cooperate"
ROLE_LABELS = {LEAD: "牵头", RESPONSIBLE: "负责", COOPERATE: "配合"}
KIND_MATCH_LABELS = {
    EXACT: "全称/简称",
    ALIAS: "别名",
    PREFIX: "层级前缀",
    FUZZY: "近似",
    GROUP: "单位组",
    UNMATCHED: "未识别",
}

# Unit kinds (the same strings as orgs.models.UnitKind, repeated here to stay framework-free).
GOVERNMENT, OFFICE, DEPARTMENT = "government", "office", "department"
TOWNSHIP, SUBDISTRICT, ZONE = "township", "subdistrict", "zone"
INSTITUTION, VERTICAL, ENTERPRISE, OTHER = "institution", "vertical", "enterprise", "other"
KIND_LABELS = {
    GOVERNMENT: "人民政府",
    OFFICE: "政府办公室",
    DEPARTMENT: "部门",
    TOWNSHIP: "乡镇",
    SUBDISTRICT: "街道",
    ZONE: "开发区/管委会",
    INSTITUTION: "事业单位",
    VERTICAL: "垂直管理单位",
    ENTERPRISE: "公共企业",
    OTHER: "其他",
}

_TOWNS = (TOWNSHIP, SUBDISTRICT)
_DEPTS = (OFFICE, DEPARTMENT)
_COUNTY_UNITS = (OFFICE, DEPARTMENT, INSTITUTION, VERTICAL)
# The noun at the heart of a group phrase, once 各/有关/县直/人民政府 are taken off → the kinds it covers.
GROUP_NOUNS: dict[str, tuple[str, ...] | None] = {
    "乡镇": (TOWNSHIP,),
    "镇": (TOWNSHIP,),
    "乡": (TOWNSHIP,),
    "镇乡": (TOWNSHIP,),
    "街道": (SUBDISTRICT,),
    "乡镇街道": _TOWNS,
    "镇街道": _TOWNS,
    "镇街": _TOWNS,
    "乡镇街": _TOWNS,
    "街镇": _TOWNS,
    "乡镇区": (*_TOWNS, ZONE),  # 兴国: 乡镇 and the two 管委会 (区)
    "乡镇街道区": (*_TOWNS, ZONE),
    "乡镇中心": (*_TOWNS, ZONE),  # 铅山: 乡镇 and the 管理中心/垦殖场 at the same level
    "乡镇场": (*_TOWNS, ZONE),
    "部门": _DEPTS,
    "部门单位": _COUNTY_UNITS,
    "单位部门": _COUNTY_UNITS,
    "单位": None,  # depends on the scope, see _group_kinds
    "垂直管理部门": (VERTICAL,),
    "垂直管理单位": (VERTICAL,),
    "垂管部门": (VERTICAL,),
    "垂管单位": (VERTICAL,),
    "企事业单位": (INSTITUTION, ENTERPRISE),
    "公共企事业单位": (INSTITUTION, ENTERPRISE),
    "事业单位": (INSTITUTION,),
    "企业": (ENTERPRISE,),
    "国有企业": (ENTERPRISE,),
    "管委会": (ZONE,),
    "园区": (ZONE,),
}
_ALL_BUT_GOVERNMENT = (OFFICE, DEPARTMENT, TOWNSHIP, SUBDISTRICT, ZONE, INSTITUTION, VERTICAL, ENTERPRISE)
# How a group is shown (after 各 or 有关).
GROUP_LABELS: dict[tuple[str, ...], str] = {
    _TOWNS: "乡镇（街道）",
    (*_TOWNS, ZONE): "乡镇（街道、园区）",
    _DEPTS: "政府部门",
    _COUNTY_UNITS: "县直单位",
    _ALL_BUT_GOVERNMENT: "单位",
    (INSTITUTION, ENTERPRISE): "企事业单位",
}

# Long forms and the short forms officials write (both sides of a comparison are reduced the same way).
# Sorted longest first below, so 市场监督管理 wins over 管理局 and 街道办事处 over 街道办.
ABBREVIATIONS: dict[str, str] = {
    "发展和改革": "发改",
    "发展改革": "发改",
    "工业和信息化": "工信",
    "工业信息化": "工信",
    "人力资源和社会保障": "人社",
    "人力资源社会保障": "人社",
    "住房和城乡建设": "住建",
    "住房城乡建设": "住建",
    "卫生健康": "卫健",
    "卫生和健康": "卫健",
    "市场监督管理": "市场监管",
    "文化广电新闻出版旅游": "文广新旅",
    "文化广电旅游": "文广旅",
    "文化广电和旅游": "文广旅",
    "文化和旅游": "文旅",
    "文化旅游": "文旅",
    "教育科技体育": "教科体",
    "教育科学技术体育": "教科体",
    "教育体育": "教体",
    "教育和体育": "教体",
    "医疗保障": "医保",
    "应急管理": "应急",
    "城市管理": "城管",
    "政务服务和数据管理": "政数",
    "政务服务数据管理": "政数",
    "退役军人事务管理": "退役军人事务",
    "机关事务管理": "机关事务",
    "投资促进": "投促",
    "经济发展": "经发",
    "科学技术": "科技",
    "民族宗教事务": "民宗",
    "人民防空": "人防",
    "扶贫开发": "扶贫",
    "管理委员会": "管委会",
    "领导小组办公室": "办",
    "委员会": "委",
    "办公室": "办",
    "人民政府": "政府",
    "管理局": "局",
    "街道办事处": "街道",
    "街道办": "街道",
}
_ABBR_RE = re.compile("|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True)))

_OPENERS = "(（〔［[【｛{〈《"
_CLOSERS = ")）〕］]】｝}〉》"
_BOOKMARK_RE = re.compile(r"\[bookmark:[^\]]*\]")
_ROLE_LABEL_RE = re.compile(
    r"(牵头单位|主办单位|牵头部门|责任单位|责任部门|承办单位|配合单位|协办单位|参与单位|配合部门)[:：]?"
)
_LABEL_ROLE = {"牵头": LEAD, "主办": LEAD, "配合": COOPERATE, "协办": COOPERATE, "参与": COOPERATE}
# Words that follow the unit names and say what they do (牵头负责, 配合, 落实, 等…), longest first.
_SUFFIX_WORDS = sorted(
    [
        "按职责分工负责",
        "按职责分别负责落实",
        "按职责分别负责",
        "按职责分工落实",
        "按职责分工",
        "按职能分工负责",
        "按职责",
        "分别牵头落实",
        "分别牵头负责",
        "分别牵头",
        "牵头负责",
        "牵头落实",
        "牵头",
        "分别负责落实",
        "分别负责",
        "分别落实",
        "分别",
        "具体负责",
        "共同负责",
        "负责落实",
        "抓好落实",
        "组织实施",
        "负责",
        "配合落实",
        "配合",
        "协助",
        "参与",
        "落实",
        "实施",
        "推进",
        "等单位",
        "等部门",
        "等",
    ],
    key=len,
    reverse=True,
)
_LEADING_WORDS = ("由", "会同", "联合", "请")
_EDGE_PUNCT = ":.。!?\"'“”‘’"
_SPLIT_CONJ_RE = re.compile("和|及|与|以及")
_BRANCH_RE = re.compile(r"^[省市]?(.{1,10}?[局委办])[\u4e00-\u9fff]{2,4}分局$")
_GROUP_TOKEN_RE = re.compile(
    r"全[县市区]|[县市区]直|[县市区]政府|[县市区]级|\(驻[县市区]\)|驻[县市区]|各|有关|相关"
)


@dataclass(frozen=True)
class UnitEntry:
    """One unit of the directory (plain data)."""

    id: int
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = DEPARTMENT
    parent_id: int | None = None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Candidate:
    unit_id: int
    name: str
    score: float


@dataclass(frozen=True)
class Match:
    """One unit or group named in a phrase."""

    text: str  # as written (surrounding punctuation and role words removed)
    kind: str  # exact / alias / prefix / fuzzy / group / unmatched
    confidence: float
    unit_id: int | None = None
    unit_name: str = ""
    group: str = ""  # group label, e.g. "各乡镇、街道"
    group_kinds: tuple[str, ...] = ()
    member_ids: tuple[int, ...] = ()
    pick_required: bool = False  # 有关/相关: the office picks the members concerned
    role: str = RESPONSIBLE  # lead / responsible / cooperate
    candidates: tuple[Candidate, ...] = ()
    note: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_MATCH_LABELS.get(self.kind, self.kind)

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)

    @property
    def matched(self) -> bool:
        return self.kind != UNMATCHED

    @property
    def unit_ids(self) -> tuple[int, ...]:
        if self.unit_id is not None:
            return (self.unit_id,)
        return self.member_ids

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["candidates"] = [asdict(c) for c in self.candidates]
        data["member_ids"] = list(self.member_ids)
        data["group_kinds"] = list(self.group_kinds)
        return data


# --------------------------------------------------------------------------------------------------------------
# Text normalization


def _norm_char(ch: str) -> str:
    if ch.isspace() or ch in "*\u200b\ufeff":
        return ""
    if ch in _OPENERS:
        return "("
    if ch in _CLOSERS:
        return ")"
    out = unicodedata.normalize("NFKC", ch)
    if out in ("，", ","):
        return ","
    if out in ("；", ";"):
        return ";"
    if out in ("：", ":"):
        return ":"
    return out


def _normalize_mapped(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the index of the original character it came from."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for out in _norm_char(ch):
            chars.append(out)
            index.append(i)
    return "".join(chars), index


def normalize(text: str) -> str:
    """Width, brackets and spaces made uniform: 〔〕【】（） → (), full-width letters → ASCII, no whitespace."""
    return _normalize_mapped(_BOOKMARK_RE.sub("", text))[0]


def standardize(name: str) -> str:
    """The standard abbreviated form of a unit name: 县发展和改革委员会 → 县发改委, 县政府办公室 → 县政府办,
    县市场监督管理局 → 县市场监管局, 经济开发区管理委员会 → 经济开发区管委会. Two names of one body written the
    usual ways reduce to the same string."""
    return _ABBR_RE.sub(lambda m: ABBREVIATIONS[m.group(0)], normalize(name))


# --------------------------------------------------------------------------------------------------------------
# Finding annotations in a document


_ANNOTATION_HINT_RE = re.compile(r"责任单位|牵头单位|责任部门|牵头|落实|负责|配合")


def find_annotations(text: str) -> list[tuple[int, int, str]]:
    """Bracketed unit annotations in a document: (start, end, text including brackets), outermost only.

    A bracketed span counts when it names a role (责任单位, 牵头…, …落实, …负责) and holds no full sentence.
    """
    text_clean = text
    found = []
    depth = 0
    start = 0
    for i, ch in enumerate(text_clean):
        if ch in _OPENERS:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
            if depth == 0:
                inner = text_clean[start + 1 : i]
                if (
                    _ANNOTATION_HINT_RE.search(inner)
                    and "。" not in inner
                    and len(inner) <= 600
                    and not inner.startswith("bookmark")
                    and re.search(r"[局委办府位门心区镇]", inner)
                ):
                    found.append((start, i + 1, text_clean[start : i + 1]))
        elif ch == "\n" and depth and i - start > 600:
            depth = 0  # an unclosed bracket: give up on it
    return found


# --------------------------------------------------------------------------------------------------------------
# The directory


def _dice(a: str, b: str) -> float:
    """Character overlap: twice the shared characters (with repeats) over the total length."""
    if not a or not b:
        return 0.0
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))


def _similarity(a: str, b: str) -> float:
    """Character overlap blended with sequence similarity (order matters too), in 0..1."""
    if not a or not b:
        return 0.0
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    return round((_dice(a, b) + ratio) / 2, 3)


@dataclass
class _Span:
    text: str  # normalized
    start: int  # in the normalized phrase
    end: int


class UnitDirectory:
    """The units of one county, indexed by every way they are written.

    ``local_prefixes``: level prefixes that mean "our own level" and may replace one another (县/市/区 for a
    county-level city whose documents write 市司法局 for its own 司法局). ``place_names``: the county's own place
    names (示范县, 示范); "示范县发展和改革委员会" is indexed as "县发展和改革委员会" too.
    """

    FUZZY_ACCEPT = 0.8  # best candidate at least this close …
    FUZZY_MARGIN = 0.1  # … and this much closer than the next unit → a fuzzy match
    CANDIDATE_MIN = 0.4
    CANDIDATE_COUNT = 5
    FUZZY_SHORTLIST = 40

    def __init__(
        self,
        units: Iterable[UnitEntry],
        *,
        local_prefixes: Sequence[str] = ("县",),
        place_names: Sequence[str] = (),
    ):
        self.units: dict[int, UnitEntry] = {}
        self._position: dict[int, int] = {}
        self.local_prefixes = tuple(p for p in local_prefixes if p)
        self.place_names = tuple(sorted({normalize(p) for p in place_names if p}, key=len, reverse=True))
        self._exact: dict[str, set[int]] = {}
        self._alias: dict[str, set[int]] = {}
        self._canon: dict[str, set[int]] = {}
        self._bare: dict[str, set[int]] = {}
        self._fuzzy_forms: list[tuple[str, Counter[str], int]] = []
        for unit in units:
            self._add(unit)

    # ---- building ----
    def _add(self, unit: UnitEntry) -> None:
        self.units[unit.id] = unit
        self._position[unit.id] = len(self._position)
        official = [n for n in (unit.name, unit.short_name) if n]
        aliases = [a for a in unit.aliases if a]
        for name in official:
            self._exact.setdefault(normalize(name), set()).add(unit.id)
        for alias in aliases:
            self._alias.setdefault(normalize(alias), set()).add(unit.id)
        seen = set()
        for form in official + aliases:
            for local in self._local_forms(normalize(form)):
                key = standardize(local)
                if key in seen:
                    continue
                seen.add(key)
                self._canon.setdefault(key, set()).add(unit.id)
                bare = self._strip_prefix(key)
                if bare:
                    self._bare.setdefault(bare, set()).add(unit.id)
                self._fuzzy_forms.append((bare or key, Counter(bare or key), unit.id))
                # The long form too, so 县人力资源局 lands nearer 人力资源和社会保障局 than 自然资源局.
                long_form = self._strip_prefix(local) or local
                if long_form != (bare or key):
                    self._fuzzy_forms.append((long_form, Counter(long_form), unit.id))

    def _local_forms(self, text: str) -> list[str]:
        """The text, and the text with the county's own place name replaced by its level (示范县X → 县X)."""
        forms = [text]
        for place in self.place_names:
            if text.startswith(place) and len(text) > len(place):
                rest = text[len(place) :]
                level = place[-1] if place[-1] in self.local_prefixes else ""
                forms.append(level + rest)
                break
        return forms

    def _strip_prefix(self, key: str) -> str:
        if len(key) >= 3 and key[0] in self.local_prefixes:
            return key[1:]
        return ""

    # ---- resolving one name ----
    def _one(self, ids: set[int], text: str, kind: str, confidence: float, role: str) -> Match:
        if len(ids) > 1:
            cands = tuple(
                Candidate(i, self.units[i].name, confidence) for i in sorted(ids, key=self._order_key)
            )
            return Match(text, UNMATCHED, 0.0, role=role, candidates=cands, note="多个单位使用此名称，请选择")
        (unit_id,) = ids
        unit = self.units[unit_id]
        return Match(text, kind, confidence, unit_id=unit_id, unit_name=unit.name, role=role)

    def _order_key(self, unit_id: int) -> int:
        return self._position[unit_id]

    def lookup(self, fragment: str, role: str = RESPONSIBLE, text: str | None = None) -> Match:
        """Resolve one unit name (no lists, no role words)."""
        text = fragment if text is None else text
        n = normalize(fragment)
        if not n:
            return Match(text, UNMATCHED, 0.0, role=role, note="空白")
        if n in self._exact:
            return self._one(self._exact[n], text, EXACT, 1.0, role)
        if n in self._alias:
            return self._one(self._alias[n], text, ALIAS, 0.95, role)
        keys = [standardize(f) for f in self._local_forms(n)]
        for key in keys:
            if key in self._canon:
                return self._one(self._canon[key], text, ALIAS, 0.9, role)
        for key in keys:
            bare = self._strip_prefix(key)
            if bare and bare in self._bare:  # 市司法局 → 县司法局
                return self._one(self._bare[bare], text, PREFIX, 0.85, role)
            if bare and bare in self._canon:  # 县城关镇 → 城关镇
                return self._one(self._canon[bare], text, PREFIX, 0.85, role)
            if len(key) >= 2 and key in self._bare:  # 司法局 → 县司法局
                return self._one(self._bare[key], text, PREFIX, 0.8, role)
            branch = _BRANCH_RE.match(key)  # 市医保局兴国分局 → 县医保局
            if branch and branch.group(1) in self._bare:
                return self._one(self._bare[branch.group(1)], text, PREFIX, 0.8, role)
        return self._fuzzy(n, text, role)

    def candidates(self, fragment: str, limit: int | None = None) -> tuple[Candidate, ...]:
        """Closest units by character overlap, best first (one entry per unit)."""
        key = standardize(self._local_forms(normalize(fragment))[-1])
        key = self._strip_prefix(key) or key
        # Cheap overlap first; the slower sequence comparison only for the closest forms.
        counts = Counter(key)
        overlap = [
            (2 * sum((counts & form_counts).values()) / (len(key) + len(form)), form, unit_id)
            for form, form_counts, unit_id in self._fuzzy_forms
        ]
        overlap.sort(key=lambda x: -x[0])
        best: dict[int, float] = {}
        for _, form, unit_id in overlap[: self.FUZZY_SHORTLIST]:
            score = _similarity(key, form)
            if score > best.get(unit_id, 0.0):
                best[unit_id] = score
        ranked = sorted(
            (Candidate(uid, self.units[uid].name, s) for uid, s in best.items() if s >= self.CANDIDATE_MIN),
            key=lambda c: (-c.score, self._order_key(c.unit_id)),
        )
        return tuple(ranked[: limit or self.CANDIDATE_COUNT])

    def _fuzzy(self, n: str, text: str, role: str) -> Match:
        cands = self.candidates(n)
        if cands:
            best = cands[0]
            second = cands[1].score if len(cands) > 1 else 0.0
            if best.score >= self.FUZZY_ACCEPT and best.score - second >= self.FUZZY_MARGIN:
                return Match(
                    text,
                    FUZZY,
                    round(best.score * 0.75, 3),
                    unit_id=best.unit_id,
                    unit_name=best.name,
                    role=role,
                    candidates=cands,
                    note="近似匹配，请确认",
                )
        return Match(text, UNMATCHED, 0.0, role=role, candidates=cands, note="未找到此单位")

    # ---- groups ----
    def group(self, fragment: str, role: str = RESPONSIBLE, text: str | None = None) -> Match | None:
        """A group phrase (各乡镇（街道）, 县政府有关部门 …) expanded to its members, or None."""
        text = fragment if text is None else text
        s = normalize(fragment)
        scope = ""
        relevant = False
        while True:  # take 各 / 有关 / 县直 / (驻县) / 县政府 off the front, in any order
            m = _GROUP_TOKEN_RE.match(s)
            if not m:
                break
            word = m.group(0)
            if word in ("有关", "相关"):
                relevant = True
            elif word != "各" and not word.startswith(("(驻", "驻")):
                scope = word
            s = s[m.end() :]
        for suffix in ("人民政府", "政府", "办事处"):
            if s.endswith(suffix) and len(s) > len(suffix):
                s = s[: -len(suffix)]
                break
        core = s.replace("(", "").replace(")", "").replace("、", "").replace("和", "").replace("及", "")
        if core not in GROUP_NOUNS:
            return None
        kinds = GROUP_NOUNS[core]
        if kinds is None:  # 单位: every unit, or the county-level ones when scoped (县直各单位)
            kinds = _COUNTY_UNITS if scope else _ALL_BUT_GOVERNMENT
        members = tuple(u.id for u in self.units.values() if u.kind in kinds)
        label = ("有关" if relevant else "各") + GROUP_LABELS.get(
            tuple(kinds), "、".join(KIND_LABELS.get(k, k) for k in kinds)
        )
        return Match(
            text,
            GROUP,
            1.0,
            group=label,
            group_kinds=tuple(kinds),
            member_ids=members,
            pick_required=relevant,
            role=role,
        )

    # ---- whole phrases ----
    def resolve_item(self, fragment: str, role: str = RESPONSIBLE, text: str | None = None) -> list[Match]:
        """One list item: a group, a unit, or several joined by 和/及/与."""
        text = fragment if text is None else text
        n = normalize(fragment)
        for word in _LEADING_WORDS:
            if n.startswith(word) and len(n) > len(word) + 1:
                n = n[len(word) :]
        grp = self.group(n, role, text)
        if grp:
            return [grp]
        match = self.lookup(n, role, text)
        if match.matched:
            return [match]
        for conj in _SPLIT_CONJ_RE.finditer(n):
            left, right = n[: conj.start()], n[conj.end() :]
            if len(left) < 2 or len(right) < 2:
                continue
            left_m = self.resolve_item(left, role)
            right_m = self.resolve_item(right, role)
            if all(m.matched for m in left_m + right_m):
                return left_m + right_m
        return [match]

    def resolve(self, phrase: str) -> list[Match]:
        """Every unit and group named in ``phrase`` (an annotation or a plain list), in the order written."""
        raw = _BOOKMARK_RE.sub("", phrase)
        norm, index = _normalize_mapped(raw)

        def original(span: _Span) -> str:
            if span.end <= span.start:
                return ""
            return raw[index[span.start] : index[span.end - 1] + 1].strip()

        spans = _strip_outer(norm)
        results: list[Match] = []
        for section_role, section in _sections(norm, spans):
            for clause in _split(norm, section, ","):
                items = _split(norm, clause, "、")
                cleaned = []
                clause_role = None
                for item in items:
                    body, item_role = _strip_role_words(norm, item)
                    cleaned.append((body, item_role))
                    if item_role:
                        clause_role = item_role
                for body, item_role in cleaned:
                    if body.end <= body.start:
                        continue
                    role = item_role or clause_role or section_role or RESPONSIBLE
                    results.extend(self.resolve_item(body.text, role, original(body)))
        return results

    def resolve_ids(self, phrase: str) -> list[int]:
        """Unit ids named (group members included), each once, in order."""
        ids: dict[int, None] = {}
        for match in self.resolve(phrase):
            for unit_id in match.unit_ids:
                ids[unit_id] = None
        return list(ids)


# --------------------------------------------------------------------------------------------------------------
# Phrase splitting helpers (on the normalized phrase, keeping positions)


def _strip_outer(norm: str) -> _Span:
    start, end = 0, len(norm)
    while (
        end - start >= 2
        and norm[start] == "("
        and norm[end - 1] == ")"
        and _closes_at(norm, start) == end - 1
    ):
        start += 1
        end -= 1
    return _Span(norm[start:end], start, end)


def _closes_at(norm: str, open_pos: int) -> int:
    depth = 0
    for i in range(open_pos, len(norm)):
        if norm[i] == "(":
            depth += 1
        elif norm[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _split(norm: str, span: _Span, seps: str) -> list[_Span]:
    """Split ``span`` on any of ``seps`` at bracket depth 0 (so 县直(驻县)各单位 and 各乡镇(街道) stay whole)."""
    parts = []
    depth = 0
    start = span.start
    for i in range(span.start, span.end):
        ch = norm[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in seps:
            parts.append(_Span(norm[start:i], start, i))
            start = i + 1
    parts.append(_Span(norm[start : span.end], start, span.end))
    return [p for p in parts if p.end > p.start]


def _sections(norm: str, span: _Span) -> list[tuple[str | None, _Span]]:
    """Split on role labels (牵头单位：… 责任单位：…) and on ; / 。 → (role from the label, span)."""
    out: list[tuple[str | None, _Span]] = []
    for part in _split(norm, span, ";。"):
        labels = list(_ROLE_LABEL_RE.finditer(norm, part.start, part.end))
        if not labels:
            out.append((None, part))
            continue
        if labels[0].start() > part.start:
            out.append((None, _Span(norm[part.start : labels[0].start()], part.start, labels[0].start())))
        for i, label in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else part.end
            role = _LABEL_ROLE.get(label.group(1)[:2], RESPONSIBLE)
            start = label.end()
            # Trim separators left between sections (牵头单位：A，责任单位：B).
            stop = end
            while stop > start and norm[stop - 1] in ",、":
                stop -= 1
            out.append((role, _Span(norm[start:stop], start, stop)))
    return out


def _strip_role_words(norm: str, span: _Span) -> tuple[_Span, str | None]:
    """Take 牵头负责 / 配合 / 落实 / 等… off the end of an item; return the rest and the role they say."""
    start, end = span.start, span.end
    while end > start and norm[end - 1] in _EDGE_PUNCT:  # 各镇政府…有关企事业单位： (an addressee line)
        end -= 1
    while start < end and norm[start] in _EDGE_PUNCT:
        start += 1
    words = []
    changed = True
    while changed and end > start:
        changed = False
        for word in _SUFFIX_WORDS:
            if norm.startswith(word, end - len(word)) and end - len(word) >= start:
                words.append(word)
                end -= len(word)
                changed = True
                break
    for word in _LEADING_WORDS:
        if norm.startswith(word, start) and end - start > len(word) + 1:
            start += len(word)
            break
    role = None
    joined = "".join(words)
    if "牵头" in joined:
        role = LEAD
    elif any(w in joined for w in ("配合", "协助", "参与")):
        role = COOPERATE
    elif joined:
        role = RESPONSIBLE if any(w in joined for w in ("负责", "落实", "实施", "推进")) else None
    return _Span(norm[start:end], start, end), role
