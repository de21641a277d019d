"""The registers' actions: recorded with an audit event, refused for another unit (nothing saved), hostile input,
uploads checked by content and size, trainings counted towards a work-points task, evaluations recording the
amendment in the policy library, rectification deadlines on the statutory calendar."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.policies.models import PolicyRelation
from gongkai.policies.tests.factories import make_document, publish_document
from gongkai.registers import services
from gongkai.registers.errors import RegistersError
from gongkai.registers.models import (
    Evaluation,
    Hearing,
    Submission,
    SupervisionRecord,
    Training,
    TrainingMaterial,
    TrainingTask,
)
from gongkai.workplan.models import TaskStatus
from gongkai.workplan.tests.factories import make_plan

from .factories import Upload, docx_bytes, supervision, training

pytestmark = pytest.mark.django_db


def _files(settings):
    root = Path(settings.GONGKAI_PRIVATE_MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- trainings -------------------------------------------------------------------------------------------------


def test_training_recorded_with_attendees_and_material(world, settings):
    t = training(
        world,
        attendees=[(world.town, 12, "张三、李四"), (world.dept, 3, "")],
        materials=[Upload("课件.docx", docx_bytes())],
    )
    assert t.unit == world.town and t.attendee_total == 15
    material = t.materials.get()
    assert material.name == "课件.docx" and len(material.sha256) == 64
    assert _files(settings) == [Path(material.file.path)]
    event = AuditEvent.objects.get(action="registers.training_recorded")
    assert event.unit_id == world.town.pk
    assert event.after["attendees"] == {world.town.name: 12, world.dept.name: 3}


def test_other_units_editor_cannot_record_for_the_town_and_nothing_is_saved(world, settings):
    with pytest.raises(RegistersError) as exc:
        training(world, world.town, actor=world.dept_editor, materials=[Upload("课件.docx", docx_bytes())])
    assert exc.value.code == "forbidden" and "城关镇" in str(exc.value) or "城关" in str(exc.value)
    assert not Training.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="registers.").exists()
    assert _files(settings) == []


def test_reviewer_may_not_record_but_leader_and_office_may(world):
    with pytest.raises(RegistersError):
        training(world, world.town, actor=world.reviewer)
    training(world, world.town, actor=world.leader, topic="负责人登记")
    training(world, world.town, actor=world.office, topic="政务公开办代登记")
    assert Training.objects.filter(unit=world.town).count() == 2


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"held_on": timezone.localdate() + timedelta(days=1)}, "held_on"),
        ({"topic": "   "}, "topic"),
        ({"topic": "长" * 201}, "topic"),
        ({"form": "<script>"}, "form"),
        ({"attendees": []}, "attendances"),
    ],
)
def test_training_input_refused(world, kwargs, field):
    with pytest.raises(RegistersError) as exc:
        training(world, **kwargs)
    assert exc.value.field == field
    assert not Training.objects.exists()


def test_attendance_counts_checked(world):
    with pytest.raises(RegistersError, match="参训人数"):
        training(world, attendees=[(world.town, 0, "")])
    with pytest.raises(RegistersError, match="两次"):
        training(world, attendees=[(world.town, 2, ""), (world.town, 3, "")])
    assert not Training.objects.exists()


def test_material_checked_by_content_and_size_and_refusal_leaves_no_file(world, settings):
    t = training(world)
    html_as_pdf = Upload("课件.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(RegistersError) as exc:
        services.add_material(t, actor=world.editor, upload=html_as_pdf)
    assert exc.value.field == "materials"
    settings.GONGKAI_REGISTERS_UPLOAD_MAX_MB = 1
    big = Upload("大文件.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    with pytest.raises(RegistersError, match="1"):
        services.add_material(t, actor=world.editor, upload=big)
    with pytest.raises(RegistersError) as exc:
        services.add_material(t, actor=world.dept_editor, upload=Upload("a.docx", docx_bytes()))
    assert exc.value.code == "forbidden"
    assert not TrainingMaterial.objects.exists() and _files(settings) == []
    # A Word file named .pdf is refused (the extension names another sort); named .docx it is kept.
    with pytest.raises(RegistersError, match="Word"):
        services.add_material(t, actor=world.editor, upload=Upload("签到表.pdf", docx_bytes()))
    material = services.add_material(t, actor=world.editor, upload=Upload("签到表.docx", docx_bytes()))
    assert material.name == "签到表.docx" and material.file.name.endswith(".docx")
    assert _files(settings) == [Path(material.file.path)]


def test_linked_trainings_fill_the_work_points_task(world):
    plan, task = make_plan(world.town, year=2026, text="今年至少组织2次集中学习培训")
    task.count = {"value": 2, "unit": "次", "period": "year", "op": ">="}
    task.save()
    first = training(world, held_on=date(2026, 3, 1), topic="第一期")
    second = training(world, held_on=date(2026, 9, 1), topic="第二期")
    services.link_task(first, task, actor=world.editor)
    task.refresh_from_db()
    report = task.reports.latest("id")
    assert report.percent == 50 and "已组织培训1次（要求2次）" in report.text
    assert task.status == TaskStatus.IN_PROGRESS
    services.link_task(second, task, actor=world.editor)
    task.refresh_from_db()
    report = task.reports.latest("id")
    assert report.percent == 100 and "第一期" in report.text and "第二期" in report.text
    assert task.status == TaskStatus.DONE
    assert report.evidence_link.endswith(f"task={task.pk}")
    with pytest.raises(RegistersError, match="已计入"):
        services.link_task(second, task, actor=world.editor)


def test_link_refused_for_wrong_year_no_count_and_another_units_task(world):
    _, task = make_plan(world.town, year=2026, text="至少组织2次培训")
    task.count = {"value": 2, "unit": "次"}
    task.save()
    _, plain = make_plan(world.town, year=2026, text="公开预算信息")
    old = training(world, held_on=date(2025, 5, 1))
    with pytest.raises(RegistersError, match="2026年"):
        services.link_task(old, task, actor=world.editor)
    now = training(world, held_on=date(2026, 5, 1))
    with pytest.raises(RegistersError, match="次数要求"):
        services.link_task(now, plain, actor=world.editor)
    # The department's training cannot count towards the town's task (workplan refuses the report).
    dept = training(world, world.dept, held_on=date(2026, 5, 2))
    with pytest.raises(Exception, match="本单位"):
        services.link_task(dept, task, actor=world.dept_editor)
    # The town's editor cannot link a training of the department at all.
    with pytest.raises(RegistersError) as exc:
        services.link_task(dept, task, actor=world.editor)
    assert exc.value.code == "forbidden"
    assert not TrainingTask.objects.exists() and not task.reports.exists()


# --- hearings --------------------------------------------------------------------------------------------------


def test_hearing_with_minutes_and_cross_unit_refused(world, settings):
    h = services.record_hearing(
        world.dept,
        actor=world.dept_editor,
        kind="report",
        meeting="党组会",
        held_on=date(2026, 4, 1),
        leaders="主任",
        topics="听取政务公开工作汇报",
        minutes=Upload("纪要.docx", docx_bytes("纪要")),
    )
    assert h.minutes_name == "纪要.docx" and Path(h.minutes_file.path).exists()
    with pytest.raises(RegistersError) as exc:
        services.record_hearing(
            world.dept,
            actor=world.editor,
            kind="report",
            meeting="党组会",
            held_on=date(2026, 4, 1),
            leaders="主任",
            topics="x",
        )
    assert exc.value.code == "forbidden"
    assert Hearing.objects.count() == 1


# --- evaluations -----------------------------------------------------------------------------------------------


def _evaluation(world, **kw):
    actor = kw.pop("actor", world.editor)
    fields = {
        "done_on": date(2026, 6, 1),
        "results": "成效明显",
        "methods": ["survey", "data"],
        "findings": "建议修改补贴标准。",
        "conclusion": "continue",
        **kw,
    }
    return services.record_evaluation(world.town, actor=actor, **fields)


def test_evaluation_concluding_amendment_records_the_relation_in_policies(world):
    old = publish_document(world, make_document(world, doc_number="城政〔2024〕1号"))
    new = publish_document(
        world,
        make_document(
            world,
            title="关于修改《示范县耕地地力保护补贴管理办法》的决定",
            doc_number="城政〔2026〕3号",
            formed_date=date(2026, 7, 1),
        ),
    )
    e = _evaluation(world, policy=old, conclusion="amend", amending_policy=new, clauses=["第四条"])
    rel = PolicyRelation.objects.get()
    assert (rel.source, rel.target, rel.kind, rel.clauses) == (new, old, "amends", ["第四条"])
    assert e.relation == rel and e.subject_title == old.publication.title
    assert AuditEvent.objects.filter(action="policies.relation_add").exists()
    assert AuditEvent.objects.get(action="registers.evaluation_recorded").after["relation"] == rel.pk
    # A second evaluation with the same conclusion links the existing relation instead of failing.
    again = _evaluation(world, policy=old, conclusion="amend", amending_policy=new)
    assert again.relation == rel and PolicyRelation.objects.count() == 1


def test_evaluation_of_a_decision(world):
    from gongkai.participation.tests.factories import catalog, decision

    d = decision(world, catalog(world), unit=world.town)
    e = _evaluation(world, decision=d, methods=["forum"])
    assert e.decision == d and e.policy is None and e.method_labels() == "座谈访谈"


@pytest.mark.parametrize(
    "kw, field",
    [
        ({}, "policy"),  # no subject
        ({"methods": []}, "methods"),
        ({"methods": ["survey", "astrology"]}, "methods"),
        ({"conclusion": "abolish!"}, "conclusion"),
        ({"results": ""}, "results"),
        ({"result_link": "javascript:alert(1)"}, "result_link"),
    ],
)
def test_evaluation_input_refused(world, kw, field):
    doc = make_document(world)
    if kw != {}:
        kw = {"policy": doc, **kw}
    with pytest.raises(RegistersError) as exc:
        _evaluation(world, **kw)
    assert exc.value.field == field
    assert not Evaluation.objects.exists()


def test_evaluation_cross_unit_refused_and_no_relation(world):
    old = publish_document(world, make_document(world, doc_number="城政〔2024〕1号"))
    new = publish_document(world, make_document(world, title="修改决定", doc_number="城政〔2026〕3号"))
    with pytest.raises(RegistersError):
        _evaluation(world, actor=world.dept_editor, policy=old, conclusion="amend", amending_policy=new)
    assert not Evaluation.objects.exists() and not PolicyRelation.objects.exists()


# --- submissions and cases -------------------------------------------------------------------------------------


def test_submission_adopted_and_cross_unit_refused(world):
    s = services.record_submission(
        world.town,
        actor=world.editor,
        kind="znl",
        title='=HYPERLINK("x")',
        outlet="政能亮",
        submitted_on=date(2026, 3, 1),
    )
    with pytest.raises(RegistersError) as exc:
        services.mark_adopted(s, actor=world.dept_editor, adopted_on=date(2026, 3, 5))
    assert exc.value.code == "forbidden"
    with pytest.raises(RegistersError, match="早于"):
        services.mark_adopted(s, actor=world.editor, adopted_on=date(2026, 2, 1))
    services.mark_adopted(s, actor=world.editor, adopted_on=date(2026, 3, 5))
    s.refresh_from_db()
    assert s.adopted and s.adopted_on == date(2026, 3, 5)
    with pytest.raises(RegistersError, match="已于"):
        services.mark_adopted(s, actor=world.editor, adopted_on=date(2026, 3, 6))
    assert Submission.objects.count() == 1


def test_case_recorded_and_cross_unit_refused(world):
    c = services.record_case(
        world.town,
        actor=world.editor,
        title="阳光三务",
        level="city",
        issuer="市政务公开办",
        recognised_on=date(2026, 5, 1),
    )
    assert c.get_level_display() == "市级"
    with pytest.raises(RegistersError):
        services.record_case(
            world.town,
            actor=world.dept_editor,
            title="x",
            level="city",
            issuer="y",
            recognised_on=date(2026, 5, 1),
        )
    with pytest.raises(RegistersError, match="层级"):
        services.record_case(
            world.town,
            actor=world.editor,
            title="x",
            level="galactic",
            issuer="y",
            recognised_on=date(2026, 5, 1),
        )


# --- supervision -----------------------------------------------------------------------------------------------


def test_supervision_deadline_in_working_days_and_office_only(world):
    # 2026-03-06 is a Friday: 1 working day later is Monday 03-09, 5 working days later Friday 03-13.
    assert supervision(world, days=1).due_on == date(2026, 3, 9)
    record = supervision(world, days=5)
    assert record.due_on == date(2026, 3, 13) and not record.due_provisional
    # Over the 2026 National Day holiday (10-01…10-07 off): 2026-09-30 + 1 working day is 10-08 at the earliest.
    assert supervision(world, issued_on=date(2026, 9, 30), days=1).due_on >= date(2026, 10, 8)
    with pytest.raises(RegistersError) as exc:
        services.issue_supervision(
            world.town,
            actor=world.editor,
            kind="criticism",
            issued_on=date(2026, 3, 6),
            issuer="x",
            findings="y",
            rectify_workdays=5,
        )
    assert exc.value.code == "forbidden"
    with pytest.raises(RegistersError) as exc:
        supervision(world, days=0)
    assert exc.value.field == "rectify_workdays"
    assert SupervisionRecord.objects.count() == 3


def test_rectification_by_the_unit_only_and_overdue(world):
    record = supervision(world, days=5)
    assert record.is_overdue(date(2026, 3, 16)) and not record.is_overdue(date(2026, 3, 13))
    with pytest.raises(RegistersError) as exc:
        services.complete_rectification(
            record, actor=world.dept_editor, completed_on=date(2026, 3, 12), note="x"
        )
    assert exc.value.code == "forbidden"
    with pytest.raises(RegistersError) as exc:
        services.complete_rectification(record, actor=world.editor, completed_on=date(2026, 3, 12), note=" ")
    assert exc.value.field == "note"
    done = services.complete_rectification(
        record, actor=world.editor, completed_on=date(2026, 3, 17), note="已补充发布"
    )
    assert done.completed_late and not done.is_overdue(date(2026, 12, 1))
    event = AuditEvent.objects.get(action="registers.supervision_rectified")
    assert event.after["late"] is True


def test_recompute_hook_fixes_a_stale_deadline(world):
    record = supervision(world, days=5)
    SupervisionRecord.objects.filter(pk=record.pk).update(due_on=date(2026, 3, 20))
    lines = services.recompute_due({2026}, actor=None)
    record.refresh_from_db()
    assert record.due_on == date(2026, 3, 13) and len(lines) == 1
    assert services.recompute_due({2026}, actor=None) == []
    assert AuditEvent.objects.filter(action="registers.supervision_due_recomputed").count() == 1
