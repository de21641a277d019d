"""The staff pages through the test client: upload → review → fix → publish → unit reports → office sees it."""

import io

import pytest
from django.urls import reverse

from gongkai.orgs.models import Unit
from gongkai.workplan import services
from gongkai.workplan.models import ProgressReport, Task, WorkPlan

from .conftest import XINGGUO

pytestmark = pytest.mark.django_db


def _upload(client):
    with XINGGUO.open("rb") as fh:
        return client.post(reverse("workplan:import"), {"file": fh, "cycle": "monthly"})


def test_full_flow(client, office, fgw_editor, zrzy_editor):
    client.force_login(office)
    response = _upload(client)
    plan = WorkPlan.objects.get()
    assert response.status_code == 302 and response.url == reverse("workplan:plan", args=[plan.pk])
    page = client.get(response.url).content.decode()
    assert "聚焦高质量发展推动信息公开" in page and "需要指定的单位名称" in page and "县政府有关部门" in page
    assert "原文标注" in page
    # Fix 县政府有关部门 → 县财政局 for the whole plan.
    czj = Unit.objects.get(name="示范县财政局")
    response = client.post(
        reverse("workplan:assign", args=[plan.pk]), {"name": "县政府有关部门", "units": [czj.pk]}
    )
    assert response.status_code == 302
    zfb = Unit.objects.get(name="示范县人民政府办公室")
    for orphan in Task.objects.filter(plan=plan, task_units__isnull=True):
        response = client.post(
            reverse("workplan:task_edit", args=[orphan.pk]), {"action": "units", "lead": [zfb.pk]}
        )
        assert response.status_code == 302
    response = client.post(reverse("workplan:publish", args=[plan.pk]), {"cycle": "monthly"})
    assert response.status_code == 302 and response.url == reverse("workplan:dashboard", args=[plan.pk])
    # The 发改委 editor sees its tasks and reports on one.
    client.force_login(fgw_editor)
    mine = client.get(reverse("workplan:mine")).content.decode()
    task = Task.objects.filter(plan=plan, task_units__unit__name="示范县发展和改革委员会").first()
    assert task.text[:20] in mine
    fgw = Unit.objects.get(name="示范县发展和改革委员会")
    response = client.post(
        reverse("workplan:progress", args=[task.pk]),
        {
            "unit": fgw.pk,
            "text": "已在门户网站开设专栏",
            "percent": 40,
            "evidence_link": "https://www.shifan.gov.cn/zl/",
        },
    )
    assert response.status_code == 302
    # Another unit's staff: the task and its progress form answer 404 (URL tampering).
    client.force_login(zrzy_editor)
    if not task.task_units.filter(unit__name="示范县自然资源局").exists():
        assert client.get(reverse("workplan:task", args=[task.pk])).status_code == 404
        response = client.post(
            reverse("workplan:progress", args=[task.pk]), {"unit": fgw.pk, "text": "x", "percent": 1}
        )
        assert response.status_code == 404
        assert client.get(reverse("workplan:plan", args=[plan.pk])).status_code == 403
    assert ProgressReport.objects.count() == 1
    # The office sees it.
    client.force_login(office)
    detail = client.get(reverse("workplan:task", args=[task.pk])).content.decode()
    assert "已在门户网站开设专栏" in detail and "40%" in detail
    dash = client.get(reverse("workplan:dashboard", args=[plan.pk])).content.decode()
    assert "示范县发展和改革委员会" in dash and "加权总体进度" in dash
    assert "年度落实情况摘要" in dash and "县发改委已在门户网站开设专栏" in dash
    cards = client.get(reverse("workspace:dashboard")).content.decode()
    assert cards  # the dashboard renders with the workplan provider registered


def test_upload_errors_are_shown(client, office):
    client.force_login(office)
    bad = io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    bad.name = "要点.doc"
    page = client.post(reverse("workplan:import"), {"file": bad, "cycle": "monthly"}).content.decode()
    assert "无法识别的旧版 Office 文件" in page and not WorkPlan.objects.exists()
    page = client.post(reverse("workplan:import"), {"cycle": "monthly"}).content.decode()
    assert "请选择要导入的文件" in page


def test_evidence_download_scoped(client, office, fgw_editor, zrzy_editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = services.import_document(actor=office, data=XINGGUO.read_bytes(), filename="x.txt")
    services.assign_name(
        plan, actor=office, name="县政府有关部门", units=[Unit.objects.get(name="示范县财政局")]
    )
    services.publish(plan, actor=office)
    fgw = Unit.objects.get(name="示范县发展和改革委员会")
    task = (
        Task.objects.filter(plan=plan, task_units__unit=fgw)
        .exclude(task_units__unit__name="示范县自然资源局")
        .first()
    )
    pdf = SimpleUploadedFile("材料.pdf", b"%PDF-1.4 hello")
    report = services.report_progress(task, unit=fgw, actor=fgw_editor, text="完成", percent=50, evidence=pdf)
    client.force_login(fgw_editor)
    response = client.get(reverse("workplan:evidence", args=[report.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(zrzy_editor)
    assert client.get(reverse("workplan:evidence", args=[report.pk])).status_code == 404


def test_item_units_for_a_document_without_annotations(client, office):
    from gongkai.workplan.models import PlanItem

    data = (XINGGUO.parent / "xingguo_2024.txt").read_text(encoding="utf-8")
    # Strip every 〔…〕 annotation: the 高唐 case (no units in the text).
    import re

    bare = re.sub(r"〔(责任单位|牵头单位)[^〕]*〕", "", data)
    plan = services.import_document(actor=office, text=bare)
    assert Task.objects.filter(plan=plan, task_units__isnull=True).count() == plan.tasks.count()
    client.force_login(office)
    page = client.get(reverse("workplan:plan", args=[plan.pk])).content.decode()
    assert "原文未标注责任单位" in page
    item = PlanItem.objects.filter(plan=plan).order_by("order").first()
    zfb = Unit.objects.get(name="示范县人民政府办公室")
    czj = Unit.objects.get(name="示范县财政局")
    response = client.post(
        reverse("workplan:item_units", args=[item.pk]), {"lead": [zfb.pk], "responsible": [czj.pk]}
    )
    assert response.status_code == 302
    for task in item.tasks.all():
        assert set(task.task_units.values_list("unit__name", "role")) == {
            ("示范县人民政府办公室", "lead"),
            ("示范县财政局", "responsible"),
        }


def test_plan_metadata_can_be_corrected(client, office):
    from datetime import date

    from gongkai.audit.models import AuditEvent
    from gongkai.workplan.tests.conftest import FENGCHENG

    plan = services.import_document(actor=office, data=FENGCHENG.read_bytes(), filename="fc.txt")
    assert plan.date is None  # 丰城 has no signature date in the text
    client.force_login(office)
    response = client.post(
        reverse("workplan:plan_edit", args=[plan.pk]),
        {
            "title": plan.title,
            "issuer": "丰城市人民政府办公室",
            "doc_number": plan.doc_number,
            "date": "2023-04-18",
            "year": 2023,
            "cycle": "quarterly",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.date == date(2023, 4, 18) and plan.cycle == "quarterly"
    assert AuditEvent.objects.filter(action="workplan.plan_changed", object_id=str(plan.pk)).exists()
    page = client.post(
        reverse("workplan:plan_edit", args=[plan.pk]), {"title": " ", "year": 2023, "cycle": "monthly"}
    )
    assert page.status_code == 200 and "标题" in page.content.decode()


def test_html_evidence_starting_with_pdf_is_private_and_never_html(client, office, fgw_editor, settings):
    """Issue 11 item 9: an ``.html`` beginning with ``%PDF-`` kept its extension and lay under /media/."""
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = services.import_document(actor=office, data=XINGGUO.read_bytes(), filename="x.txt")
    services.assign_name(
        plan, actor=office, name="县政府有关部门", units=[Unit.objects.get(name="示范县财政局")]
    )
    services.publish(plan, actor=office)
    fgw = Unit.objects.get(name="示范县发展和改革委员会")
    task = Task.objects.filter(plan=plan, task_units__unit=fgw).first()
    payload = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>"
    upload = SimpleUploadedFile("report.html", payload, content_type="text/html")
    report = services.report_progress(
        task, unit=fgw, actor=fgw_editor, text="完成", percent=50, evidence=upload
    )
    assert report.evidence_file.name.endswith(".pdf") and report.evidence_name == "report.pdf"
    stored = Path(report.evidence_file.path).resolve()
    assert stored.is_relative_to(Path(settings.GONGKAI_PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):
        report.evidence_file.url  # noqa: B018 - no public address exists
    plan.refresh_from_db()
    assert (
        Path(plan.source_file.path)
        .resolve()
        .is_relative_to(Path(settings.GONGKAI_PRIVATE_MEDIA_ROOT).resolve())
    )
    url = reverse("workplan:evidence", args=[report.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert client.get("/media/" + report.evidence_file.name).status_code == 404
    client.force_login(fgw_editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and "html" not in response["Content-Type"]
    assert (
        response["Content-Disposition"].startswith("attachment")
        and "report.pdf" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    # A zip that is no Word/Excel file, and HTML, are refused.
    for name, data, message in (
        ("a.docx", b"PK\x03\x04junk", "已损坏"),
        ("b.pdf", b"<html>x</html>", "网页"),
    ):
        with pytest.raises(services.WorkPlanError, match=message):
            services.report_progress(
                task,
                unit=fgw,
                actor=fgw_editor,
                text="再报",
                percent=60,
                evidence=SimpleUploadedFile(name, data),
            )
