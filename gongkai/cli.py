"""The ``gongkai`` command: every administrative task goes through it.

``gongkai <command> …`` is Django's ``manage.py <command> …`` with Gongkai's settings, so ``gongkai demo``,
``gongkai audit verify``, ``gongkai workdays add 2026-09-28 20``, ``gongkai migrate`` all work from any directory.

A command that fails prints **one Chinese line on stderr and exits non-zero**, never a traceback (命令行错误提示):
a refusal (``CommandError``) prints its message without Django's ``CommandError:`` prefix; a file that cannot be
written or read, a database that has not been migrated or cannot be reached, and any other unexpected error are
described in one line each (``--traceback`` shows the traceback, for developers).
"""

from __future__ import annotations

import errno
import os
import sys

# ``--traceback`` is not added to these (they take no command options).
_NO_TRACEBACK_FLAG = {"help", "--help", "-h", "version", "--version"}

_OS_REASONS = {
    errno.ENOENT: "文件或目录不存在",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EISDIR: "这是一个目录，请给出文件名",
    errno.EACCES: "没有读写权限",
    errno.EPERM: "没有读写权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
    errno.EEXIST: "文件已存在",
}


def describe_os_error(exc: OSError) -> str:
    """``OSError`` → one Chinese sentence naming the path and what is wrong with it."""
    reason = _OS_REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    where = f"“{exc.filename}”" if exc.filename else ""
    return f"无法读写文件{where}：{reason}。请检查路径后重试。"


def describe_database_error(exc: Exception) -> str:
    text = str(exc).lower()
    if "no such table" in text or ("relation" in text and "does not exist" in text):
        return "数据库尚未初始化或未升级到当前版本：请先运行 gongkai migrate。"
    if "no such column" in text or ("column" in text and "does not exist" in text):
        return "数据库结构与程序版本不一致：请先运行 gongkai migrate。"
    if (
        "could not connect" in text
        or ("connection" in text and "refused" in text)
        or "unable to open" in text
    ):
        return "无法连接数据库：请检查 DATABASE_URL 和数据库服务是否在运行。"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"数据库出错：{first}"


def describe(exc: BaseException) -> tuple[str, int]:
    """The one line shown for ``exc`` and the exit status."""
    from django.core.management.base import CommandError, SystemCheckError
    from django.db import DatabaseError

    if isinstance(exc, SystemCheckError):
        return str(exc).rstrip(), exc.returncode
    if isinstance(exc, CommandError):
        # An empty message: the command has already said everything on stdout and only sets the exit status
        # (``annual-report check`` exits 1 when it found errors).
        return " ".join(str(exc).split("\n")).strip(), exc.returncode or 1
    if isinstance(exc, DatabaseError):
        return describe_database_error(exc), 1
    if isinstance(exc, OSError):
        return describe_os_error(exc), 1
    if isinstance(exc, KeyboardInterrupt):
        return "已中断。", 130
    if isinstance(exc, (OverflowError, RecursionError, MemoryError)):
        return f"输入超出了可以计算的范围（{type(exc).__name__}），请缩小数值后重试。", 1
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (
        f"命令意外出错（{type(exc).__name__}{'：' + message if message else ''}）。加 --traceback 可查看详情。",
        1,
    )


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    wants_traceback = "--traceback" in args
    # With --traceback Django lets every error (CommandError too) reach us, so it is printed here in one line. The
    # flag goes right after the command's name, where commands with sub-commands accept it too.
    if args and args[0] not in _NO_TRACEBACK_FLAG and not args[0].startswith("-"):
        args = [args[0], "--traceback", *(arg for arg in args[1:] if arg != "--traceback")]
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["gongkai", *args])
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 — the one place a command's failure becomes a line of text
        if wants_traceback:
            raise
        message, status = describe(exc)
        if message:
            sys.stderr.write(message + "\n")
        sys.exit(status)


if __name__ == "__main__":
    main()
