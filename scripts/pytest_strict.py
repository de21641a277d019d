"""Run pytest and fail when it ran no test (pytest's exit code 5 is not success)."""

import os
import sys

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

code = pytest.main(sys.argv[1:])
if code == pytest.ExitCode.NO_TESTS_COLLECTED:
    print("pytest collected no tests: failing on purpose.", file=sys.stderr)
    sys.exit(1)
sys.exit(int(code))
