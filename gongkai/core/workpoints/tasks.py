"""Splitting a work item into tasks (任务) the way an official fills a 任务分工表.

An item reads ``（三）标题。句一。句二；句三。〔责任单位：…〕``. The heading (标题) becomes 目标任务; every
sentence or ；-clause after it that asks for something to be done becomes one task (任务内容). Rules, each
seen in the sample documents:

- split on 。！？ and ；, never inside brackets, quotes or book-title marks;
- a short framing sentence without a comma (``着眼政务公开与政务服务深度融合。``, ``善于利用多种媒体进行精准解读。``)
  announces the next one: it is merged into it;
- a consequence the issuing office attaches (``对工作落实不到位的单位，县政府办将予以通报批评或约谈整改。``,
  ``对于制作了多元化政策解读的单位，年终考核将给予加分。``) is not a task for the units: kept as a note;
- a statement with no action verb (``…是…的关键之年``) is rhetoric: kept as a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = "（(〔[【［﹝《“‘「『"
_CLOSE = "）)〕]】］﹞》”’」』"
SENTENCE_END = "。！？；!?;\n"

_FRAMING = re.compile(r"^(着眼|善于|立足|着力于)")
_CONSEQUENCE = re.compile(r"^对(于)?.{0,40}(单位|部门|乡镇|地方|个人|人员)")
_CONSEQUENCE_WORDS = re.compile(r"加分|扣分|通报|约谈|问责|表扬|表彰|批评|追责|督办|倒扣")
# "2024年是…的关键之年": a statement, not a request.
_DECLARATIVE = re.compile(r"是|为|意味着|在于")
_STATEMENT = re.compile(
    r"^[^，；,;]{0,30}?(?:是|为)[^，；,;]{0,40}(?:之年|关键|基础|前提|保障|要求|举措|途径|手段|环节|任务)$"
)
_ACTION = re.compile(
    "公开|发布|公布|公示|做好|抓好|加强|推进|推动|建立|健全|完善|开展|落实|提升|提高|组织|制定|编制|设立|强化|深化|"
    "优化|规范|严格|加大|加快|实施|执行|坚持|探索|聚焦|围绕|压实|注重|鼓励|畅通|回应|解读|处理|审查|监测|清理|整改|"
    "更新|报送|汇总|收集|听取|研究|培训|考核|评估|监督|督促|指导|调研|宣传|挖掘|征集|推广|梳理|归集|补录|答复|办理|"
    "引导|拓展|拓宽|延伸|打造|构建|建成|建强|建设|统筹|选取|集成|提供|发挥|运用|利用|采用|增加|增强|理顺|协调|沟通|"
    "衔接|对照|纳入|配备|保障|维护|满足|接受|跟踪|分析|转化|考虑|安排|报审|防范|防止|杜绝|核查|明确|形成|配强|做到|"
    "实现|巩固|贯彻|带头|履行|邀请|列席|调整|会商|策划|印发|部署|召开|举办|参与|融合|上线|运行|管理|核实|共享|整合|"
    "公开|主动|及时|依法|确保|推送|转载|备案|关停|检查|通报|撰写|上报|填报|录入|报告|总结|复核|保存|归档|开设|"
    "策应|留言|办结|反馈|改版|升级|迁移|评价|测评|排查|清查|修订|废止|起草|审签|解答|指引|服务|申请|受理|承办"
)


@dataclass
class Sentence:
    text: str
    start: int  # offset in the text that was split
    end: int


@dataclass
class Piece:
    """A task candidate after the rules: ``is_task`` False for notes (rhetoric, consequences)."""

    text: str
    start: int
    end: int
    is_task: bool
    reason: str | None = None  # why it is not a task, or "merged" when a framing sentence was joined


def split_sentences(text: str) -> list[Sentence]:
    """Sentences and ；-clauses outside brackets and quotes, with their offsets."""
    out: list[Sentence] = []
    depth, start, opened_at = 0, 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            if depth == 0:
                opened_at = i
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in SENTENCE_END:
            # An unclosed bracket (a typo) must not swallow the rest of the item.
            if depth and (ch == "\n" or i - opened_at > 150):
                depth = 0
            if depth == 0:
                _append(out, text, start, i + 1)
                start = i + 1
    _append(out, text, start, len(text))
    return out


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped or not re.search(r"[\w\u4e00-\u9fff]", stripped):
        return
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    out.append(Sentence(stripped, start + lead, end - trail))


def display_text(sentence: str) -> str:
    """A task as an official writes it in the 分工表: ends with 。 (a ；-clause gets one)."""
    text = sentence.strip().rstrip("；;，,")
    if text and text[-1] not in "。！？!?":
        text += "。"
    return text


def classify(sentences: list[Sentence]) -> list[Piece]:
    """Apply the merging and note rules of the module docstring."""
    pieces: list[Piece] = []
    carry: Sentence | None = None
    for index, sentence in enumerate(sentences):
        text = sentence.text
        has_next = index + 1 < len(sentences)
        if carry is not None:
            text = carry.text + text
            start = carry.start
            carry = None
        else:
            start = sentence.start
        body = text.rstrip("。；;！？!?")
        if has_next and _FRAMING.match(body) and "，" not in body and len(body) <= 30:
            carry = Sentence(text, start, sentence.end)
            continue
        if _CONSEQUENCE.match(body) and _CONSEQUENCE_WORDS.search(body) and re.search(r"将|予以|给予", body):
            pieces.append(Piece(text, start, sentence.end, False, "consequence"))
            continue
        if _STATEMENT.match(body) or (not _ACTION.search(body) and _DECLARATIVE.search(body)):
            pieces.append(Piece(text, start, sentence.end, False, "rhetoric"))
            continue
        pieces.append(Piece(text, start, sentence.end, True))
    if carry is not None:
        pieces.append(Piece(carry.text, carry.start, carry.end, True))
    return pieces
