"""Every recorded audit action has a Chinese label, and the audit log shows labels and names, not codes and ids.

The actions are read from the source: ``audit.record(action="app.verb")`` (every string constant of the ``action``
expression, e.g. both sides of a conditional) and the apps' own helpers ``record(actor, "verb", …)`` /
``transition(actor, pub, "verb", …)``, which prefix the app's name. Each app names its actions in
``gongkai/<app>/audit_labels.py`` (``LABELS``, with optional ``KEYS`` and ``VALUES`` for before/after keys that are
no model field) and registers them from ``AppConfig.ready`` with ``audit.presentation.register_actions``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "gongkai"
HELPERS = {"record", "_record", "transition"}


def _strings(expr: ast.expr) -> list[str]:
    if isinstance(expr, ast.JoinedStr):
        return []  # built at run time: the helper's call sites are read instead
    return [
        node.value
        for node in ast.walk(expr)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value
    ]


def recorded_actions() -> dict[str, str]:
    """action → the file that records it."""
    found: dict[str, str] = {}
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if "tests" in rel.parts or "migrations" in rel.parts or len(rel.parts) < 2:
            continue
        app = rel.parts[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in HELPERS:
                continue
            exprs = [k.value for k in node.keywords if k.arg == "action"]
            if not exprs:
                exprs = [
                    a
                    for a in node.args[:3]
                    if (isinstance(a, ast.Constant) and isinstance(a.value, str)) or isinstance(a, ast.IfExp)
                ][:1]
            for expr in exprs:
                for text in _strings(expr):
                    if " " in text or not text.replace("_", "").replace(".", "").isalpha():
                        continue
                    found.setdefault(text if "." in text else f"{app}.{text}", str(rel))
    return found


def test_the_scan_finds_the_actions_of_every_kind_of_call_site():
    found = recorded_actions()
    # A keyword literal, a conditional, an app helper and publishing's state transition.
    for action in ("workplan.progress_reported", "calendar.import_notice", "calendar.replace_notice"):
        assert action in found
    for action in (
        "policies.extension_approve",
        "policies.extension_reject",
        "foi.close",
        "publishing.withdraw",
    ):
        assert action in found
    assert len(found) > 100


def test_every_recorded_action_has_a_chinese_label():
    from gongkai.audit.presentation import ACTION_LABELS

    missing = {action: where for action, where in recorded_actions().items() if action not in ACTION_LABELS}
    assert not missing, (
        f"audit actions without a Chinese label (add them to <app>/audit_labels.py): {missing}"
    )
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in ACTION_LABELS.values())


@pytest.mark.django_db
def test_the_log_shows_labels_state_names_and_unit_names(client):
    from gongkai.audit import presentation
    from gongkai.audit.services import record
    from gongkai.orgs.models import Membership, Unit, User
    from gongkai.roles import Role

    town = Unit.objects.create(name="示范县城关镇人民政府", short_name="城关镇", kind="township")
    dept = Unit.objects.create(name="示范县发展和改革委员会", short_name="县发改委", kind="department")
    event = record(
        actor=None,
        action="workplan.progress_reported",
        object_type="workplan.task",
        object_id="7",
        object_repr="（一）推进政策解读",
        unit=town,
        before={"status": "not_started", "units": [town.pk]},
        after={"status": "in_progress", "percent": 40, "units": [town.pk, dept.pk]},
    )
    lines = presentation.changes_text(event)
    assert presentation.action_label(event.action) == "报送进展"
    assert "未开始 → 进行中" in lines and "not_started" not in lines
    assert "城关镇 → 城关镇、县发改委" in lines and str(dept.pk) not in lines.replace("40", "")
    assert "完成进度（%）: （空） → 40" in lines

    office = User.objects.create_user("office_a", password="Testpass2026x", full_name="办公室")
    Membership.objects.create(
        user=office,
        unit=Unit.objects.create(name="示范县人民政府办公室", kind="office"),
        role=Role.OFFICE_ADMIN,
    )
    client.force_login(office)
    body = re.sub(r"<[^>]+>", " ", client.get("/work/audit/").content.decode())  # the text people read
    assert "报送进展" in body and "未开始" in body and "进行中" in body and "县发改委" in body
    for code in ("workplan.progress_reported", "not_started", "in_progress"):
        assert code not in body
    # The exports keep the code in a column of its own.
    from gongkai.audit import exports

    row = exports.row(event)
    assert row[exports.HEADER.index("操作")] == "报送进展"
    assert row[exports.HEADER.index("操作代码")] == "workplan.progress_reported"
