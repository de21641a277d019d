"""Each item's 保密审查单 prints as .docx and PDF: the five checks, reviewer, date, verdict (issue 12)."""

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.publishing import services

from .helpers import ALL_PASS

pytestmark = pytest.mark.django_db

CHECKS = {**ALL_PASS, "secrecy": (False, "附件名单含身份证号码，需脱敏。")}


def reviewed(w):
    pub = services.create_draft(
        w.town,
        actor=w.editor,
        title="城关镇2026年高龄补贴发放名单公示",
        body="<p>名单见附件。</p>",
        formed_date=timezone.localdate(),
        topic="民政、扶贫、救灾",
        doc_number="城政字〔2026〕9号",
        nodes=[],
    )
    from gongkai.publishing.models import CatalogNode

    pub.nodes.set([CatalogNode.objects.get(code="art20-11")])
    services.submit(pub, actor=w.editor)
    services.decide_review(
        pub, actor=w.reviewer, checks=CHECKS, verdict="returned", reason="请脱敏后重新提交。"
    )
    return pub, pub.reviews.get()


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_sheet_as_docx_and_pdf(client, world):
    w = world
    pub, review = reviewed(w)
    client.force_login(w.editor)
    detail = client.get(reverse("publishing:detail", args=[pub.pk])).content.decode()
    docx_url = reverse("publishing:review_sheet", args=[pub.pk, review.pk, "docx"])
    pdf_url = reverse("publishing:review_sheet", args=[pub.pk, review.pk, "pdf"])
    assert docx_url in detail and pdf_url in detail

    response = client.get(docx_url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    text = docx_text(response.content)
    for expected in (
        "政府信息公开保密审查单",
        pub.title,
        "城政字〔2026〕9号",
        "政治关",
        "法律关",
        "政策关",
        "保密关",
        "文字关",
        "附件名单含身份证号码，需脱敏。",
        "退回修改",
        "请脱敏后重新提交。",
        w.reviewer.display_name,
        w.editor.display_name,
        f"{timezone.localdate().year}年",
    ):
        assert expected in text, expected
    assert text.count("通过") >= 4 and "不通过" in text

    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True)
        pdf_text = out.stdout.decode()
        assert "保密审查单" in pdf_text and "保密关" in pdf_text and w.reviewer.display_name in pdf_text


def test_undecided_or_unknown_review_and_bad_format_are_404(client, world):
    w = world
    pub, review = reviewed(w)
    client.force_login(w.editor)
    assert client.get(reverse("publishing:review_sheet", args=[pub.pk, review.pk, "exe"])).status_code == 404
    assert (
        client.get(reverse("publishing:review_sheet", args=[pub.pk, review.pk + 99, "pdf"])).status_code
        == 404
    )
    services.submit(pub, actor=w.editor)
    services.start_review(pub, actor=w.reviewer)
    open_review = pub.reviews.filter(decided_at__isnull=True).get()
    assert (
        client.get(reverse("publishing:review_sheet", args=[pub.pk, open_review.pk, "pdf"])).status_code
        == 404
    )
    # Another unit's staff do not learn the item exists.
    client.force_login(w.dept_editor)
    assert client.get(reverse("publishing:review_sheet", args=[pub.pk, review.pk, "docx"])).status_code == 404
