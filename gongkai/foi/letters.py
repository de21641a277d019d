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
from django.core.exceptions import ValidationError

from gongkai.core import foi_rules as fr
from gongkai.core import law

R = law.REGULATION

# --- what a template may use ----------------------------------------------------------------------------------


def _d(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "____年__月__日"


def _latest(qs):
    return qs.order_by("-id").first()


def remedies(req) -> str:
    from .models import FoiPolicy

    body = FoiPolicy.current().reconsideration_body or settings.GONGKAI_SITE_NAME
    return (
        f"如对本答复不服，可以自收到本告知书之日起{law.RECONSIDERATION.value}日内向{body}申请行政复议"
        f"（{law.RECONSIDERATION.basis}），或者自知道或者应当知道本行政行为之日起{law.LITIGATION.value}个月内"
        f"向人民法院提起行政诉讼（{law.LITIGATION.basis}）。"
    )


def _reply(req):
    from .models import Reply

    return _latest(req.replies.exclude(status=Reply.Status.WITHDRAWN))


def _outcome_text(req) -> str:
    reply = _reply(req)
    if reply is None:
        o = req.outcome_obj
        return o.explanation if o else ""
    o = reply.outcome_obj
    if reply.situation == "already_public":
        return f"您申请获取的政府信息已经主动公开，您可以通过以下方式、途径获取：{reply.published_where}。"
    if reply.situation == "other_body":
        contact = f"，联系方式：{reply.other_body_contact}" if reply.other_body_contact else ""
        return f"您申请获取的政府信息不属于本机关负责公开。负责公开该政府信息的行政机关为{reply.other_body}{contact}。"
    return o.explanation


def _basis(req) -> str:
    reply = _reply(req)
    if reply is not None and reply.situation:
        return fr.SITUATION_BY_CODE[reply.situation].basis
    o = reply.outcome_obj if reply else req.outcome_obj
    return o.basis if o else R


def _signature(req) -> str:
    profile = getattr(req.unit, "foi_profile", None)
    return (profile.signature if profile and profile.signature else "") or req.unit.name


def _contact(req) -> str:
    profile = getattr(req.unit, "foi_profile", None)
    if profile and profile.contact_line:
        return profile.contact_line
    parts = [
        p
        for p in (
            req.unit.phone and f"电话 {req.unit.phone}",
            req.unit.address and f"地址 {req.unit.address}",
        )
        if p
    ]
    return "，".join(parts) or "（请在单位依申请公开设置中填写联系人及电话）"


def _correction(req):
    return _latest(req.corrections.all())


def _extension(req):
    from .models import Extension

    return _latest(req.extensions.filter(status=Extension.Status.APPROVED)) or _latest(req.extensions.all())


def _consultation(req):
    return _latest(req.consultations.all())


def _fee(req):
    return _latest(req.fee_notices.all())


def _g(obj, attr, fmt: Callable = str, default="") -> str:
    value = getattr(obj, attr, None) if obj is not None else None
    return fmt(value) if value not in (None, "") else default


FIELDS: dict[str, tuple[str, Callable]] = {
    "申请人": ("申请人姓名或名称", lambda r: r.applicant_name),
    "受理编号": ("受理编号", lambda r: r.serial),
    "收到申请日期": ("收到申请之日", lambda r: _d(r.receipt_date)),
    "申请内容": ("所需信息的描述", lambda r: r.description.strip()),
    "文号": ("申请人提供的文号", lambda r: r.doc_number or "（未提供）"),
    "办理单位": ("办理单位全称", lambda r: r.unit.name),
    "答复期限": ("当前答复期限", lambda r: _d(r.due_date) if r.due_date else "（期限中止中）"),
    "联系方式": ("单位联系人及电话", _contact),
    "补正事项": ("需补正的事项", lambda r: _g(_correction(r), "items")),
    "补正期限": ("补正期限", lambda r: _g(_correction(r), "due_on", _d)),
    "延长天数": ("延长的工作日数", lambda r: _g(_extension(r), "days")),
    "延期理由": ("延期理由", lambda r: _g(_extension(r), "reason")),
    "第三方名称": ("征求意见对象", lambda r: _g(_consultation(r), "party_name")),
    "征求意见事项": ("征求意见事项", lambda r: _g(_consultation(r), "matter")),
    "第三方答复期限": ("第三方提出意见的期限", lambda r: _g(_consultation(r), "answer_due", _d)),
    "收费明细": ("收费计算明细", lambda r: "\n".join(_fee(r).lines) if _fee(r) else ""),
    "收费金额": ("收费金额（元）", lambda r: _g(_fee(r), "amount")),
    "缴费期限": ("缴费期限", lambda r: _g(_fee(r), "pay_by", _d)),
    "答复结果": (
        "答复结果",
        lambda r: (
            _reply(r).outcome_obj.full_label
            if _reply(r)
            else (r.outcome_obj.full_label if r.outcome_obj else "")
        ),
    ),
    "答复结果说明": ("答复结果的标准表述", _outcome_text),
    "答复内容": ("答复内容或理由", lambda r: _g(_reply(r), "content")),
    "法律依据": ("法律依据", _basis),
    "公开位置": ("已公开信息的位置", lambda r: _g(_reply(r), "published_where")),
    "负责机关": ("负责公开的机关", lambda r: _g(_reply(r), "other_body")),
    "救济途径": ("复议、诉讼救济途径", remedies),
}
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")


def validate(body: str) -> None:
    unknown = sorted({m.group(1) for m in PLACEHOLDER.finditer(body or "")} - set(FIELDS))
    if unknown:
        raise ValidationError(
            {
                "body": f"模板中有未知的字段：{'、'.join(unknown)}。可用字段：{'、'.join(FIELDS)}（写作 {{{{字段名}}}}）。"
            }
        )
    if not (body or "").strip():
        raise ValidationError({"body": "正文不能为空。"})


def fill(body: str, req) -> str:
    cache: dict[str, str] = {}

    def sub(m):
        name = m.group(1)
        if name not in cache:
            cache[name] = FIELDS[name][1](req) if name in FIELDS else m.group(0)
        return cache[name]

    text = PLACEHOLDER.sub(sub, body)
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
    for o in fr.OUTCOMES:
        body = TERMINATION_BODY if o.closes_without_reply else REPLY_BODY
        title = "政府信息公开申请终止处理告知书" if o.closes_without_reply else REPLY_TITLES[o.group]
        kinds[f"reply_{o.code}"] = Kind(f"reply_{o.code}", f"答复告知书：{o.full_label}", title, body)
    return kinds


KINDS = _kinds()


def kind_for_reply(req) -> str:
    reply = _reply(req)
    code = reply.outcome if reply else req.outcome
    return f"reply_{code}" if code else ""


def template(kind: str) -> tuple[str, str, bool]:
    """(title, body, customised?) — the office's version if saved, else the built-in one."""
    from .models import LetterTemplate

    if kind not in KINDS:
        raise ValidationError("未知的文书类型。")
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


def render(kind: str, req, on: date | None = None) -> Rendered:
    title, body, _ = template(kind)
    profile = getattr(req.unit, "foi_profile", None)
    seal = profile.seal_note if profile else "（印章）"
    return Rendered(title, fill(body, req), _signature(req), seal)


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
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)
        p.paragraph_format.line_spacing = Pt(29)
        lines = text.split("\n")
        for i, line in enumerate(lines):
            run = p.add_run(line)
            run.bold = bold
            if size:
                run.font.size = Pt(size)
            if font:
                run.font.name = font
                run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
            if i < len(lines) - 1:
                run.add_break()
        return p

    para(letter.signature, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=22, indent=False, font="黑体")
    para(letter.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=22, indent=False, font="黑体")
    para(letter.number, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    for i, text in enumerate(_paragraphs(letter.body)):
        para(text, indent=i > 0)
    doc.add_paragraph()
    para(letter.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    if letter.seal_note:
        para(letter.seal_note, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para(_d(letter.dated), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
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
.sign { margin-top: 2.5em; text-align: right; }
.sign div { text-align: right; }
"""


def to_html(letter) -> str:
    e = html.escape
    paras = _paragraphs(letter.body)
    body = "".join(f'<p class="{"first" if i == 0 else ""}">{e(p)}</p>' for i, p in enumerate(paras))
    seal = f"<div>{e(letter.seal_note)}</div>" if letter.seal_note else ""
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(letter.title)}</title>'
        f"<style>{PDF_CSS}</style></head><body>"
        f"<h1>{e(letter.signature)}<br>{e(letter.title)}</h1>"
        f'<div class="number">{e(letter.number)}</div>{body}'
        f'<div class="sign"><div>{e(letter.signature)}</div>{seal}<div>{_d(letter.dated)}</div></div>'
        "</body></html>"
    )


def to_pdf(letter) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(letter)).write_pdf()
