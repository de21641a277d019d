"""``gongkai audit export`` (verify is covered in test_chain.py)."""

import csv
import io
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from gongkai.audit import services
from gongkai.audit.models import AuditEvent


def _at(day: int, hour_utc: int, label: str):
    when = datetime(2026, 3, day, hour_utc, 0, tzinfo=UTC)
    with mock.patch("gongkai.audit.services.timezone.now", return_value=when):
        return services.record(actor=None, action="test.cli", object_type="t", object_repr=label)


@pytest.fixture
def dated(db):
    # 3 March 18:00 UTC is 4 March 02:00 in Beijing.
    return [
        _at(1, 2, "三月一日"),
        _at(2, 2, "三月二日"),
        _at(3, 18, "北京时间四日凌晨"),
        _at(5, 2, "三月五日"),
    ]


def test_csv_export_of_a_date_range(dated, tmp_path):
    out = tmp_path / "audit.csv"
    stdout = io.StringIO()
    call_command(
        "audit", "export", "--since", "2026-03-02", "--until", "2026-03-04", "-o", str(out), stdout=stdout
    )
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert [r[8] for r in rows[1:]] == ["北京时间四日凌晨", "三月二日"]
    assert rows[1][1] == "2026-03-04 02:00:00"
    assert "已导出 2 条审计事件" in stdout.getvalue()
    cli_event = AuditEvent.objects.get(action="audit.export")
    assert cli_event.channel == "cli"
    assert cli_event.after["filters"] == {"since": "2026-03-02", "until": "2026-03-04"}
    assert services.verify().ok


def test_xlsx_export_by_extension(dated, tmp_path):
    out = tmp_path / "audit.xlsx"
    call_command("audit", "export", "-o", str(out), stdout=io.StringIO())
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert len(rows) == 1 + len(dated)
    assert [r[0] for r in rows[1:]] == [e.pk for e in reversed(dated)]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "2026-02-30"], "不是有效日期"),
        (["--since", "2026-03-05", "--until", "2026-03-01"], "晚于截止日期"),
        (["--format", "xlsx", "-o", "-"], "标准输出"),
    ],
)
def test_export_refuses_bad_arguments(db, tmp_path, args, message):
    if "-o" not in args:
        args = [*args, "-o", str(tmp_path / "x.csv")]
    with pytest.raises(CommandError, match=message):
        call_command("audit", "export", *args)
    assert not (tmp_path / "x.csv").exists()
