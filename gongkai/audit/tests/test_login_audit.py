"""Logins, logouts, failed attempts and lockouts are recorded (gongkai/orgs/signals.py)."""

import pytest
from django.urls import reverse

from gongkai.audit import services
from gongkai.audit.models import AuditEvent
from gongkai.orgs.models import User

PASSWORD = "Audit2026check"


def _post_login(client, username, password):
    return client.post(reverse("workspace:login"), {"username": username, "password": password})


def test_login_and_logout_are_recorded(client, people):
    user = people["editor_a"]
    assert _post_login(client, "editor_a", PASSWORD).status_code == 302
    client.post(reverse("workspace:logout"))
    events = list(AuditEvent.objects.filter(action__startswith="auth.").order_by("id"))
    assert [e.action for e in events] == ["auth.login", "auth.logout"]
    for event in events:
        assert (event.actor_id, event.object_type, event.object_id) == (user.pk, "orgs.user", str(user.pk))
        assert event.client_ip == "127.0.0.1"
    assert services.verify().ok


def test_failed_login_records_the_username_never_the_password(client, people):
    _post_login(client, "editor_a", "Wrong-password-77")
    _post_login(client, "nobody_here", "Another-secret-88")
    failed = list(AuditEvent.objects.filter(action="auth.login_failed").order_by("id"))
    assert [e.after["username"] for e in failed] == ["editor_a", "nobody_here"]
    assert failed[0].object_id == str(people["editor_a"].pk)
    assert failed[1].object_id == "" and failed[1].after["account_exists"] is False
    assert all(e.actor_id is None and e.actor_name == "未登录访客" for e in failed)
    dump = str([(e.before, e.after, e.reason, e.object_repr) for e in AuditEvent.objects.all()])
    assert "Wrong-password-77" not in dump and "Another-secret-88" not in dump


def test_lockout_is_recorded_once(client, people, settings):
    for attempt in range(settings.LOGIN_MAX_FAILURES + 2):
        _post_login(client, "editor_a", f"Wrong-password-{attempt}")
    locks = AuditEvent.objects.filter(action="auth.locked")
    assert locks.count() == 1
    lock = locks.get()
    assert lock.object_id == str(people["editor_a"].pk)
    assert f"登录失败 {settings.LOGIN_MAX_FAILURES} 次" in lock.reason
    # The failure that locked the account is recorded just before the lock.
    previous = AuditEvent.objects.filter(id__lt=lock.id).order_by("-id").first()
    assert previous.action == "auth.login_failed" and previous.reason == "账号处于锁定状态"


def test_a_lock_after_an_expired_one_is_recorded_again(client, people, settings):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.orgs.models import LoginFailure

    for attempt in range(settings.LOGIN_MAX_FAILURES):
        _post_login(client, "editor_a", f"Wrong-password-{attempt}")
    LoginFailure.objects.update(time=timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1))
    for attempt in range(settings.LOGIN_MAX_FAILURES):
        _post_login(client, "editor_a", f"Wrong-again-{attempt}")
    assert AuditEvent.objects.filter(action="auth.locked").count() == 2


@pytest.mark.parametrize("username", ["", "=cmd|' /C calc'!A0"])
def test_odd_usernames_are_recorded_safely(client, db, username):
    _post_login(client, username, "whatever-123")
    if username:
        assert AuditEvent.objects.get(action="auth.login_failed").after["username"] == username
    assert not User.objects.exists()
    assert services.verify().ok


def test_lock_is_recorded_once_whatever_the_case_typed(client, people, settings):
    for attempt in range(settings.LOGIN_MAX_FAILURES + 1):
        _post_login(client, "Editor_A" if attempt % 2 else "EDITOR_a", f"Wrong-password-{attempt}")
    lock = AuditEvent.objects.get(action="auth.locked")
    assert lock.object_repr == "账号 editor_a"
