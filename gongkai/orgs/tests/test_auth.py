"""Login lockout, password rules and the idle-session timeout."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.orgs.middleware import IdleTimeoutMiddleware
from gongkai.orgs.models import LoginFailure, Membership, Unit, User
from gongkai.roles import Role

PASSWORD = "Correct2026horse"


@pytest.fixture
def staff(db):
    unit = Unit.objects.create(name="测试县发展和改革委员会", short_name="县发改委")
    user = User.objects.create_user("fgw_editor", password=PASSWORD, full_name="李明")
    Membership.objects.create(user=user, unit=unit, role=Role.EDITOR)
    return user


def _login(client, password, username="fgw_editor"):
    return client.post(reverse("workspace:login"), {"username": username, "password": password})


def test_login_reaches_the_dashboard(client, staff):
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    page = client.get(reverse("workspace:dashboard"))
    assert "我的待办" in page.content.decode()


def test_wrong_password_names_the_lockout_rule(client, staff):
    response = _login(client, "wrong-password-1")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    assert LoginFailure.objects.filter(username="fgw_editor").count() == 1


def test_lockout_after_repeated_failures_refuses_even_the_right_password(client, staff, settings):
    for attempt in range(settings.LOGIN_MAX_FAILURES):
        _login(client, f"wrong-password-{attempt}")
    response = _login(client, PASSWORD)
    body = response.content.decode()
    assert response.status_code == 200
    assert "账户已锁定" in body
    assert "_auth_user_id" not in client.session


def test_lockout_expires(client, staff, settings):
    for attempt in range(settings.LOGIN_MAX_FAILURES):
        _login(client, f"wrong-password-{attempt}")
    # Move the failures back beyond the lockout window.
    from datetime import timedelta

    from django.utils import timezone

    LoginFailure.objects.update(time=timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1))
    assert _login(client, PASSWORD).status_code == 302


def test_success_clears_earlier_failures(client, staff, settings):
    for attempt in range(settings.LOGIN_MAX_FAILURES - 1):
        _login(client, f"wrong-password-{attempt}")
    assert _login(client, PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username="fgw_editor").exists()


@pytest.mark.parametrize(
    "password, fragment",
    [
        ("short1", "太短"),
        ("abcdefghijkl", "字母和数字"),
        ("1234567890123", "只包含数字"),
        ("password123", "太常见"),
    ],
)
def test_password_rules(password, fragment):
    with pytest.raises(ValidationError) as exc:
        validate_password(password)
    assert any(fragment in m for m in exc.value.messages), exc.value.messages


def test_a_good_password_passes():
    validate_password("Gongkai2026demo")


def test_idle_session_times_out(client, staff, settings):
    assert _login(client, PASSWORD).status_code == 302
    assert client.get(reverse("workspace:dashboard")).status_code == 200
    session = client.session
    session[IdleTimeoutMiddleware.KEY] = time.time() - settings.IDLE_TIMEOUT_MINUTES * 60 - 5
    session.save()
    response = client.get(reverse("workspace:dashboard"))
    assert response.status_code == 302
    assert reverse("workspace:login") in response["Location"]


def test_dashboard_requires_login(client, db):
    response = client.get(reverse("workspace:dashboard"))
    assert response.status_code == 302
    assert reverse("workspace:login") in response["Location"]


def test_admin_site_is_for_system_administrators_only(client, staff):
    staff.is_staff = True  # even a Django "staff" flag is not enough without being a superuser
    staff.save()
    _login(client, PASSWORD)
    response = client.get("/sysadmin/")
    assert response.status_code in (302, 403)


def test_audit_link_only_for_those_who_may_browse_it(client, staff, db):
    _login(client, PASSWORD)
    assert "/work/audit/" not in client.get(reverse("workspace:dashboard")).content.decode()
    Membership.objects.create(user=staff, unit=staff.units.first(), role=Role.LEADER)
    client.logout()
    _login(client, PASSWORD)
    assert "/work/audit/" in client.get(reverse("workspace:dashboard")).content.decode()
