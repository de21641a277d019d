"""Letters (告知书/通知书): one template per notice and per outcome, filled from the case, to .docx and PDF.

Templates are plain text with ``{{名称}}`` placeholders from a fixed list (``FIELDS``): the openness office edits
them without any way to reach into the database (no template language, nothing executed). A letter is rendered
once and frozen (``Letter``) so what was sent stays what the file shows, even if the template changes later.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from gongkai.core import foi_rules as fr
from gongkai.core import law

from .errors import FoiError

R = law.REGULATION

# --- what a template may use ----------------------------------------------------------------------------------


def _d(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "____年__月__日"


def _latest(qs):
    return qs.order_by("-id").first()


def document_word(title: str) -> str:
    """What a letter calls itself (本答复书 / 本通知书 / 本告知书), from its title."""
    for word in ("答复书", "通知书", "征询函", "告知书"):
        if title.endswith(word) or f"{word}（" in title:
            return word
    return "告知书"


def remedies(case, word: str = "告知书") -> str:
    from .models import FoiPolicy

    body = FoiPolicy.current().reconsideration_body or settings.GONGKAI_SITE_NAME
    return (
        f"如对本答复不服，可以自收到本{word}之日起{law.RECONSIDERATION.value}日内向{body}申请行政复议"
        f"（{law.RECONSIDERATION.basis}），或者自知道或者应当知道本行政行为之日起{law.LITIGATION.value}个月内"
        f"向人民法院提起行政诉讼（{law.LITIGATION.basis}）。"
    )


def _reply(case):
    from .models import Reply

    return _latest(case.replies.exclude(status=Reply.Status.WITHDRAWN))


def _outcome_text(case) -> str:
    reply = _reply(case)
    if reply is None:
        outcome = case.outcome_obj
        return outcome.explanation if outcome else ""
    outcome = reply.outcome_obj
    if reply.situation == "already_public":
        return f"您申请获取的政府信息已经主动公开，您可以通过以下方式、途径获取：{reply.published_where}。"
    if reply.situation == "other_body":
        contact = f"，联系方式：{reply.other_body_contact}" if reply.other_body_contact else ""
        return f"您申请获取的政府信息不属于本机关负责公开。负责公开该政府信息的行政机关为{reply.other_body}{contact}。"
    return outcome.explanation


def _basis(case) -> str:
    reply = _reply(case)
    if reply is not None and reply.situation:
        return fr.SITUATION_BY_CODE[reply.situation].basis
    outcome = reply.outcome_obj if reply else case.outcome_obj
    return outcome.basis if outcome else R


def _signature(case) -> str:
    profile = getattr(case.unit, "foi_profile", None)
    return (profile.signature if profile and profile.signature else "") or case.unit.name


def _contact(case) -> str:
    profile = getattr(case.unit, "foi_profile", None)
    if profile and profile.contact_line:
        return profile.contact_line
    parts = [
        part
        for part in (
            case.unit.phone and f"电话 {case.unit.phone}",
            case.unit.address and f"地址 {case.unit.address}",
        )
        if part
    ]
    return "，".join(parts) or "（请在单位依申请公开设置中填写联系人及电话）"


def _correction(case):
    return _latest(case.corrections.all())


def _extension(case):
    from .models import Extension

    return _latest(case.extensions.filter(status=Extension.Status.APPROVED)) or _latest(case.extensions.all())


def _consultation(case):
    return _latest(case.consultations.all())


def _fee(case):
    return _latest(case.fee_notices.all())


def _g(obj, attr, fmt: Callable = str, default="") -> str:
    value = getattr(obj, attr, None) if obj is not None else None
    return fmt(value) if value not in (None, "") else default


# Words an applicant may open the description with; the letter quotes only what is asked for
# (申请获取“请公开2025年低保名单” read as a doubled request).
_ASKING = re.compile(
    r"^(?:本人|我|我们|申请人)?(?:现)?(?:申请|要求|请求|请)?(?:依法)?(?:公开|获取|提供|查询)[:：，,]?"
)


def request_text(case) -> str:
    """The description as the letter quotes it: without a leading 请公开/申请获取…, surrounding quotes or the
    final full stop, so 申请获取“…” reads once."""
    text = (case.description or "").strip()
    text = _ASKING.sub("", text, count=1).strip().rstrip("。.；;").strip()
    text = text.strip("“”\"'「」『』").strip().rstrip("。.；;").strip()
    return text or (case.description or "").strip()


FIELDS: dict[str, tuple[str, Callable]] = {
    "申请人": ("申请人姓名或名称", lambda case: case.applicant_name),
    "受理编号": ("受理编号", lambda case: case.serial),
    "收到申请日期": ("收到申请之日", lambda case: _d(case.receipt_date)),
    "申请内容": ("所需信息的描述", request_text),
    "文号": ("申请人提供的文号", lambda case: case.doc_number or "（未提供）"),
    "办理单位": ("办理单位全称", lambda case: case.unit.name),
    "答复期限": ("当前答复期限", lambda case: _d(case.due_date) if case.due_date else "（期限中止中）"),
    "联系方式": ("单位联系人及电话", _contact),
    "补正事项": ("需补正的事项", lambda case: _g(_correction(case), "items")),
    "补正期限": ("补正期限", lambda case: _g(_correction(case), "due_on", _d)),
    "延长天数": ("延长的工作日数", lambda case: _g(_extension(case), "days")),
    "延期理由": ("延期理由", lambda case: _g(_extension(case), "reason")),
    "第三方名称": ("征求意见对象", lambda case: _g(_consultation(case), "party_name")),
    "征求意见事项": ("征求意见事项", lambda case: _g(_consultation(case), "matter")),
    "第三方答复期限": ("第三方提出意见的期限", lambda case: _g(_consultation(case), "answer_due", _d)),
    "收费明细": ("收费计算明细", lambda case: "\n".join(_fee(case).lines) if _fee(case) else ""),
    "收费金额": ("收费金额（元）", lambda case: _g(_fee(case), "amount")),
    "缴费期限": ("缴费期限", lambda case: _g(_fee(case), "pay_by", _d)),
    "答复结果": (
        "答复结果",
        lambda case: (
            _reply(case).outcome_obj.full_label
            if _reply(case)
            else (case.outcome_obj.full_label if case.outcome_obj else "")
        ),
    ),
    "答复结果说明": ("答复结果的标准表述", _outcome_text),
    "答复内容": ("答复内容或理由", lambda case: _g(_reply(case), "content")),
    "法律依据": ("法律依据", _basis),
    "公开位置": ("已公开信息的位置", lambda case: _g(_reply(case), "published_where")),
    "负责机关": ("负责公开的机关", lambda case: _g(_reply(case), "other_body")),
    "救济途径": ("复议、诉讼救济途径", remedies),
}
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")


def validate(body: str) -> None:
    unknown = sorted({m.group(1) for m in PLACEHOLDER.finditer(body or "")} - set(FIELDS))
    if unknown:
        raise FoiError(
            f"模板中有未知的字段：{'、'.join(unknown)}。可用字段：{'、'.join(FIELDS)}（写作 {{{{字段名}}}}）。",
            field="body",
        )
    if not (body or "").strip():
        raise FoiError("正文不能为空。", field="body")


def fill(body: str, case, extra: dict[str, str] | None = None) -> str:
    """The template with its fields filled from the case; ``extra`` gives per-letter values (the 救济途径
    naming the letter itself)."""
    cache: dict[str, str] = dict(extra or {})

    def substitute(match):
        name = match.group(1)
        if name not in cache:
            cache[name] = FIELDS[name][1](case) if name in FIELDS else match.group(0)
        return cache[name]

    text = PLACEHOLDER.sub(substitute, body)
    # Empty optional paragraphs (e.g. no 答复内容) leave no blank holes.
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- the built-in templates --------------------------------------------------------------------------------------
_HEAD = "{{申请人}}：\n\n本机关于{{收到申请日期}}收到您提出的政府信息公开申请（受理编号：{{受理编号}}），申请获取“{{申请内容}}”。"

CORRECTION = (
    "政府信息公开申请补正告知书",
    _HEAD
    + "经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对以下事项作出补正：\n\n"
    "{{补正事项}}\n\n请您于{{补正期限}}前补正。答复期限自本机关收到补正的申请之日起计算。您无正当理由逾期不补正的，"
    "视为放弃申请，本机关不再处理该政府信息公开申请。\n\n联系方式：{{联系方式}}",
)
EXTENSION = (
    "政府信息公开申请延期答复告知书",
    "{{申请人}}：\n\n本机关于{{收到申请日期}}收到您提出的政府信息公开申请（受理编号：{{受理编号}}）。因{{延期理由}}，"
    "不能在规定期限内作出答复。经政府信息公开工作机构负责人同意，根据《中华人民共和国政府信息公开条例》第三十三条"
    "第二款的规定，答复期限延长{{延长天数}}个工作日，延长后的答复期限为{{答复期限}}。\n\n特此告知。\n\n联系方式：{{联系方式}}",
)
CONSULTATION = (
    "政府信息公开第三方意见征询函",
    "{{第三方名称}}：\n\n本机关于{{收到申请日期}}收到政府信息公开申请（受理编号：{{受理编号}}）。经审查，申请公开的政府信息"
    "可能涉及贵方的合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现就{{征求意见事项}}书面征求贵方意见，"
    "请于{{第三方答复期限}}前提出书面意见。逾期未提出意见的，由本机关依照条例的规定决定是否公开。\n\n联系方式：{{联系方式}}",
)
FEE = (
    "政府信息公开信息处理费收费通知书",
    "{{申请人}}：\n\n本机关于{{收到申请日期}}收到您提出的政府信息公开申请（受理编号：{{受理编号}}）。因您申请公开政府信息的"
    "数量、频次明显超过合理范围，根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》"
    "（国办函〔2020〕109号）的规定，本机关收取信息处理费，计算如下：\n\n{{收费明细}}\n\n请您于{{缴费期限}}前缴纳。"
    "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。收费通知发出至缴费期间不计算在答复期限内。"
    "\n\n联系方式：{{联系方式}}",
)
REPLY_BODY = (
    _HEAD
    + "经审查，现答复如下：\n\n{{答复结果说明}}\n\n{{答复内容}}\n\n根据{{法律依据}}的规定，特此告知。\n\n{{救济途径}}"
)
REPLY_TITLES = {
    "grant": "政府信息公开申请答复书（予以公开）",
    "partial": "政府信息部分公开告知书",
    "withhold": "政府信息不予公开告知书",
    "unable": "政府信息无法提供告知书",
    "decline": "政府信息公开申请不予处理告知书",
    "other": "政府信息公开申请处理告知书",
}
TERMINATION_BODY = (
    "{{申请人}}：\n\n本机关于{{收到申请日期}}收到您提出的政府信息公开申请（受理编号：{{受理编号}}）。"
    "{{答复结果说明}}\n\n根据{{法律依据}}的规定，特此告知。\n\n{{救济途径}}"
)


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    title: str
    body: str


def _kinds() -> dict[str, Kind]:
    kinds = {
        "correction": Kind("correction", "补正告知书", *CORRECTION),
        "extension": Kind("extension", "延期答复告知书", *EXTENSION),
        "consultation": Kind("consultation", "第三方意见征询函", *CONSULTATION),
        "fee": Kind("fee", "收费通知书", *FEE),
    }
    for outcome in fr.OUTCOMES:
        body = TERMINATION_BODY if outcome.closes_without_reply else REPLY_BODY
        title = (
            "政府信息公开申请终止处理告知书" if outcome.closes_without_reply else REPLY_TITLES[outcome.group]
        )
        kinds[f"reply_{outcome.code}"] = Kind(
            f"reply_{outcome.code}", f"答复告知书：{outcome.full_label}", title, body
        )
    return kinds


KINDS = _kinds()


def kind_for_reply(case) -> str:
    reply = _reply(case)
    code = reply.outcome if reply else case.outcome
    return f"reply_{code}" if code else ""


def template(kind: str) -> tuple[str, str, bool]:
    """(title, body, customised?) — the office's version if saved, else the built-in one."""
    from .models import LetterTemplate

    if kind not in KINDS:
        raise FoiError("未知的文书类型。", field="kind")
    tpl = LetterTemplate.objects.filter(kind=kind).first()
    if tpl:
        return tpl.title, tpl.body, True
    return KINDS[kind].title, KINDS[kind].body, False


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str
    signature: str
    seal_note: str


def render(kind: str, case, on: date | None = None) -> Rendered:
    title, body, _ = template(kind)
    profile = getattr(case.unit, "foi_profile", None)
    seal = profile.seal_note if profile else "（印章）"
    extra = {"救济途径": remedies(case, document_word(title))}
    return Rendered(title, fill(body, case, extra), _signature(case), seal)


# --- output ------------------------------------------------------------------------------------------------------
def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def to_docx(letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(16)  # 三号
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")

    def para(text, *, align=None, bold=False, size=None, indent=True, font=None):
        paragraph = doc.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(32)
        paragraph.paragraph_format.line_spacing = Pt(29)
        lines = text.split("\n")
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold = bold
            if size:
                run.font.size = Pt(size)
            if font:
                run.font.name = font
                run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
            if index < len(lines) - 1:
                run.add_break()
        return paragraph

    para(letter.signature, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=22, indent=False, font="黑体")
    para(letter.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=22, indent=False, font="黑体")
    para(letter.number, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    paragraphs = _paragraphs(letter.body)
    for index, text in enumerate(paragraphs):
        last = para(text, indent=index > 0)
    # The signature, seal and date stay on the page of the last paragraph (never alone on a new page).
    tail = [last, doc.add_paragraph(), para(letter.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)]
    if letter.seal_note:
        tail.append(para(letter.seal_note, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False))
    tail.append(para(_d(letter.dated), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False))
    for paragraph in tail:
        paragraph.paragraph_format.keep_together = True
    for paragraph in tail[:-1]:
        paragraph.paragraph_format.keep_with_next = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


PDF_CSS = """
@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm;
  @bottom-center { content: "— " counter(page) " —"; font-size: 12pt; } }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 16pt; line-height: 29pt; }
h1 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 20pt; text-align: center; margin: 0 0 .3em; line-height: 1.4; }
.number { text-align: right; margin-bottom: 1em; }
p { margin: 0; text-indent: 2em; white-space: pre-wrap; }
p.first { text-indent: 0; }
.tail { break-inside: avoid; page-break-inside: avoid; }
.sign { margin-top: 2.5em; text-align: right; }
.sign div { text-align: right; }
"""


def to_html(letter) -> str:
    escape = html.escape
    paras = [
        f'<p class="{"first" if i == 0 else ""}">{escape(p)}</p>'
        for i, p in enumerate(_paragraphs(letter.body))
    ]
    seal = f"<div>{escape(letter.seal_note)}</div>" if letter.seal_note else ""
    sign = f'<div class="sign"><div>{escape(letter.signature)}</div>{seal}<div>{_d(letter.dated)}</div></div>'
    # The last paragraph and the signature block break together (break-inside: avoid): the seal and date are
    # never alone on a page.
    body = "".join(paras[:-1]) + f'<div class="tail">{"".join(paras[-1:])}{sign}</div>'
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(letter.title)}</title>'
        f"<style>{PDF_CSS}</style></head><body>"
        f"<h1>{escape(letter.signature)}<br>{escape(letter.title)}</h1>"
        f'<div class="number">{escape(letter.number)}</div>{body}'
        "</body></html>"
    )


def to_pdf(letter) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(letter)).write_pdf()
