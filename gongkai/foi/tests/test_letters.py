"""Letters from the templates, with the legal basis and remedies, to .docx and PDF (text checked)."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pdfplumber
import pytest
from docx import Document

from gongkai.foi import letters, services
from gongkai.foi.errors import FoiError

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def replied(county, today):
    today(D(2026, 10, 20))
    case = services.submit_online(
        county.lawyer, unit=county.zrzy, now=datetime(2026, 9, 28, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    ).case
    services.update_unit_profile(
        county.zrzy,
        actor=county.admin,
        signature="示范县自然资源局",
        seal_note="（示范县自然资源局政府信息公开专用章）",
    )
    reply = services.draft_reply(
        case,
        actor=county.officer,
        outcome="partial",
        content="征收补偿标准予以公开；协议中的商业条款不予公开。",
        on=D(2026, 10, 16),
    )
    services.countersign(reply, actor=county.legal, approve=True, comments="同意", on=D(2026, 10, 19))
    services.send_reply(reply, actor=county.officer, on=D(2026, 10, 19))
    case.refresh_from_db()
    return case


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_reply_letter_has_basis_and_remedies(county, replied):
    letter = services.generate_letter(replied, actor=county.officer, kind="reply_partial", on=D(2026, 10, 19))
    assert letter.title == "政府信息部分公开告知书"
    assert "示范县正衡律师事务所：" in letter.body
    assert "2026年9月28日收到您提出的政府信息公开申请" in letter.body
    assert "第三十七条" in letter.body  # the legal ground
    assert "60日内" in letter.body and "6个月内" in letter.body  # remedies
    assert letter.seal_note == "（示范县自然资源局政府信息公开专用章）"
    text = docx_text(letters.to_docx(letter))
    for expected in (
        "政府信息部分公开告知书",
        "第三十七条",
        "60日内",
        "示范县自然资源局政府信息公开专用章",
        "2026年10月19日",
    ):
        assert expected in text, expected
    with pdfplumber.open(io.BytesIO(letters.to_pdf(letter))) as pdf:
        pdf_text = "".join(page.extract_text() or "" for page in pdf.pages).replace(" ", "").replace("\n", "")
    for expected in ("政府信息部分公开告知书", "第三十七条", "行政复议", "示范县正衡律师事务所"):
        assert expected in pdf_text, expected


def test_every_kind_renders_without_placeholders(county, replied):
    for kind in letters.KINDS:
        rendered = letters.render(kind, replied)
        assert "{{" not in rendered.body, kind
        assert rendered.body.strip(), kind


def test_situation_letters_say_where_or_who(county, today):
    today(D(2026, 10, 20))
    case = services.submit_online(county.lawyer, unit=county.zrzy).case
    services.draft_reply(
        case,
        actor=county.officer,
        outcome="unable_not_held",
        content="",
        situation="other_body",
        other_body="示范县住房和城乡建设局",
        other_body_contact="0799-6200012",
        on=D(2026, 10, 20),
    )
    body = letters.render("reply_unable_not_held", case).body
    assert "不属于本机关负责公开" in body and "示范县住房和城乡建设局" in body and "0799-6200012" in body
    assert "第三十六条第（五）项" in body


def test_office_template_is_used_and_validated(county, replied):
    with pytest.raises(FoiError, match="未知的字段"):
        services.save_template("reply_partial", actor=county.admin, title="告知书", body="{{申请人}}{{密码}}")
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied for a unit officer
        services.save_template("reply_partial", actor=county.officer, title="告知书", body="{{申请人}}")
    services.save_template(
        "reply_partial",
        actor=county.admin,
        title="部分公开告知书（县定格式）",
        body="{{申请人}}：\n\n{{答复结果说明}}\n\n{{救济途径}}",
    )
    letter = services.generate_letter(replied, actor=county.officer, kind="reply_partial")
    assert letter.title == "部分公开告知书（县定格式）" and letter.body.startswith("示范县正衡律师事务所：")
    services.reset_template("reply_partial", actor=county.admin)
    assert letters.template("reply_partial")[2] is False


def _granted(county, today, description):
    from .conftest import person

    today(D(2026, 10, 20))
    case = services.submit_online(
        person(description=description),
        unit=county.zrzy,
        now=datetime(2026, 10, 9, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    ).case
    reply = services.draft_reply(case, actor=county.officer, outcome="grant", on=D(2026, 10, 19))
    services.send_reply(reply, actor=county.officer, on=D(2026, 10, 19))
    return services.generate_letter(case, actor=county.officer, kind="reply_grant", on=D(2026, 10, 19))


def test_the_grant_letter_is_an_answer_citing_item_two_and_quotes_the_request_once(county, today):
    letter = _granted(county, today, "请公开“2025年度东山镇农村低保对象审批结果”。")
    assert letter.title.endswith("答复书（予以公开）")
    assert "本答复书" in letter.body and "本告知书" not in letter.body
    assert "第三十六条第（二）项" in letter.body and "第（一）项" not in letter.body
    assert "申请获取“2025年度东山镇农村低保对象审批结果”。" in letter.body
    assert "“请公开" not in letter.body and "““" not in letter.body


def test_a_refusal_letter_still_calls_itself_a_notice(county, replied):
    letter = services.generate_letter(replied, actor=county.officer, kind="reply_partial", on=D(2026, 10, 19))
    assert letter.title.endswith("告知书") and "本告知书" in letter.body


@pytest.mark.parametrize("paragraphs", [18, 32])
def test_the_signature_stays_with_the_last_paragraph(paragraphs):
    """Bodies whose signature block used to fall alone on the next page (found by rendering lengths 10–40)."""
    from types import SimpleNamespace

    last = "如对本答复不服，可以自收到本答复书之日起60日内向示范县人民政府申请行政复议。"
    body = "赵德柱：\n\n" + "\n\n".join(
        ["本机关收到您的申请，经审查现答复如下，相关信息予以公开。" * 2] * paragraphs
    )
    letter = SimpleNamespace(
        title="政府信息公开申请答复书（予以公开）",
        signature="示范县自然资源局",
        seal_note="（示范县自然资源局政府信息公开专用章）",
        number="示范县自然资源局依申请〔2026〕1号",
        body=body + "\n\n" + last,
        dated=D(2026, 10, 19),
    )
    with pdfplumber.open(io.BytesIO(letters.to_pdf(letter))) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert len(pages) > 1
    signed = [text for text in pages if "2026年10月19日" in text]
    assert len(signed) == 1 and "如对本答复不服" in signed[0] and "专用章" in signed[0]
    document = Document(io.BytesIO(letters.to_docx(letter)))
    texts = [p.text for p in document.paragraphs]
    at = texts.index(last)
    assert all(p.paragraph_format.keep_with_next for p in document.paragraphs[at:-1])
