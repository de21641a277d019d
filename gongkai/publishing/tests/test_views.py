"""Staff pages: scoping, the editor's flow through forms, the reviewer's form, catalogue spreadsheet round trip."""

import pytest
from django.urls import reverse

from gongkai.publishing import services
from gongkai.publishing.catalog_io import read_catalog_xlsx, write_catalog_xlsx
from gongkai.publishing.models import CatalogNode, Publication
from gongkai.publishing.vocab import FindingStatus, State

from .factories import FORMED, Upload, docx_bytes, id_number, subsidy_rows, xlsx_bytes


def _login(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_editor_of_unit_a_never_sees_unit_b_drafts(client, world):
    w = world
    mine = services.create_draft(w.town, actor=w.editor, title="城关镇草稿甲", body="<p>x</p>")
    theirs = services.create_draft(w.dept, actor=w.dept_editor, title="发改委内部草稿乙", body="<p>y</p>")
    _login(client, w.editor)
    page = client.get(reverse("publishing:list")).content.decode()
    assert mine.title in page and theirs.title not in page
    assert client.get(reverse("publishing:detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("publishing:submit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("publishing:detail", args=[mine.pk])).status_code == 200


@pytest.mark.django_db
def test_create_form_saves_sanitised_body_and_scans(client, world):
    w = world
    node = CatalogNode.objects.get(code="art20-11")
    _login(client, w.editor)
    pasted = (
        '<h1 class="MsoTitle">一、补贴标准</h1><p class="MsoNormal" style="color:red">联系人张三，电话13807991234</p>'
        "<table><tr><td>姓名</td><td>金额</td></tr></table><script>alert(1)</script>"
    )
    response = client.post(
        reverse("publishing:create"),
        {
            "unit": w.town.pk,
            "title": "关于发放补贴的公告",
            "body": pasted,
            "doc_number": "城政字（2026）3号",
            "topic": "农业、林业、水利",
            "formed_date": FORMED.isoformat(),
            "nodes": [str(node.pk)],
            "disclosure_mode": "active",
        },
    )
    assert response.status_code == 302
    pub = Publication.objects.get(title="关于发放补贴的公告")
    assert "<script" not in pub.body and "<h2>一、补贴标准</h2>" in pub.body and "<table>" in pub.body
    assert "style" not in pub.body and pub.doc_number == "城政字〔2026〕3号"
    assert pub.findings.filter(kind="mobile").exists()
    page = client.get(response["Location"]).content.decode()
    assert "手机号码" in page and "138****1234" in page


@pytest.mark.django_db
def test_upload_mask_review_publish_through_pages(client, world):
    w = world
    pub = services.create_draft(
        w.town,
        actor=w.editor,
        title="补贴名单公示",
        body="<p>名单见附件。</p>",
        formed_date=FORMED,
        topic="民政、扶贫、救灾",
        nodes=[CatalogNode.objects.get(code="art20-11")],
    )
    _login(client, w.editor)
    client.post(
        reverse("publishing:upload", args=[pub.pk]),
        {"file": Upload(xlsx_bytes(subsidy_rows(2)), "名单.xlsx")},
    )
    assert pub.findings.filter(status=FindingStatus.OPEN, severity="high").count() >= 2
    # A fake .xlsx is refused with a message, nothing stored.
    r = client.post(
        reverse("publishing:upload", args=[pub.pk]),
        {"file": Upload(b"<html>x</html>", "伪装.xlsx")},
        follow=True,
    )
    assert "内容不是 Excel 工作簿（实际是网页）" in r.content.decode() and pub.attachments.count() == 1
    client.post(reverse("publishing:mask", args=[pub.pk]))
    assert not pub.findings.filter(status=FindingStatus.OPEN, severity="high").exists()
    client.post(reverse("publishing:submit", args=[pub.pk]))
    pub.refresh_from_db()
    assert pub.state == State.SUBMITTED
    # The author, even holding the reviewer role elsewhere, is sent away; the unit's reviewer reviews.
    _login(client, w.reviewer)
    form = {f"{k}_result": "pass" for k in ("political", "legal", "policy", "secrecy", "wording")}
    form.update(verdict="approved", reason="", publish_now="on")
    r = client.post(reverse("publishing:review", args=[pub.pk]), form)
    assert r.status_code == 302
    pub.refresh_from_db()
    assert pub.state == State.PUBLISHED and pub.index_number
    review = pub.reviews.get()
    assert review.reviewer == w.reviewer and all(passed for _, _, passed, _ in review.checks())
    # The public gets the masked copy of the list.
    r = client.get(reverse("info:attachment", args=[pub.pk, pub.attachments.get().pk]))
    data = b"".join(r.streaming_content)
    assert id_number(seq="101").encode() not in data
    # Staff can still download the original.
    r = client.get(reverse("publishing:attachment_download", args=[pub.pk, pub.attachments.get().pk]))
    assert r.status_code == 200


@pytest.mark.django_db
def test_author_cannot_open_review_form(client, world):
    w = world
    pub = services.create_draft(
        w.town,
        actor=w.both,
        title="自审",
        body="<p>x</p>",
        formed_date=FORMED,
        topic="综合政务",
        nodes=[CatalogNode.objects.get(code="art20-01")],
    )
    services.submit(pub, actor=w.both)
    _login(client, w.both)
    r = client.post(reverse("publishing:review", args=[pub.pk]), {"verdict": "approved"}, follow=True)
    assert "起草人不能审查" in r.content.decode()
    pub.refresh_from_db()
    assert pub.state == State.SUBMITTED


@pytest.mark.django_db
def test_import_docx_as_new_item(client, world):
    w = world
    data = docx_bytes(
        ["各村（社区）：", "# 一、补贴对象", "- 承包耕地的农户", "- 种粮大户", "联系人：李四 13807995678"],
        table=[["姓名", "身份证号"], ["王五", id_number(seq="555")]],
        title="关于做好2026年耕地地力保护补贴工作的通知",
        doc_number="城政字[2026]12号",
        date_line="2026年3月2日",
    )
    _login(client, w.editor)
    r = client.post(reverse("publishing:import_docx"), {"unit": w.town.pk, "file": Upload(data, "通知.docx")})
    assert r.status_code == 302
    pub = Publication.objects.get()
    assert pub.title == "关于做好2026年耕地地力保护补贴工作的通知"
    assert pub.doc_number == "城政字〔2026〕12号" and pub.formed_date.isoformat() == "2026-03-02"
    assert (
        "<h2>一、补贴对象</h2>" in pub.body
        and "<li>承包耕地的农户</li>" in pub.body
        and "<table>" in pub.body
    )
    assert set(pub.findings.values_list("kind", flat=True)) >= {"id_number", "mobile"}


@pytest.mark.django_db
def test_catalog_xlsx_round_trip_and_unit_extension(client, world):
    w = world
    _login(client, w.editor)
    r = client.get(reverse("publishing:catalog_export") + f"?unit={w.town.pk}")
    rows = read_catalog_xlsx(r.content)
    names = {row["matter_l1"] for row in rows}
    assert "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况" in names
    assert "贯彻落实农业农村政策" in names and "市政建设" not in names  # township list, not the county one
    data = write_catalog_xlsx(
        "城关镇目录",
        [],
    )
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    ws.append(
        [
            1,
            "村务公开",
            "村级财务",
            "收支明细",
            "《村民委员会组织法》",
            "每季度",
            "各村委会",
            "公示栏（电子屏）",
            "全社会",
            "主动",
            "村级",
        ]
    )
    out = io.BytesIO()
    wb.save(out)
    r = client.post(
        reverse("publishing:catalog_import"),
        {"unit": str(w.town.pk), "file": Upload(out.getvalue(), "目录.xlsx")},
    )
    assert r.status_code == 302
    child = CatalogNode.objects.get(unit=w.town, name="村级财务")
    assert child.parent.name == "村务公开" and child.parent.unit == w.town and child.level == "村级"
    # Another unit's editor cannot see or import into this catalogue.
    _login(client, w.dept_editor)
    assert client.get(reverse("publishing:catalog") + f"?unit={w.town.pk}").status_code == 404
    assert client.get(reverse("publishing:catalog_node_edit", args=[child.pk])).status_code == 404
    # The template is the office's.
    template_node = CatalogNode.objects.get(code="art20-01")
    assert client.get(reverse("publishing:catalog_node_edit", args=[template_node.pk])).status_code == 403


@pytest.mark.django_db
def test_dashboard_cards(client, world):
    w = world
    services.create_draft(w.town, actor=w.editor, title="草稿一", body="<p>x</p>")
    pub = services.create_draft(
        w.town,
        actor=w.editor,
        title="待审一",
        body="<p>x</p>",
        formed_date=FORMED,
        topic="综合政务",
        nodes=[CatalogNode.objects.get(code="art20-01")],
    )
    services.submit(pub, actor=w.editor)
    _login(client, w.editor)
    page = client.get(reverse("workspace:dashboard")).content.decode()
    assert "我的草稿" in page and "超过20个工作日未公开" in page  # formed 2026-03-02, still not public
    _login(client, w.reviewer)
    page = client.get(reverse("workspace:dashboard")).content.decode()
    assert "待我审查" in page and "待审一" in page


@pytest.mark.django_db
def test_timeliness_and_cleanup_pages(client, world):
    w = world
    _login(client, w.office)
    assert client.get(reverse("publishing:timeliness")).status_code == 200
    assert client.get(reverse("publishing:cleanup")).status_code == 200
    assert client.get(reverse("publishing:rescan")).status_code == 200
    _login(client, w.editor)
    assert client.get(reverse("publishing:rescan")).status_code == 403


@pytest.mark.django_db
def test_catalog_export_never_writes_a_formula(client, world):
    import io

    from openpyxl import load_workbook

    payload = '=HYPERLINK("http://evil.example/","点击")'
    node = CatalogNode.objects.filter(unit__isnull=True, is_active=True).first()
    CatalogNode.objects.filter(pk=node.pk).update(name=payload)
    _login(client, world.editor)
    r = client.get(reverse("publishing:catalog_export") + f"?unit={world.town.pk}")
    sheet = load_workbook(io.BytesIO(r.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert any(isinstance(cell.value, str) and cell.value.startswith("'" + payload) for cell in cells)
