"""Production settings pass Django's deployment checks, and refuse to start without a secret key."""

import os
import secrets
import subprocess
import sys

from cryptography.fernet import Fernet


def _run(env_extra: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_", "DATABASE_URL"))}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "gongkai.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_production(tmp_path):
    result = _run(
        {
            "GONGKAI_ENV": "production",
            "GONGKAI_SECRET_KEY": secrets.token_urlsafe(64),
            "GONGKAI_ALLOWED_HOSTS": "xxgk.example.gov.cn",
            "GONGKAI_FOI_FILE_KEY": Fernet.generate_key().decode(),
            "GONGKAI_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path}/prod.sqlite3",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_refuses_with_a_clear_message(tmp_path):
    result = _run({"GONGKAI_ENV": "production", "GONGKAI_VAR_DIR": str(tmp_path)}, "check")
    assert result.returncode != 0
    assert "GONGKAI_SECRET_KEY" in result.stderr


def test_development_check_deploy_does_warn(tmp_path):
    """The deploy check is able to fail: the development profile (DEBUG on, no HSTS) must not pass it."""
    result = _run({"GONGKAI_VAR_DIR": str(tmp_path)}, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
