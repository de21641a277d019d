"""``gongkai annual-report check``: summary, --json, --previous, exit codes 0/1/2, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.tests.factories import annual_report as fx

GONGKAI = Path(sys.executable).with_name("gongkai")


def write(tmp_path: Path, data: fx.ReportData, layout: str = "html", name: str = "") -> Path:
    content, default = fx.render(data, layout)
    path = tmp_path / (name or default)
    path.write_bytes(content)
    return path


def run(*args) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("annual-report", "check", *map(str, args), stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc.returncode
    return out.getvalue(), 0


def test_consistent_report_summary(tmp_path):
    out, code = run(write(tmp_path, fx.consistent(), "docx"))
    assert code == 0
    assert (
        "单位：示范县市场监督管理局    年度：2025    格式：国办公开办函〔2021〕30号    版式：Word 文档（.docx）"
        in out
    )
    assert "未发现问题" in out


def test_errors_exit_1_with_json(tmp_path):
    data = fx.consistent()
    data.table3["decline_repeat"]["total"] = 5
    out, code = run(write(tmp_path, data, "cells"), "--json")
    assert code == 1
    result = json.loads(out)
    assert result["unit"] == "示范县市场监督管理局" and result["year"] == 2025
    assert [f["rule"] for f in result["findings"]] == ["column_total"]
    assert result["findings"][0]["where"] == "表三 （五）不予处理 2.重复申请 · 总计"
    assert result["tables"]["table3"]["decline_repeat"]["total"] == 5


def test_previous_report(tmp_path):
    data = fx.consistent()
    previous = fx.previous_of(data)
    previous.table2["normative"]["in_force"] = 10
    now = write(tmp_path, data, "pipe", "2025.txt")
    before = write(tmp_path, previous, "html", "2024.html")
    out, code = run(now, "--previous", before)
    assert code == 0  # a stock difference is a warning
    assert "[提示·现行有效件数] 表二 行政规范性文件 · 现行有效件数" in out
    previous.table3["carried_over"]["natural_person"] += 1
    before.write_bytes(fx.render(previous, "html")[0])
    out, code = run(now, "--previous", before, "--json")
    assert code == 1
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"carryover", "stock"}


def test_unreadable_files_exit_2(tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="文件是空的") as caught:
        call_command("annual-report", "check", str(empty))
    assert caught.value.returncode == 2
    with pytest.raises(CommandError, match="找不到年度报告文件") as caught:
        call_command("annual-report", "check", str(tmp_path / "没有.html"))
    assert caught.value.returncode == 2
    good = write(tmp_path, fx.consistent())
    binary = tmp_path / "上年.docx"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(CommandError, match="无法读取上年报告") as caught:
        call_command("annual-report", "check", str(good), "--previous", str(binary))
    assert caught.value.returncode == 2


def _shell(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    return subprocess.run(
        [str(GONGKAI), "annual-report", "check", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_the_console_script_exit_codes(tmp_path):
    assert GONGKAI.exists()
    good = write(tmp_path, fx.consistent(), "html")
    result = _shell(good, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["findings"] == []

    data = fx.consistent()
    data.table4["reconsideration"]["total"] += 1
    bad = write(tmp_path, data, "pipe")
    result = _shell(bad)
    assert result.returncode == 1
    assert "[错误·表四合计] 表四 行政复议 · 总计" in result.stdout
    assert result.stderr == ""

    junk = tmp_path / "报告.txt"
    junk.write_bytes(b"\x00\x01\x02" * 500)
    result = _shell(junk)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("无法读取年度报告 报告.txt：")
    assert "Traceback" not in result.stderr and "CommandError" not in result.stderr


def test_help_names_the_exit_codes():
    result = subprocess.run(
        [str(GONGKAI), "annual-report", "check", "--help"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0
    assert "退出码" in result.stdout and "1  发现错误" in result.stdout and "2  文件无法读取" in result.stdout
