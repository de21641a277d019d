"""Settings are declared once: every GONGKAI_* variable is read in gongkai/settings.py, with its default, and nowhere
else; the apps read ``settings.GONGKAI_…``; README's table lists every variable."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gongkai"
SETTINGS_FILE = PACKAGE / "settings.py"
# The entry points only point Django at the settings module.
ENTRY_POINTS = {PACKAGE / "cli.py", PACKAGE / "wsgi.py", PACKAGE / "asgi.py"}


def _code_files(include_tests: bool = False) -> list[Path]:
    files = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if "migrations" in parts or (not include_tests and "tests" in parts):
            continue
        files.append(path)
    return sorted(files)


def _env_reads(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, code) of every os.environ / os.getenv use."""
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
            and node.attr in ("environ", "getenv")
        ):
            found.append((node.lineno, ast.unparse(node)))
    return found


def _declared_env_names() -> set[str]:
    """The GONGKAI_* names settings.py reads from the environment (string literals passed to a reader)."""
    tree = ast.parse(SETTINGS_FILE.read_text())
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"GONGKAI_[A-Z0-9_]+", node.value)
    }


def test_no_app_reads_the_environment():
    offenders = []
    for path in _code_files():
        if path == SETTINGS_FILE:
            continue
        source = path.read_text()
        for line, code in _env_reads(ast.parse(source)):
            text = source.splitlines()[line - 1]
            if path in ENTRY_POINTS and "DJANGO_SETTINGS_MODULE" in text:
                continue
            if "# environment handed to a subprocess" in text:
                continue  # copied whole for a child process (pg_dump's PATH, locale), not read as a setting
            offenders.append(f"{path.relative_to(ROOT)}:{line}: {code}")
    assert offenders == [], "read GONGKAI_* in gongkai/settings.py, then settings.GONGKAI_… in the app"


def test_no_app_reads_a_setting_with_a_default_of_its_own():
    offenders = []
    for path in _code_files():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "getattr"
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "settings"
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    assert offenders == [], "declare the setting and its default in gongkai/settings.py"


def test_every_gongkai_setting_the_code_reads_is_declared():
    used: dict[str, str] = {}
    for path in _code_files(include_tests=True):
        for name in re.findall(r"\bsettings\.(GONGKAI_[A-Z0-9_]+)", path.read_text()):
            used.setdefault(name, str(path.relative_to(ROOT)))
    assert used, "the scan found no use of a GONGKAI_ setting: the pattern is wrong"
    missing = {name: where for name, where in used.items() if not hasattr(settings, name)}
    assert missing == {}


def test_readme_lists_every_variable():
    readme = (ROOT / "README.md").read_text()
    names = _declared_env_names()
    assert "GONGKAI_FOI_UPLOAD_MAX_MB" in names and "GONGKAI_ENV" in names
    missing = sorted(name for name in names if f"`{name}`" not in readme)
    assert missing == []


def _settings_value(env_extra: dict[str, str], expression: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.update(env_extra)
    code = f"import django; django.setup(); from django.conf import settings; print(repr({expression}))"
    env["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("variable", "value", "expression", "expected"),
    [
        ("GONGKAI_FOI_UPLOAD_MAX_MB", "3", "settings.GONGKAI_FOI_UPLOAD_MAX_MB", "3"),
        ("GONGKAI_FOI_EMAIL_NOTIFY", "yes", "settings.GONGKAI_FOI_EMAIL_NOTIFY", "True"),
        ("GONGKAI_UNIT_LOCAL_PREFIXES", "县", "settings.GONGKAI_UNIT_LOCAL_PREFIXES", "('县',)"),
        (
            "GONGKAI_PRIVATE_MEDIA_ROOT",
            "/srv/gk/private",
            "str(settings.GONGKAI_PRIVATE_MEDIA_ROOT)",
            "'/srv/gk/private'",
        ),
    ],
)
def test_the_environment_reaches_the_setting(tmp_path, variable, value, expression, expected):
    result = _settings_value({"GONGKAI_VAR_DIR": str(tmp_path), variable: value}, expression)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_a_malformed_number_is_refused_with_a_chinese_message(tmp_path):
    result = _settings_value(
        {"GONGKAI_VAR_DIR": str(tmp_path), "GONGKAI_FOI_APPLY_PER_HOUR": "五"},
        "settings.GONGKAI_FOI_APPLY_PER_HOUR",
    )
    assert result.returncode != 0
    assert "GONGKAI_FOI_APPLY_PER_HOUR 应为整数" in result.stderr
