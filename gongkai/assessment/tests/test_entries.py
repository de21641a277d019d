"""Manual points: evidence required, hostile files refused, the second person's confirmation, unit scoping of
entries and evidence (reads and writes)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.assessment import services
from gongkai.assessment.errors import AssessmentError
from gongkai.assessment.models import Entry

from .fixtures import pdf, quarter, scheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    s = scheme()
    manual = services.add_indicator(s, actor=None, group="platform", name="专栏规范", kind="manual", points=6)
    veto = services.add_indicator(s, actor=None, group="active", name="泄密", kind="veto")
    return s, quarter(s), manual, veto


def test_manual_points_need_evidence_and_a_reason(world, setup):
    _, q1, manual, _ = setup
    with pytest.raises(AssessmentError, match="佐证材料或填写佐证链接") as exc:
        services.enter(q1, actor=world.office, unit=world.town, indicator=manual, points=5, reason="专栏齐全")
    assert exc.value.field == "evidence"
    with pytest.raises(AssessmentError, match="理由"):
        services.enter(
            q1, actor=world.office, unit=world.town, indicator=manual, points=5, reason=" ", evidence=pdf()
        )
    with pytest.raises(AssessmentError, match="不能超过该指标的分值6"):
        services.enter(
            q1, actor=world.office, unit=world.town, indicator=manual, points=7, reason="x", evidence=pdf()
        )
    assert not Entry.objects.exists()


def test_hostile_and_big_evidence_files_are_refused(world, setup, settings):
    _, q1, manual, _ = setup
    html = SimpleUploadedFile("佐证.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    with pytest.raises(AssessmentError) as exc:
        services.enter(
            q1, actor=world.office, unit=world.town, indicator=manual, points=5, reason="x", evidence=html
        )
    assert exc.value.field == "evidence"
    big = SimpleUploadedFile(
        "大.pdf", b"%PDF-1.4\n" + b"0" * (services.EVIDENCE_MAX_BYTES + 10), "application/pdf"
    )
    with pytest.raises(AssessmentError, match="20") as exc:
        services.enter(
            q1, actor=world.office, unit=world.town, indicator=manual, points=5, reason="x", evidence=big
        )
    assert not Entry.objects.exists()


def test_confirmation_by_a_second_person_only(world, setup):
    _, q1, manual, _ = setup
    entry = services.enter(
        q1, actor=world.office, unit=world.town, indicator=manual, points=5, reason="x", evidence=pdf()
    )
    assert entry.evidence_sha256 and entry.evidence_name == "佐证.pdf"
    with pytest.raises(AssessmentError, match="录入人不能确认"):
        services.confirm(entry, actor=world.office)
    with pytest.raises(AssessmentError, match="另一人确认"):
        services.confirm(entry, actor=world.town_leader)  # not the office
    services.confirm(entry, actor=world.office2)
    entry.refresh_from_db()
    assert entry.confirmed_by == world.office2
    with pytest.raises(AssessmentError, match="已确认"):
        services.confirm(entry, actor=world.office2)


def test_a_unit_self_assesses_its_own_manual_points_only(world, setup):
    _, q1, manual, veto = setup
    own = services.enter(
        q1, actor=world.editor, unit=world.town, indicator=manual, points=6, reason="自评", evidence=pdf()
    )
    assert own.unit == world.town
    with pytest.raises(AssessmentError, match="只能为本单位"):
        services.enter(
            q1, actor=world.editor, unit=world.dept, indicator=manual, points=6, reason="x", evidence=pdf()
        )
    with pytest.raises(AssessmentError, match="政务公开办录入"):
        services.enter(q1, actor=world.editor, unit=world.town, indicator=veto, reason="x", evidence=pdf())
    assert Entry.objects.count() == 1


def test_another_units_scores_and_evidence_answer_404(world, setup, client):
    _, q1, manual, _ = setup
    dept_entry = services.enter(
        q1,
        actor=world.office,
        unit=world.dept,
        indicator=manual,
        points=4,
        reason="发改委佐证说明XYZ",
        evidence=pdf(),
    )
    services.compute_period(q1, actor=None)
    client.force_login(world.editor)  # 城关镇
    assert client.get(reverse("assessment:period_unit", args=[q1.pk, world.dept.pk])).status_code == 404
    assert client.get(reverse("assessment:entry_evidence", args=[dept_entry.pk])).status_code == 404
    response = client.post(
        reverse("assessment:entry_new", args=[q1.pk, world.dept.pk]),
        {"indicator": manual.pk, "points": 6, "reason": "越权", "evidence_link": "https://example.gov.cn/"},
    )
    assert response.status_code == 404 and Entry.objects.count() == 1
    assert client.post(reverse("assessment:entry_confirm", args=[dept_entry.pk])).status_code == 404
    period_page = client.get(reverse("assessment:period", args=[q1.pk])).content.decode()
    assert world.town.name in period_page and world.dept.name not in period_page
    own = client.get(reverse("assessment:period_unit", args=[q1.pk, world.town.pk]))
    assert own.status_code == 200 and "发改委佐证说明XYZ" not in own.content.decode()
    client.force_login(world.dept_editor)
    got = client.get(reverse("assessment:entry_evidence", args=[dept_entry.pk]))
    assert got.status_code == 200 and got["Content-Disposition"].startswith("attachment")
    assert b"".join(got.streaming_content).startswith(b"%PDF")
