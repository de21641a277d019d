"""Argument checks shared by the ``gongkai`` commands (命令行参数校验), so a bad value is refused in one Chinese line
before any work is done (``gongkai/cli.py`` prints it; see docs/security.md "命令行"). The checks raise
``CommandError`` rather than argparse's error, which argparse lets through: the user gets the one line, not the usage.

    parser.add_argument("-o", "--output", type=cliargs.output_file)
    parser.add_argument("--year", type=cliargs.year)
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import CommandError

# Years a county's records can be about: the commands refuse others before computing dates from them.
FIRST_YEAR = 1949
LAST_YEAR = 2100


def output_file(value: str) -> Path:
    """An argparse ``type``: a file the command may create or overwrite (``-`` is standard output)."""
    if value == "-":
        return Path(value)
    path = Path(value).expanduser()
    if not value.strip():
        raise CommandError("输出文件名不能为空。")
    if path.is_dir():
        raise CommandError(f"“{value}”是一个目录，请给出文件名，例如 {path / '导出.csv'}。")
    parent = path.parent
    if not parent.exists():
        raise CommandError(f"目录“{parent}”不存在，请先创建它或换一个位置。")
    if not parent.is_dir():
        raise CommandError(f"“{parent}”不是目录，请换一个位置。")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(f"没有写入“{path}”的权限，请换一个位置。")
    return path


def existing_file(value: str) -> Path:
    """An argparse ``type``: a file that must exist and be readable."""
    path = Path(value).expanduser()
    if path.is_dir():
        raise CommandError(f"“{value}”是一个目录，请给出文件名。")
    if not path.is_file():
        raise CommandError(f"找不到文件“{value}”，请检查路径。")
    return path


def year(value: str) -> int:
    """An argparse ``type``: a four-digit year in the range the platform computes dates for."""
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise CommandError(f"年度应为{FIRST_YEAR}到{LAST_YEAR}之间的四位数字，例如 2026（收到：{value}）。")
    return int(text)
