"""The registers' pages: lists scoped and filtered, exports formula-escaped, creation through the forms, another
unit's rows answering 404 for reads and writes, downloads private and typed by content."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.registers import services
from gongkai.registers.models import Submission, SupervisionRecord, Training

from .factories import Upload, docx_bytes, supervision, training

pytestmark = pytest.mark.django_db


def _sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_every_list_and_the_overview_render_for_the_office(world, client):
    training(world)
    supervision(world)
    client.force_login(world.office)
    for name in ("index", "trainings", "hearings", "evaluations", "articles", "cases", "supervision_list"):
        response = client.get(reverse(f"registers:{name}"))
        assert response.status_code == 200, name
    body = client.get(reverse("registers:index")).content.decode()
    assert world.town.name in body and "要求2" in body


def test_list_scoped_to_own_units_and_filtered(world, client):
    training(world, topic="城关镇三月培训", held_on=date(2026, 3, 1))
    training(world, topic="城关镇九月培训", held_on=date(2026, 9, 1), form="online")
    training(world, world.dept, topic="发改委内部培训")
    client.force_login(world.editor)
    body = client.get(reverse("registers:trainings")).content.decode()
    assert "城关镇三月培训" in body and "城关镇九月培训" in body and "发改委内部培训" not in body
    body = client.get(reverse("registers:trainings"), {"date_from": "2026-06-01"}).content.decode()
    assert "城关镇三月培训" not in body and "城关镇九月培训" in body
    body = client.get(reverse("registers:trainings"), {"kind": "online"}).content.decode()
    assert "城关镇三月培训" not in body and "城关镇九月培训" in body
    # Asking for another unit's rows by its id shows nothing of it.
    body = client.get(reverse("registers:trainings"), {"unit": world.dept.pk}).content.decode()
    assert "发改委内部培训" not in body
    # Hostile query values are treated as absent, never a 500.
    for bad in ("²", "\x00", "9" * 30, "x" * 5000):
        assert (
            client.get(reverse("registers:trainings"), {"unit": bad, "date_from": bad, "q": bad}).status_code
            == 200
        )


def test_export_is_formula_escaped_and_scoped(world, client):
    training(world, topic='=HYPERLINK("http://evil.example","点我")', trainer="+cmd|' /C calc'!A0")
    training(world, world.dept, topic="发改委内部培训")
    client.force_login(world.editor)
    response = client.get(reverse("registers:trainings_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(_sheet(response).iter_rows(values_only=True))
    assert rows[0][:3] == ("培训日期", "组织单位", "培训主题")
    assert len(rows) == 2
    assert rows[1][2] == '\'=HYPERLINK("http://evil.example","点我")' and rows[1][4].startswith("'+")
    assert rows[1][5] == 10


def test_other_units_training_is_404_for_reads_and_writes(world, client):
    t = training(world, world.dept, materials=[Upload("课件.docx", docx_bytes())])
    client.force_login(world.editor)
    assert client.get(reverse("registers:training", args=[t.pk])).status_code == 404
    assert client.get(reverse("registers:material", args=[t.materials.get().pk])).status_code == 404
    response = client.post(
        reverse("registers:training_material", args=[t.pk]),
        {"file": Upload("x.docx", docx_bytes())},
    )
    assert response.status_code == 404
    assert client.post(reverse("registers:training_link", args=[t.pk]), {"task": 1}).status_code == 404
    assert t.materials.count() == 1


def test_create_training_through_the_form(world, client):
    client.force_login(world.editor)
    data = {
        "unit": world.town.pk,
        "held_on": "2026-04-01",
        "topic": "表单登记的培训",
        "form": "special",
        "trainer": "曾丽萍",
        "note": "",
        "att-TOTAL_FORMS": "5",
        "att-INITIAL_FORMS": "0",
        "att-MIN_NUM_FORMS": "0",
        "att-MAX_NUM_FORMS": "200",
        "att-0-unit": world.town.pk,
        "att-0-count": "20",
        "att-1-unit": world.dept.pk,
        "att-1-count": "2",
        "att-1-names": "李明、赵雪梅",
        "material": Upload("课件.docx", docx_bytes()),
    }
    response = client.post(reverse("registers:training_new"), data)
    t = Training.objects.get()
    assert response.status_code == 302 and response["Location"] == t.get_absolute_url()
    assert t.attendee_total == 22 and t.materials.count() == 1
    # Recording for another unit through a forged POST is refused by the form (not one of the user's units).
    data["unit"] = world.dept.pk
    data["topic"] = "冒充发改委"
    response = client.post(reverse("registers:training_new"), data)
    assert response.status_code == 200 and not Training.objects.filter(topic="冒充发改委").exists()


def test_material_download_is_an_attachment_typed_by_content(world, client):
    t = training(world, materials=[Upload("课件.docx", docx_bytes())])
    client.force_login(world.editor)
    response = client.get(reverse("registers:material", args=[t.materials.get().pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessing")
    assert response["X-Content-Type-Options"] == "nosniff" and "attachment" in response["Content-Disposition"]


def test_supervision_issue_office_only_and_rectify_by_the_unit(world, client):
    client.force_login(world.editor)
    assert client.get(reverse("registers:supervision_new")).status_code == 403
    client.force_login(world.office)
    response = client.post(
        reverse("registers:supervision_new"),
        {
            "unit": world.town.pk,
            "kind": "criticism",
            "issued_on": "2026-03-06",
            "issuer": "县人民政府办公室",
            "document": "",
            "findings": "网站栏目长期未更新",
            "rectify_workdays": "5",
        },
    )
    record = SupervisionRecord.objects.get()
    assert response.status_code == 302 and record.due_on == date(2026, 3, 13)
    body = client.get(reverse("registers:supervision_list"), {"state": "overdue"}).content.decode()
    assert "逾期未整改" in body
    client.force_login(world.dept_editor)
    url = reverse("registers:supervision", args=[record.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"completed_on": "2026-03-10", "note": "x"}).status_code == 404
    client.force_login(world.editor)
    response = client.post(url, {"completed_on": "2026-03-10", "note": "已更新栏目"})
    record.refresh_from_db()
    assert response.status_code == 302 and record.completed_on == date(2026, 3, 10)


def test_adopt_page_and_cross_unit(world, client):
    s = services.record_submission(
        world.dept,
        actor=world.dept_editor,
        kind="info",
        title="发改信息",
        outlet="市政务信息",
        submitted_on=date(2026, 3, 1),
    )
    client.force_login(world.editor)
    url = reverse("registers:article_adopt", args=[s.pk])
    assert client.post(url, {"adopted_on": "2026-03-05"}).status_code == 404
    client.force_login(world.dept_editor)
    assert client.post(url, {"adopted_on": "2026-03-05"}).status_code == 302
    assert Submission.objects.get().adopted


def test_evaluation_form_records_on_a_policy(world, client):
    from gongkai.policies.tests.factories import make_document

    doc = make_document(world)
    client.force_login(world.editor)
    response = client.get(reverse("registers:evaluation_new"))
    assert response.status_code == 200 and doc.publication.title in response.content.decode()
    response = client.post(
        reverse("registers:evaluation_new"),
        {
            "unit": world.town.pk,
            "policy": doc.pk,
            "done_on": "2026-05-01",
            "results": "补贴按时足额发放",
            "methods": ["survey", "data"],
            "findings": "继续执行",
            "conclusion": "continue",
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "问卷调查、数据分析" in detail and "继续执行" in detail


def test_other_units_minutes_evaluation_and_case_stay_hidden(world, client):
    from gongkai.registers.models import Evaluation

    h = services.record_hearing(
        world.dept,
        actor=world.dept_editor,
        kind="report",
        meeting="党组会",
        held_on=date(2026, 4, 1),
        leaders="主任",
        topics="发改委内部议题",
        minutes=Upload("纪要.docx", docx_bytes("内部纪要")),
    )
    e = Evaluation.objects.create(
        unit=world.dept,
        subject_title="发改委内部评价",
        done_on=date(2026, 4, 2),
        methods=["data"],
        findings="x",
        conclusion="continue",
    )
    services.record_case(
        world.dept,
        actor=world.dept_editor,
        title="发改委案例",
        level="city",
        issuer="市",
        recognised_on=date(2026, 4, 3),
    )
    client.force_login(world.editor)
    assert client.get(reverse("registers:hearing_minutes", args=[h.pk])).status_code == 404
    assert client.get(reverse("registers:evaluation", args=[e.pk])).status_code == 404
    for name in ("hearings", "evaluations", "cases"):
        body = client.get(reverse(f"registers:{name}")).content.decode()
        assert "发改委内部" not in body and "发改委案例" not in body
        rows = list(_sheet(client.get(reverse(f"registers:{name}_xlsx"))).iter_rows(values_only=True))
        assert len(rows) == 1, name
    client.force_login(world.dept_editor)
    response = client.get(reverse("registers:hearing_minutes", args=[h.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]


def test_dashboard_card_lists_overdue_rectifications_of_own_units(world, client):
    from gongkai.registers.cards import register_cards

    supervision(world, issued_on=date(2026, 3, 6), days=5)
    supervision(world, world.dept, issued_on=date(2026, 3, 6), days=5)
    cards = register_cards(world.editor, today=date(2026, 3, 16))
    assert len(cards) == 1 and cards[0].count == 1
    assert register_cards(world.editor, today=date(2026, 3, 13)) == []
    assert register_cards(world.office, today=date(2026, 3, 16))[0].count == 2
