"""``gongkai foi due`` prints the due date on its first line, then the computation."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args) -> list[str]:
    out = StringIO()
    call_command("foi", "due", *args, stdout=out)
    return out.getvalue().splitlines()


def test_due_national_day(calendar):
    lines = run("--received", "2026-09-28")
    assert lines[0] == "2026-10-30"
    assert any("国庆节调休上班，计为第5个工作日" in line for line in lines)
    assert any("国庆节放假" in line for line in lines)


def test_due_with_everything(calendar):
    lines = run(
        "--received",
        "2026-09-28",
        "--correction-received",
        "2026-10-09",
        "--extend",
        "5",
        "--pause",
        "2026-10-12:2026-10-16",
    )
    assert lines[0] == "2026-11-19"
    assert any("重新起算" in line for line in lines) and any("内有5个工作日未计入" in line for line in lines)


def test_repeated_pauses_and_local_limit(calendar):
    lines = run(
        "--received",
        "2026-09-21",
        "--limit",
        "15",
        "--pause",
        "2026-09-24:2026-09-30",
        "--pause",
        "2026-10-08:2026-10-21",
    )
    # 15 working days excluded (9/24,28,29,30; 10/8,9,10,12–16,19–21): 9/22, 9/23, then 10/22 … 11/9.
    assert lines[0] == "2026-11-09"


def test_provisional_in_2027(calendar):
    lines = run("--received", "2026-12-10")
    assert lines[0] == "2027-01-08 (provisional)"  # 元旦 2027 is a statutory day off
    assert any("2027年节假日安排尚未录入" in line for line in lines)


def test_bad_input_is_explained(calendar):
    with pytest.raises(CommandError, match="开始日期:结束日期"):
        run("--received", "2026-09-28", "--pause", "2026-10-12")
    with pytest.raises(CommandError, match="最长不得超过20个工作日"):
        run("--received", "2026-09-28", "--extend", "25")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--received", "28/09/2026")
