"""12345 work orders: upload → mapping → check → import through the services and the pages; idempotent
re-import by 工单编号; unit resolution without guessing; hostile files refused with nothing saved; the export of
the replies in the file's own layout."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.core.errors import ServiceError
from gongkai.messages import hotline_samples as samples
from gongkai.messages import services
from gongkai.messages.models import HotlineImport, Message, WorkOrder
from gongkai.messages.vocab import State

pytestmark = pytest.mark.django_db

H = samples.HEADER


def _day(n=10):
    return timezone.localdate() - timedelta(days=n)


def _rows(w, n=3):
    day = _day()
    return [
        [
            f"GD{i:04d}",
            f"{day} 09:{i:02d}",
            f"第{i}号诉求：人民路路灯不亮，请尽快维修。",
            "欧阳明珠",
            unit,
            "",
            "",
            "",
        ]
        for i, unit in zip(range(n), ["县住建局", "城关镇", "示范县住房和城乡建设局"] * n, strict=False)
    ]


def _upload(w, data, name="工单.xlsx"):
    return services.upload(SimpleUploadedFile(name, data), actor=w.office)


def _check(w, imp, capture):
    with capture(execute=True):
        services.start_check(imp, actor=w.office)
    imp.refresh_from_db()
    return imp


def _import(w, imp, capture, choices=None):
    imp = _check(w, imp, capture)
    assert imp.status == HotlineImport.Status.CHECKED, imp.error
    with capture(execute=True):
        services.start_import(imp, actor=w.office, unit_choices=choices or {})
    imp.refresh_from_db()
    return imp


def test_import_creates_messages_of_the_hotline_channel(world, django_capture_on_commit_callbacks):
    imp = _upload(world, samples.to_xlsx(H, _rows(world)))
    assert imp.mapping["number"] == 0 and imp.header == H
    imp = _import(world, imp, django_capture_on_commit_callbacks)
    assert imp.status == HotlineImport.Status.DONE, imp.error
    assert (imp.created, imp.updated, imp.unchanged, imp.refused) == (3, 0, 0, 0)
    orders = WorkOrder.objects.select_related("message", "message__channel").order_by("number")
    assert [o.message.channel.code for o in orders] == ["hotline"] * 3
    assert [o.message.unit for o in orders] == [world.dept, world.town, world.dept]
    assert all(o.message.state == State.DISPATCHED for o in orders)
    msg = orders[0].message
    assert msg.writer_name == "欧**" and orders[0].requester == "欧**"
    assert not Message.objects.filter(writer_name__contains="明珠").exists()
    assert msg.received_on == _day()
    assert msg.due_on > msg.received_on  # 5 working days of the 12345 channel on the calendar
    assert not imp.file  # the file with the callers' names is gone
    from gongkai.messages import selectors

    assert msg.verification_hash == "" and selectors.lookup(msg.tracking_code, "") is None
    assert AuditEvent.objects.filter(action="messages.hotline_imported", after__created=3).exists()


def test_reimport_is_idempotent_by_number(world, django_capture_on_commit_callbacks):
    rows = _rows(world)
    _import(world, _upload(world, samples.to_xlsx(H, rows)), django_capture_on_commit_callbacks)
    again = _import(world, _upload(world, samples.to_xlsx(H, rows)), django_capture_on_commit_callbacks)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert WorkOrder.objects.count() == 3 and Message.objects.count() == 3

    rows[1][6] = "已安排维修，路灯已恢复照明。"  # the hotline's result now
    rows[1][7] = "满意"
    rows.append(["GD9999", f"{_day()} 10:00", "新工单：解放街占道经营。", "李四", "城关镇", "", "", ""])
    third = _import(
        world, _upload(world, samples.to_csv(H, rows), "工单.csv"), django_capture_on_commit_callbacks
    )
    assert (third.created, third.updated, third.unchanged) == (1, 1, 2)
    assert WorkOrder.objects.count() == 4 and Message.objects.count() == 4
    replied = WorkOrder.objects.get(number="GD0001").message
    assert replied.state == State.REPLIED and replied.rating == "satisfied"
    assert replied.reply == "已安排维修，路灯已恢复照明。"
    assert third.check_result["update"] == 1
    event = AuditEvent.objects.filter(action="messages.hotline_imported").latest("id")
    assert event.after["changes"] == {"GD0001": ["办理结果", "回访满意度"]}


def test_gongkai_reply_is_not_overwritten_by_a_reimport(world, django_capture_on_commit_callbacks):
    rows = _rows(world, 1)
    _import(world, _upload(world, samples.to_xlsx(H, rows)), django_capture_on_commit_callbacks)
    msg = WorkOrder.objects.get().message
    msg = services.draft_reply(msg, actor=world.dept_editor, reply="住建局答复：路灯已于本周修复。")
    services.approve_reply(msg, actor=world.dept_leader)
    rows[0][6] = "热线系统里的另一段结果文字。"
    _import(world, _upload(world, samples.to_xlsx(H, rows)), django_capture_on_commit_callbacks)
    msg.refresh_from_db()
    assert msg.reply == "住建局答复：路灯已于本周修复。"
    assert WorkOrder.objects.get().result == "热线系统里的另一段结果文字。"


def test_unresolved_units_are_listed_not_guessed(world, django_capture_on_commit_callbacks):
    rows = _rows(world, 2)
    rows[0][4] = "县城管局"  # no such unit
    rows[1][4] = "各乡镇"  # a group: not one unit
    imp = _check(world, _upload(world, samples.to_xlsx(H, rows)), django_capture_on_commit_callbacks)
    texts = [p["text"] for p in imp.check_result["unresolved"]]
    assert texts == ["县城管局", "各乡镇"]
    with pytest.raises(ServiceError, match="请为未识别的承办单位"):
        services.start_import(imp, actor=world.office, unit_choices={"县城管局": world.dept.pk})
    with django_capture_on_commit_callbacks(execute=True):
        services.start_import(
            imp, actor=world.office, unit_choices={"县城管局": world.dept.pk, "各乡镇": None}
        )
    units = dict(WorkOrder.objects.values_list("number", "message__unit"))
    assert units == {"GD0000": world.dept.pk, "GD0001": None}
    assert WorkOrder.objects.get(number="GD0001").message.state == State.RECEIVED


def test_row_errors_refuse_rows_and_import_the_rest(world, django_capture_on_commit_callbacks):
    rows = _rows(world, 3)
    rows[1][1] = "2026-02-30 10:00"  # no such day
    rows.append(list(rows[0]))  # the same number twice
    imp = _check(world, _upload(world, samples.to_xlsx(H, rows)), django_capture_on_commit_callbacks)
    assert imp.check_result["refused"] == 2
    text = "\n".join(imp.check_result["refused_list"])
    assert "第3行【来电时间】" in text and "第5行【工单编号】GD0000与第2行重复" in text
    with django_capture_on_commit_callbacks(execute=True):
        services.start_import(imp, actor=world.office, unit_choices={})
    imp.refresh_from_db()
    assert (imp.created, imp.refused) == (2, 2)


def test_preview_shows_first_rows_with_errors(world):
    rows = _rows(world, 3)
    rows[2][7] = "还行"
    imp = _upload(world, samples.to_xlsx(H, rows, title="示范县12345工单明细"))
    assert imp.header_row == 2
    preview = services.preview_rows(imp)
    assert [r.row for _cells, r in preview] == [3, 4, 5]
    assert preview[2][1].errors == [
        "第5行【回访满意度】回访满意度“还行”无法识别，应为满意、基本满意、不满意、未回访或留空"
    ]


def test_mapping_correction(world):
    header = ["编号", "时间", "内容", "部门"]
    rows = [["A1", f"{_day()} 08:00", "道路破损，请修补。", "县住建局"]]
    imp = _upload(world, samples.to_xlsx(header, rows))
    assert imp.mapping["called_at"] is None  # "时间" alone is not guessed
    with pytest.raises(ServiceError, match="必须指定“来电时间”"):
        services.set_mapping(imp, actor=world.office, mapping=imp.mapping)
    with pytest.raises(ServiceError, match="同时对应"):
        services.set_mapping(imp, actor=world.office, mapping={**imp.mapping, "called_at": 0})
    imp = services.set_mapping(imp, actor=world.office, mapping={**imp.mapping, "called_at": 1, "unit": 3})
    preview = services.preview_rows(imp)
    assert preview[0][1].ok and preview[0][1].values.unit_text == "县住建局"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_encodings(world, encoding, django_capture_on_commit_callbacks):
    imp = _upload(world, samples.to_csv(H, _rows(world, 2), encoding=encoding), name="工单.csv")
    imp = _import(world, imp, django_capture_on_commit_callbacks)
    assert imp.created == 2
    assert WorkOrder.objects.get(number="GD0000").message.body.startswith("第0号诉求：人民路")


def _refused(world, data, name, match):
    before = (HotlineImport.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ServiceError, match=match):
        _upload(world, data, name)
    assert (HotlineImport.objects.count(), AuditEvent.objects.count()) == before


def test_hostile_files_are_refused_and_nothing_is_saved(world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    _refused(world, b"MZ\x90\x00" + b"\x00" * 200, "工单.xlsx", "12345工单请上传")
    _refused(world, b"%PDF-1.4 fake", "工单.csv", "12345工单请上传")
    _refused(world, b"", "工单.csv", "12345工单请上传")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    _refused(world, bomb.getvalue(), "工单.xlsx", "12345工单请上传")
    _refused(world, samples.to_xlsx(["甲", "乙"], [["1", "2"]]), "工单.xlsx", "没有找到表头")
    _refused(world, b"\xff\xfe\xfa" * 100 + "工单编号".encode("utf-16-le"), "工单.csv", "表头|编码")
    assert list(tmp_path.rglob("*.*")) == []


def test_too_many_rows_refused(world, settings):
    settings.GONGKAI_MESSAGES_HOTLINE_MAX_ROWS = 50
    rows = samples.rows(51, units=["县住建局"], start=_day(30))
    _refused(world, samples.to_csv(H, rows), "工单.csv", "超过一次导入的上限50行")
    _refused(world, samples.to_xlsx(H, rows, title="标题行"), "工单.xlsx", "超过一次导入的上限50行")
    assert _upload(world, samples.to_xlsx(H, rows[:50], title="标题行")).header_row == 2


def test_too_many_rows_found_by_the_check_leave_nothing(world, settings, django_capture_on_commit_callbacks):
    imp = _upload(world, samples.to_csv(H, samples.rows(30, units=["县住建局"], start=_day(30))), "工单.csv")
    settings.GONGKAI_MESSAGES_HOTLINE_MAX_ROWS = 20  # lowered after the upload: the job counts as it reads
    imp = _check(world, imp, django_capture_on_commit_callbacks)
    assert imp.status == HotlineImport.Status.FAILED and "上限20行" in imp.error
    assert Message.objects.count() == 0


def test_missing_required_column_cannot_be_checked(world):
    imp = _upload(world, samples.to_xlsx(["工单编号", "诉求内容", "诉求人"], [["A", "内容内容", "张三"]]))
    with pytest.raises(ServiceError, match="必须指定“来电时间”"):
        services.start_check(imp, actor=world.office)


def test_a_failing_import_leaves_nothing(world, django_capture_on_commit_callbacks, monkeypatch):
    imp = _check(world, _upload(world, samples.to_xlsx(H, _rows(world))), django_capture_on_commit_callbacks)
    from gongkai.messages.actions import hotline

    def boom(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(hotline.WorkOrder.objects, "bulk_create", boom)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_import(imp, actor=world.office, unit_choices={})
    imp.refresh_from_db()
    assert imp.status == HotlineImport.Status.FAILED and "磁盘已满" in imp.error
    assert Message.objects.count() == 0 and WorkOrder.objects.count() == 0
    assert imp.file  # kept, so the import can be retried


def test_only_the_office_imports(world):
    with pytest.raises(ServiceError):
        services.upload(SimpleUploadedFile("a.xlsx", samples.to_xlsx(H, _rows(world))), actor=world.leader)
    assert HotlineImport.objects.count() == 0


def test_export_in_the_file_layout_formula_escaped(world, django_capture_on_commit_callbacks):
    from openpyxl import load_workbook

    header = ["受理时间", "工单号", "反映内容", "处置单位", "处理结果", "来电人"]
    day = _day()
    rows = [[f"{day} 08:00", "X1", "@路灯 不亮，请维修", "县住建局", "", "王小二"]]
    imp = _import(world, _upload(world, samples.to_xlsx(header, rows)), django_capture_on_commit_callbacks)
    assert imp.created == 1, (imp.error, imp.check_result)
    msg = WorkOrder.objects.get().message
    msg = services.draft_reply(msg, actor=world.dept_editor, reply="-已修复，谢谢监督。")
    services.approve_reply(msg, actor=world.dept_leader)
    data, count = services.export_replies(imp)
    sheet = load_workbook(io.BytesIO(data)).active
    got = [[c.value for c in row] for row in sheet.iter_rows()]
    assert got[0] == header and count == 1
    assert got[1][1] == "X1" and got[1][3] == "示范县住房和城乡建设局"
    assert got[1][2] == "'@路灯 不亮，请维修" and got[1][4] == "'-已修复，谢谢监督。"
    assert got[1][5] == "王**"


def test_pages_upload_map_check_import_export(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.office)
    assert client.get("/work/messages/hotline/").status_code == 200
    data = samples.to_xlsx(
        ["编号", "来电时间", "诉求内容", "承办单位"], [r[:3] + [r[4]] for r in _rows(world)]
    )
    page = client.post("/work/messages/hotline/", {"file": SimpleUploadedFile("工单.xlsx", data)})
    imp = HotlineImport.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/work/messages/hotline/{imp.pk}/"
    page = client.get(page["Location"])
    assert "可以导入" in page.content.decode() and page.context["mapping_form"]["number"].initial == "0"
    form = {"number": "0", "called_at": "1", "body": "2", "unit": "3", "action": "check"}
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"/work/messages/hotline/{imp.pk}/mapping/", form)
    assert page.status_code == 302
    page = client.get(f"/work/messages/hotline/{imp.pk}/")
    assert "将新建 <strong>3</strong>" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/work/messages/hotline/{imp.pk}/import/", {})
    page = client.get(f"/work/messages/hotline/{imp.pk}/")
    assert "新建 <strong>3</strong>" in page.content.decode()
    export = client.get(f"/work/messages/hotline/{imp.pk}/export.xlsx")
    assert export.status_code == 200 and export.content[:2] == b"PK"
    client.force_login(world.leader)
    assert client.get(f"/work/messages/hotline/{imp.pk}/").status_code == 403


def test_mapping_page_shows_errors(client, world):
    client.force_login(world.office)
    imp = _upload(world, samples.to_xlsx(H, _rows(world)))
    page = client.post(
        f"/work/messages/hotline/{imp.pk}/mapping/", {"number": "0", "called_at": "0", "body": "2"}
    )
    assert page.status_code == 200 and "同时对应" in page.content.decode()
    imp.refresh_from_db()
    assert imp.mapping["called_at"] == 1
