"""Issue 11 item 14: a failing ``gongkai`` command prints one Chinese line on stderr and exits non-zero.

Each case runs the real console entry point in a subprocess (as an operator would), on a database of its own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")


def _env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_", "DATABASE_URL"))}
    env.update({"GONGKAI_VAR_DIR": str(var_dir), "DATABASE_URL": f"sqlite:///{var_dir}/cli.sqlite3"})
    return env


def gongkai(var_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gongkai.cli", *args],
        env=_env(var_dir),
        capture_output=True,
        text=True,
        timeout=180,
    )


def assert_one_clear_line(result: subprocess.CompletedProcess, *expected: str) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert CJK.search(line), line
    assert not line.startswith("CommandError"), line
    for text in expected:
        assert text in line, line
    return line


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    var_dir = tmp_path_factory.mktemp("cli_migrated")
    result = gongkai(var_dir, "migrate", "-v0")
    assert result.returncode == 0, result.stderr
    result = gongkai(var_dir, "calendar", "seed", "--years", "2025-2026")
    assert result.returncode == 0, result.stderr
    return var_dir


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["workdays", "add", "2026-09-28", "99999999"], ["工作日数不能超过"]),
        (["workdays", "deadline", "2026-09-28", "99999999999999999999999"], ["工作日数不能超过"]),
        (["workdays", "add", "9999-12-31", "5"], ["日期范围"]),
        (["workdays", "add", "2026-09-28", "²"], ["整数"]),
        (["audit", "export", "-o", "/nonexistent/dir/x.csv"], ["/nonexistent/dir", "不存在"]),
        (["audit", "export", "-o", "/tmp"], ["/tmp", "目录"]),
        (["audit", "export", "-o", "/nonexistent/dir/x.xlsx"], ["不存在"]),
        (
            ["workpoints", "extract", "README.md", "--xlsx", "/nonexistent/d/o.xlsx"],
            ["/nonexistent/d", "不存在"],
        ),
        (["workpoints", "extract", "/nonexistent/f.docx"], ["找不到文件"]),
        (["policies", "rates", "--year", "99999"], ["年度", "99999"]),
        (["policies", "rates", "--year", "-1"], ["年度"]),
        (["calendar", "import-notice", "-", "--year", "99999"], ["年度"]),
        (["backup", "/nonexistent/d/b.tar.gz"], ["/nonexistent/d", "不存在"]),
        (["restore", "/nonexistent/b.tar.gz"], ["找不到文件"]),
        (["restore", "README.md"], ["不是 gongkai backup"]),
    ],
)
def test_bad_arguments_give_one_chinese_line(migrated, args, expected):
    readme = str(Path(__file__).resolve().parents[1] / "README.md")
    args = [readme if arg == "README.md" else arg for arg in args]
    assert_one_clear_line(gongkai(migrated, *args), *expected)


def test_the_good_path_still_answers(migrated, tmp_path):
    result = gongkai(migrated, "workdays", "add", "2026-09-28", "20")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "2026-10-30"
    out = tmp_path / "audit.csv"
    result = gongkai(migrated, "audit", "export", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["workdays", "add", "2026-09-28", "20"],
        ["audit", "verify"],
        ["audit", "export", "-o", "-"],
        ["policies", "rates", "--year", "2026"],
        ["foi", "remind"],
        ["jobs", "list"],
        ["check-files"],
        ["backup", "/tmp/never-written.tar"],
    ],
)
def test_unmigrated_database_says_run_migrate(tmp_path, args):
    line = assert_one_clear_line(gongkai(tmp_path, *args), "gongkai migrate")
    assert "尚未初始化" in line or "不一致" in line


def test_traceback_flag_still_shows_the_traceback(tmp_path):
    result = gongkai(tmp_path, "audit", "verify", "--traceback")
    assert result.returncode != 0
    assert "Traceback" in result.stderr
