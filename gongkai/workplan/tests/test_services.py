"""Import, edit, publish, progress and carry-forward through the services (real samples, demo county)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.audit.models import AuditEvent
from gongkai.orgs.models import Unit
from gongkai.workplan import selectors, services
from gongkai.workplan.actions import importing
from gongkai.workplan.models import PlanState, ProgressReport, Task, TaskStatus, UnitRole, WorkPlan

from .conftest import FENGCHENG, XINGGUO, to_docx, to_html

pytestmark = pytest.mark.django_db


def unit(name):
    return Unit.objects.get(name=name)


def _import(office, path=XINGGUO, **kw):
    return services.import_document(actor=office, data=path.read_bytes(), filename=path.name, **kw)


def test_import_xingguo_builds_the_tree_and_resolves_units(office):
    plan = _import(office)
    assert (plan.year, plan.title, plan.issuer, plan.date) == (
        2024,
        "2024年兴国县政务公开工作要点",
        "兴国县人民政府办公室",
        date(2024, 5, 22),
    )
    assert plan.state == PlanState.DRAFT
    assert plan.parts.count() == 5 and plan.items.count() == 14 and plan.tasks.count() == 42
    assert [p.items.count() for p in plan.parts.all()] == [2, 3, 3, 3, 3]
    first = plan.items.get(order=1)
    assert first.heading == "聚焦高质量发展推动信息公开" and first.path == ["一", "（一）"]
    task = first.tasks.first()
    names = set(task.units.values_list("name", flat=True))
    assert {"示范县发展和改革委员会", "示范县工业和信息化局", "示范县市场监督管理局"} <= names
    assert task.source_sentence.startswith("及时公开制造业重点产业链")
    # 牵头单位：县政府办；责任单位：县政府有关部门 → the office leads, 有关部门 must be picked.
    led = Task.objects.filter(
        plan=plan, task_units__unit__name="示范县人民政府办公室", task_units__role=UnitRole.LEAD
    )
    assert led.exists()
    pick = [c for t in plan.tasks.all() for c in t.unit_names if c["text"] == "县政府有关部门"]
    assert pick and not pick[0]["matched"] and pick[0]["parts"][0]["kind"] == "group_pick"
    assert AuditEvent.objects.filter(action="workplan.imported", object_id=str(plan.pk)).exists()


def test_import_fengcheng_reads_deadlines_and_leads(office):
    plan = _import(office, FENGCHENG)
    assert plan.doc_number == "丰府办字〔2023〕26号" and plan.items.count() == 12
    dated = plan.tasks.filter(deadline=date(2023, 7, 31))
    assert dated.exists() and dated.first().deadline_text == "2023年7月底前"
    assert plan.tasks.filter(time_limit_days=15).exists()
    # 市司法局牵头负责 → the county's own 司法局 as lead (local prefix).
    assert Task.objects.filter(
        plan=plan, task_units__unit__name="示范县司法局", task_units__role="lead"
    ).exists()


@pytest.mark.parametrize("convert", [to_docx, to_html])
def test_import_docx_and_html_give_the_same_outline(office, convert):
    data = convert(XINGGUO.read_text(encoding="utf-8"))
    plan = services.import_document(actor=office, data=data, filename="要点")
    assert plan.items.count() == 14 and plan.tasks.count() == 42
    assert plan.source_kind in ("docx", "html")


def test_import_pdf(office):
    from gongkai.core.tests.fixtures import make_pdf, wrap_for_pdf

    data = make_pdf(wrap_for_pdf(XINGGUO.read_text(encoding="utf-8")))
    plan = services.import_document(actor=office, data=data, filename="要点.pdf")
    assert plan.source_kind == "pdf" and plan.items.count() == 14 and plan.tasks.count() == 42
    assert plan.source_file.name.endswith(".pdf")


def test_import_pasted_text(office):
    plan = services.import_document(actor=office, text=XINGGUO.read_text(encoding="utf-8"))
    assert plan.source_name == "粘贴文本" and plan.tasks.count() == 42


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "x.doc", "无法识别的旧版 Office 文件"),
        (b"PK\x03\x04garbage", "x.docx", "已损坏"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "x.docx", "实际是可执行程序"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "x", "是可执行程序，此处不能使用"),
        ("这只是一段没有编号的文字。".encode(), "x.txt", "没有识别出任何工作条目"),
        ("这只是一段没有编号的文字。".encode(), "x.docx", "实际是文本文件"),
        (b"", "x.docx", "是空文件"),
        (None, "", "请选择"),
    ],
)
def test_bad_files_are_refused_in_chinese_and_nothing_is_saved(office, data, filename, message):
    with pytest.raises(services.WorkPlanError, match=message):
        services.import_document(actor=office, data=data, filename=filename)
    assert not WorkPlan.objects.exists() and not Task.objects.exists()


def test_too_big_file(office, monkeypatch):
    monkeypatch.setattr(importing, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(services.WorkPlanError, match="超过"):
        services.import_document(actor=office, data=b"x" * 101, filename="a.txt")


def test_fix_a_name_across_the_plan_then_publish(office):
    plan = _import(office)
    with pytest.raises(services.WorkPlanError, match="没有责任单位"):
        services.publish(plan, actor=office)
    changed = services.assign_name(
        plan, actor=office, name="县政府有关部门", units=[unit("示范县财政局"), unit("示范县司法局")]
    )
    assert changed >= 7
    orphans = Task.objects.filter(plan=plan, task_units__isnull=True)
    for orphan in orphans:  # whatever is left (none expected), give it to the office
        services.set_task_units(orphan, lead=[unit("示范县人民政府办公室")], responsible=[], actor=office)
    chip = next(c for t in plan.tasks.all() for c in t.unit_names if c["text"] == "县政府有关部门")
    assert chip["fixed"] and chip["matched"]
    services.publish(plan, actor=office, cycle="quarterly")
    plan.refresh_from_db()
    assert plan.state == PlanState.PUBLISHED and plan.cycle == "quarterly" and plan.published_at
    with pytest.raises(services.WorkPlanError, match="草稿"):
        services.publish(plan, actor=office)


def test_split_merge_and_deadline(office):
    plan = _import(office)
    task = plan.tasks.get(seq=1)
    units_before = set(task.task_units.values_list("unit_id", "role"))
    first, second = services.split_task(
        task, actor=office, pieces=["及时公开产业链行动计划。", "公开消费品以旧换新政策进展。"]
    )
    assert plan.tasks.count() == 43
    assert set(second.task_units.values_list("unit_id", "role")) == units_before
    assert (first.seq, second.seq) == (1, 2) and plan.tasks.get(seq=3).text.startswith("加强民营经济")
    with pytest.raises(services.WorkPlanError, match="两段"):
        services.split_task(first, actor=office, pieces=["只有一段"])
    services.merge_with_next(first, actor=office)
    assert plan.tasks.count() == 42
    first.refresh_from_db()
    assert "以旧换新" in first.text
    services.update_task(
        first, text=first.text, deadline=date(2024, 9, 30), deadline_text="9月底前", weight=2, actor=office
    )
    first.refresh_from_db()
    assert first.deadline == date(2024, 9, 30) and first.weight == 2
    assert AuditEvent.objects.filter(action__in=["workplan.task_split", "workplan.task_merged"]).count() == 2


def _published(office):
    plan = _import(office)
    services.assign_name(plan, actor=office, name="县政府有关部门", units=[unit("示范县财政局")])
    for orphan in Task.objects.filter(plan=plan, task_units__isnull=True):
        services.set_task_units(orphan, lead=[unit("示范县人民政府办公室")], responsible=[], actor=office)
    return services.publish(plan, actor=office)


def test_progress_only_for_own_units_tasks(office, fgw_editor, zrzy_editor):
    _published(office)
    fgw = unit("示范县发展和改革委员会")
    mine = selectors.visible_tasks(fgw_editor)
    assert mine.exists() and all(fgw in t.units.all() for t in mine)
    task = mine.first()
    assert task not in selectors.visible_tasks(zrzy_editor)
    with pytest.raises(services.WorkPlanError, match="本单位"):
        services.report_progress(task, unit=fgw, actor=zrzy_editor, text="冒名报送", percent=10)
    evidence = SimpleUploadedFile("佐证.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    report = services.report_progress(
        task, unit=fgw, actor=fgw_editor, text="已公开行动计划", percent=60, evidence=evidence
    )
    assert report.evidence_file and report.evidence_name == "佐证.pdf"
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    with pytest.raises(services.WorkPlanError, match="不能晚于今天"):
        services.report_progress(
            task, unit=fgw, actor=fgw_editor, text="明天的事", percent=70, on=date(2999, 1, 1)
        )
    bad = SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>")
    with pytest.raises(services.WorkPlanError, match="不是 PDF"):
        services.report_progress(task, unit=fgw, actor=fgw_editor, text="再报", percent=70, evidence=bad)
    assert ProgressReport.objects.filter(task=task).count() == 1  # nothing half-saved


def test_task_done_when_every_owner_reports_100_or_office_confirms(office, fgw_editor):
    plan = _published(office)
    fgw = unit("示范县发展和改革委员会")
    task = (
        next(t for t in selectors.visible_tasks(fgw_editor) if t.task_units.count() == 1)
        if any(t.task_units.count() == 1 for t in selectors.visible_tasks(fgw_editor))
        else None
    )
    if task is None:  # every fgw task is shared: narrow one to fgw alone first
        task = selectors.visible_tasks(fgw_editor).first()
        services.set_task_units(task, lead=[fgw], responsible=[], actor=office)
    services.report_progress(task, unit=fgw, actor=fgw_editor, text="全部完成", percent=100)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    other = plan.tasks.exclude(pk=task.pk).first()
    with pytest.raises(services.WorkPlanError, match="政务公开办"):
        services.mark_done(other, actor=fgw_editor)
    services.mark_done(other, actor=office, on=date(2024, 8, 1))
    other.refresh_from_db()
    assert other.status == TaskStatus.DONE and other.done_at == date(2024, 8, 1)


def test_overdue_on_the_statutory_calendar(office):
    """A deadline in the National Day holiday (2026: 10月1日—7日 off) runs to the first working day after it."""
    plan = _published(office)
    task = plan.tasks.first()
    services.update_task(
        task, text=task.text, deadline=date(2026, 10, 3), deadline_text="10月3日前", weight=None, actor=office
    )
    [t] = selectors.annotate(
        Task.objects.filter(pk=task.pk), today=date(2026, 10, 6)
    )  # a Tuesday, but a holiday
    assert t.due == date(2026, 10, 8) and t.live in ("not_started", "in_progress")
    [t] = selectors.annotate(Task.objects.filter(pk=task.pk), today=date(2026, 10, 8))
    assert t.live != "overdue"
    [t] = selectors.annotate(Task.objects.filter(pk=task.pk), today=date(2026, 10, 9))
    assert t.live == "overdue"


def test_carry_forward_unfinished(office):
    old = _import(office, FENGCHENG)
    for orphan in Task.objects.filter(plan=old, task_units__isnull=True):
        services.set_task_units(orphan, lead=[unit("示范县人民政府办公室")], responsible=[], actor=office)
    services.publish(old, actor=office)
    done = old.tasks.first()
    services.mark_done(done, actor=office)
    services.archive(old, actor=office)
    new = _import(office)
    unfinished = selectors.unfinished(old)
    assert done.pk not in {t.pk for t in unfinished}
    created = services.carry_forward(new, actor=office, tasks=unfinished[:3])
    assert len(created) == 3 and all(c.carried_from_id for c in created)
    assert new.parts.filter(number="回头看").exists()
    assert set(created[0].task_units.values_list("unit_id", flat=True)) == set(
        unfinished[0].task_units.values_list("unit_id", flat=True)
    )
    with pytest.raises(services.WorkPlanError, match="已结转"):
        services.carry_forward(new, actor=office, tasks=unfinished[:3])
    assert all(t.carried for t in selectors.unfinished(old)[:3])
    rows = selectors.comparison(old, new)
    statuses = {r["status"] for r in rows}
    assert {"continued", "changed"} & statuses and len([r for r in rows if r["new"]]) == 14


@pytest.mark.parametrize(
    ("key", "items", "tasks", "orphans", "suggested"),
    [
        # sample, items, tasks (by hand in core tests), tasks without any unit after import, suggestion chips
        ("000", 14, 42, 7, False),  # only 县政府有关部门 (to pick) on those 7
        ("001", 12, 52, 0, False),
        ("002", 16, 52, 10, True),  # part 五 has no annotations; 各乡镇（中心）、县直各单位 offered
        ("004", 13, 49, 49, True),  # no annotations at all
    ],
)
def test_four_samples_import_as_drafts(office, key, items, tasks, orphans, suggested):
    from gongkai.core.tests.fixtures import sample_text

    plan = services.import_document(actor=office, text=sample_text(key))
    assert (plan.items.count(), plan.tasks.count()) == (items, tasks)
    assert Task.objects.filter(plan=plan, task_units__isnull=True).count() == orphans
    chips = [c for t in plan.tasks.all() for c in t.unit_names]
    assert any(c.get("suggested") for c in chips) == suggested
    if key == "002":  # （…分别牵头落实）: every named unit leads
        led = Task.objects.filter(plan=plan, task_units__role=UnitRole.LEAD).distinct()
        assert led.count() >= 10


def test_import_a_doc_or_wps_gives_the_same_outline_as_the_docx(office):
    """.doc/.wps (issue 13, part 3): converted by LibreOffice, then read like the .docx."""
    from gongkai.core.tests.factories.legacy import to_legacy

    data = to_legacy(to_docx(XINGGUO.read_text(encoding="utf-8")), "doc")
    plan = services.import_document(actor=office, data=data, filename="2024年要点.wps")
    assert plan.source_kind == "doc" and plan.items.count() == 14 and plan.tasks.count() == 42
    assert plan.source_file.name.endswith(".doc")
