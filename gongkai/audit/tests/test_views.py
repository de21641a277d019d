"""The staff pages: who sees what, filters, paging, exports, the chain check."""

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.audit import services
from gongkai.audit.context import audit_context
from gongkai.audit.models import AuditEvent
from gongkai.audit.views import PAGE_SIZE

from .conftest import attack, make_events

LIST = reverse("audit:list")


def _login(client, user):
    client.force_login(user)
    return client


def _listed_ids(response) -> list[int]:
    return [row["event"].pk for row in response.context["rows"]]


@pytest.fixture
def log(people, units):
    """Events of both units, by different people, plus one with a readable change and an address."""
    unit_a, unit_b = units
    make_events(3, actor=people["editor_a"], unit=unit_a, prefix="发改委文件")
    make_events(2, actor=people["editor_b"], unit=unit_b, prefix="资源局文件")
    with audit_context(client_ip="10.9.8.7"):
        changed = services.record(
            actor=people["office"],
            action="unit.update",
            unit=unit_a,
            obj=unit_a,
            before={"short_name": "发改委", "phone": "0791-1111"},
            after={"short_name": "县发改委", "phone": "0791-1111"},
            reason="规范简称",
        )
    return {"changed": changed}


def test_editor_gets_403(client, people, log):
    response = _login(client, people["editor_a"]).get(LIST)
    assert response.status_code == 403
    assert _login(client, people["editor_a"]).get(reverse("audit:export", args=["csv"])).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("workspace:login") in response["Location"]


def test_office_admin_sees_everything_newest_first(client, people, log):
    response = _login(client, people["office"]).get(LIST)
    assert response.status_code == 200
    ids = _listed_ids(response)
    all_ids = list(AuditEvent.objects.order_by("-id").values_list("id", flat=True))
    assert ids == all_ids[: len(ids)]
    body = response.content.decode()
    assert "资源局文件" in body and "发改委文件" in body


def test_leader_sees_only_their_units_events(client, people, units, log):
    unit_a, unit_b = units
    response = _login(client, people["leader_a"]).get(LIST)
    assert response.status_code == 200
    ids = _listed_ids(response)
    assert ids
    assert set(AuditEvent.objects.filter(pk__in=ids).values_list("unit_id", flat=True)) == {unit_a.pk}
    assert "资源局文件" not in response.content.decode()
    other = AuditEvent.objects.filter(unit=unit_b).first()
    assert client.get(reverse("audit:detail", args=[other.pk])).status_code == 404
    own = AuditEvent.objects.filter(unit=unit_a).first()
    assert client.get(reverse("audit:detail", args=[own.pk])).status_code == 200
    # Choosing unit B in the filter is refused, not silently widened.
    refused = client.get(LIST, {"unit": unit_b.pk})
    assert refused.status_code == 400
    assert "不在您的查看范围内" in refused.content.decode()


def test_row_shows_time_in_shanghai_actor_unit_diff_and_address(client, people, log):
    event = log["changed"]
    response = _login(client, people["office"]).get(LIST)
    body = response.content.decode()
    shanghai = event.time.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M:%S")
    assert shanghai in body
    assert "王办" in body and "测试县发展和改革委员会" in body
    assert "10.9.8.7" in body
    # Only the changed field, with the model's Chinese field name, old → new.
    row = next(r for r in response.context["rows"] if r["event"].pk == event.pk)
    assert [(c.label, c.old, c.new) for c in row["changes"]] == [("简称", "发改委", "县发改委")]
    assert "0791-1111" not in body


@pytest.mark.parametrize(
    "params, expected_prefixes",
    [
        ({"actor": "孙编"}, {"发改委文件"}),
        ({"actor": "editor_b"}, {"资源局文件"}),
        ({"q": "资源局"}, {"资源局文件"}),
        ({"object_type": "test.doc", "object_id": "1"}, {"发改委文件", "资源局文件"}),
    ],
)
def test_filters(client, people, log, params, expected_prefixes):
    response = _login(client, people["office"]).get(LIST, params)
    assert response.status_code == 200
    reprs = {r["event"].object_repr.rstrip("0123456789") for r in response.context["rows"]}
    assert reprs == expected_prefixes


def test_filter_by_unit_and_action(client, people, units, log):
    unit_a, unit_b = units
    response = _login(client, people["office"]).get(LIST, {"unit": unit_b.pk, "action": "test.edit"})
    events = [r["event"] for r in response.context["rows"]]
    assert len(events) == 2
    assert all(e.unit_id == unit_b.pk and e.action == "test.edit" for e in events)
    only_update = client.get(LIST, {"action": "unit.update"})
    assert [r["event"].pk for r in only_update.context["rows"]] == [log["changed"].pk]


def test_date_range_is_in_shanghai_days(client, people, db):
    """An event at 2026-03-01 23:30 Beijing time is 15:30 UTC: it belongs to 1 March, not 2 March."""
    from unittest import mock

    when = datetime(2026, 3, 1, 15, 30, tzinfo=UTC)
    with mock.patch("gongkai.audit.services.timezone.now", return_value=when):
        event = services.record(actor=None, action="test.late", object_type="t", object_repr="深夜操作")
    _login(client, people["office"])
    on_day = client.get(LIST, {"since": "2026-03-01", "until": "2026-03-01"})
    assert event.pk in _listed_ids(on_day)
    next_day = client.get(LIST, {"since": "2026-03-02"})
    assert event.pk not in _listed_ids(next_day)
    before = client.get(LIST, {"until": "2026-02-28"})
    assert event.pk not in _listed_ids(before)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"since": "2026-13-01"}, "「起始日期」不是有效日期"),
        ({"until": "昨天"}, "「截止日期」不是有效日期"),
        ({"since": "2026-03-05", "until": "2026-03-01"}, "起始日期（2026-03-05）晚于截止日期（2026-03-01）"),
    ],
)
def test_bad_dates_get_a_chinese_message_and_no_results(client, people, log, params, message):
    response = _login(client, people["office"]).get(LIST, params)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert response.context["rows"] == []
    export = client.get(reverse("audit:export", args=["csv"]), params)
    assert export.status_code == 400
    assert message in export.content.decode()


def test_paging_50_per_page_keeps_filters(client, people, units):
    unit_a, _ = units
    make_events(PAGE_SIZE + 7, actor=people["editor_a"], unit=unit_a)
    make_events(3, actor=people["editor_b"], unit=units[1])
    _login(client, people["office"])
    first = client.get(LIST, {"actor": "孙编辑"})
    assert len(first.context["rows"]) == PAGE_SIZE
    assert first.context["page"].paginator.count == PAGE_SIZE + 7
    assert "actor=%E5%AD%99%E7%BC%96%E8%BE%91&amp;page=2" in first.content.decode()
    second = client.get(LIST, {"actor": "孙编辑", "page": 2})
    assert len(second.context["rows"]) == 7
    assert not set(_listed_ids(first)) & set(_listed_ids(second))
    assert max(_listed_ids(second)) < min(_listed_ids(first))


def _csv_rows(response):
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_export_has_bom_filtered_rows_and_readable_diff(client, people, units, log):
    _login(client, people["office"])
    response = client.get(reverse("audit:export", args=["csv"]), {"unit": units[0].pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    header, body = rows[0], rows[1:]
    assert header[:3] == ["编号", "时间（北京时间）", "操作人"]
    expected = list(AuditEvent.objects.filter(unit=units[0]).order_by("-id").values_list("id", flat=True))
    assert [int(r[0]) for r in body] == expected
    changed = next(r for r in body if int(r[0]) == log["changed"].pk)
    assert changed[header.index("变更（字段: 变更前 → 变更后）")] == "简称: 发改委 → 县发改委"
    assert changed[header.index("客户端地址")] == "10.9.8.7"
    assert changed[header.index("哈希")] == log["changed"].hash
    # The export itself is recorded, with its filters, and is not part of its own snapshot.
    export_event = AuditEvent.objects.get(action="audit.export")
    assert export_event.actor_id == people["office"].pk
    assert export_event.after["count"] == len(body)
    assert export_event.after["filters"] == {"unit_id": units[0].pk}


def test_xlsx_export_content(client, people, log):
    _login(client, people["office"])
    response = client.get(reverse("audit:export", args=["xlsx"]), {"action": "unit.update"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "编号"
    assert len(rows) == 2
    assert rows[1][0] == log["changed"].pk
    assert rows[1][2] == "王办"
    assert rows[1][9] == "简称: 发改委 → 县发改委"


def test_exports_never_carry_formulas(client, people, units):
    """A username typed at the login form is attacker-controlled; spreadsheets must show it as text."""
    services.record(
        actor=None, action="test.evil", unit=units[0], object_type="t", object_repr="=HYPERLINK(1)"
    )
    _login(client, people["office"])
    rows = _csv_rows(client.get(reverse("audit:export", args=["csv"]), {"action": "test.evil"}))
    assert rows[1][8] == "'=HYPERLINK(1)"
    response = client.get(reverse("audit:export", args=["xlsx"]), {"action": "test.evil"})
    cell = load_workbook(io.BytesIO(response.content)).active["I2"]
    # The same escape as the CSV (gongkai.core.cells): a text cell with the apostrophe, never a formula.
    assert cell.value == "'=HYPERLINK(1)"
    assert cell.data_type == "s"


def test_unknown_export_format_is_404(client, people, db):
    assert _login(client, people["office"]).get(reverse("audit:export", args=["pdf"])).status_code == 404


def test_detail_page_shows_everything(client, people, log):
    event = log["changed"]
    response = _login(client, people["office"]).get(reverse("audit:detail", args=[event.pk]))
    body = response.content.decode()
    assert event.hash in body and event.prev_hash in body
    assert "规范简称" in body and "10.9.8.7" in body
    assert "县发改委" in body


def test_verify_button_is_for_sys_admins(client, people, log):
    url = reverse("audit:verify")
    assert _login(client, people["office"]).post(url).status_code == 403
    assert "校验哈希链" not in client.get(LIST).content.decode()
    _login(client, people["sysadmin"])
    assert "校验哈希链" in client.get(LIST).content.decode()
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 200
    count = AuditEvent.objects.exclude(action="audit.verify").count()
    assert f"审计日志完整：共 {count} 条事件，哈希链校验通过。" in response.content.decode()
    assert AuditEvent.objects.get(action="audit.verify").after["ok"] is True


def test_verify_button_names_the_broken_event(client, people, log):
    target = AuditEvent.objects.filter(action="test.edit").order_by("id")[1]
    attack("UPDATE audit_auditevent SET object_repr = %s WHERE id = %s", ["改掉", target.pk])
    response = _login(client, people["sysadmin"]).post(reverse("audit:verify"))
    body = response.content.decode()
    assert "审计日志校验失败" in body
    assert f"#{target.pk}" in body
    assert "触发器缺失" in body  # the attack dropped them


def test_large_xlsx_export_is_refused_with_advice(client, people, log, monkeypatch):
    monkeypatch.setattr("gongkai.audit.views.XLSX_WEB_MAX_ROWS", 3)
    _login(client, people["office"])
    response = client.get(reverse("audit:export", args=["xlsx"]))
    assert response.status_code == 400
    assert "网页导出 Excel 最多 3 条" in response.content.decode()
    assert not AuditEvent.objects.filter(action="audit.export").exists()
    assert client.get(reverse("audit:export", args=["csv"])).status_code == 200
