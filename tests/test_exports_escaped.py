"""Every row the platform writes to a worksheet goes through ``core.cells.escape_row`` (issue 11 item 8: a citizen's
``=HYPERLINK(…)`` must never become a live formula in an office's .xlsx). A static check over the source: in each
module, a worksheet is a name assigned from ``<book>.active`` or ``<book>.create_sheet(…)``; each ``<sheet>.append(x)``
must be ``<sheet>.append(escape_row(…))``."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "gongkai"


def _sheet_names(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value
            if (
                isinstance(value, ast.Attribute)
                and value.attr == "active"
                or (
                    isinstance(value, ast.Call)
                    and isinstance(value.func, ast.Attribute)
                    and value.func.attr == "create_sheet"
                )
            ):
                names.add(node.targets[0].id)
    return names


def _constant(arg) -> bool:
    """A header written from literals or an UPPER_CASE module constant (``list(HEADERS)``) needs no escaping."""
    if isinstance(arg, ast.List | ast.Tuple):
        return all(isinstance(e, ast.Constant) for e in arg.elts)
    if isinstance(arg, ast.Name):
        return arg.id.isupper()
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id in ("list", "tuple"):
        return len(arg.args) == 1 and _constant(arg.args[0])
    return False


def _unescaped_appends(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    sheets = _sheet_names(tree)
    bad = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "append"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in sheets
        ):
            arg = node.args[0] if node.args else None
            escaped = (
                isinstance(arg, ast.Call)
                and isinstance(arg.func, ast.Name | ast.Attribute)
                and (getattr(arg.func, "id", None) or getattr(arg.func, "attr", None)) == "escape_row"
            )
            if not escaped and not _constant(arg):
                bad.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    return bad


def test_every_worksheet_row_is_escaped():
    # Demo and sample generators write the input files a user would upload; they are not exports.
    modules = [
        p
        for p in ROOT.rglob("*.py")
        if "/tests/" not in str(p)
        and not p.name.startswith(("demo", "hotline_samples"))
        and "openpyxl" in p.read_text("utf-8")
    ]
    assert len(modules) > 10  # the check reads the real exports
    bad = [where for path in modules for where in _unescaped_appends(path)]
    assert not bad, "rows written without core.cells.escape_row: " + ", ".join(bad)


def test_the_check_catches_an_unescaped_row(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text(
        "wb = Workbook()\nws = wb.active\nws.append(['=1+1'])\nws.append(row)\nws.append(escape_row(row))\n"
        "ws.append(HEADERS)\nws.append(['序号', '姓名'])\n"
    )
    assert len(_unescaped_appends_at(sample)) == 1  # ['=1+1'] is a literal header; `row` is not


def _unescaped_appends_at(path: Path) -> list[str]:
    global ROOT
    saved, ROOT = ROOT, path.parent
    try:
        return _unescaped_appends(path)
    finally:
        ROOT = saved
