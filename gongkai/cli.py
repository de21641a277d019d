"""The ``gongkai`` command: every administrative task goes through it.

``gongkai <command> …`` is Django's ``manage.py <command> …`` with Gongkai's settings, so ``gongkai demo``,
``gongkai audit verify``, ``gongkai workdays add 2026-09-28 20``, ``gongkai migrate`` all work from any directory.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
