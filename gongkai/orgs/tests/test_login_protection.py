"""Login protection (issue 11 item 5): nobody can lock somebody else's account out; guessing is slowed per account;
the owner is told; the office can lift a lock (audited); staff change their own password."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.orgs import services
from gongkai.orgs.errors import OrgsError
from gongkai.orgs.models import LoginFailure

from .conftest import PASSWORD, make_user

ATTACKER = "203.0.113.66"
OWNER = "198.51.100.20"


def _login(client, username, password, address):
    return client.post(
        reverse("workspace:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _guess(client, username, address, times):
    for attempt in range(times):
        _login(client, username, f"Guess-{attempt}-wrong", address)


def _age_failures(seconds):
    LoginFailure.objects.update(time=timezone.now() - timedelta(seconds=seconds))


def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(client, editor, settings):
    _guess(client, "fgw_editor", ATTACKER, settings.LOGIN_MAX_FAILURES + 3)
    # The attacker's address stopped at the limit: it is locked out of this account, even with the password.
    assert LoginFailure.objects.count() == settings.LOGIN_MAX_FAILURES
    locked = _login(client, "fgw_editor", PASSWORD, ATTACKER)
    assert "账户已锁定" in locked.content.decode() and "_auth_user_id" not in client.session
    # The owner, from another address, only waits the account's delay (a second here), then logs in.
    _age_failures(settings.GONGKAI_LOGIN_DELAY_SECONDS + 1)
    response = _login(client, "fgw_editor", PASSWORD, OWNER)
    assert response.status_code == 302, response.content.decode()[:400]


def test_right_after_failures_the_owner_is_asked_to_wait_seconds_not_minutes(client, editor, settings):
    _guess(client, "fgw_editor", ATTACKER, settings.LOGIN_MAX_FAILURES)
    response = _login(client, "fgw_editor", PASSWORD, OWNER)
    body = response.content.decode()
    assert "秒后再试" in body and "账户已锁定" not in body
    # The refused try checked no password and counts as nothing.
    assert LoginFailure.objects.count() == settings.LOGIN_MAX_FAILURES


def test_guessing_from_many_addresses_meets_a_growing_delay(client, editor, settings):
    """Each further failure of the account doubles the wait, whichever address it comes from; a try made during
    the wait is refused unchecked and uncounted."""
    _guess(client, "fgw_editor", ATTACKER, settings.LOGIN_MAX_FAILURES)
    waits = []
    for index in range(6):
        body = _login(client, "fgw_editor", "Another-guess-1", "192.0.2.99").content.decode()
        waits.append(int(body.split("请 ")[1].split(" 秒")[0]))
        LoginFailure.objects.update(time=F("time") - timedelta(seconds=waits[-1] + 0.1))
        _guess(client, "fgw_editor", f"203.0.113.{index + 1}", 1)  # counted: the wait is over
    assert waits == [settings.GONGKAI_LOGIN_DELAY_SECONDS * 2**n for n in range(6)]
    assert LoginFailure.objects.count() == settings.LOGIN_MAX_FAILURES + 6


def test_the_delay_is_capped(client, editor, settings):
    settings.GONGKAI_LOGIN_DELAY_MAX_SECONDS = 7
    _guess(client, "fgw_editor", ATTACKER, settings.LOGIN_MAX_FAILURES)
    for index in range(6):
        LoginFailure.objects.update(time=F("time") - timedelta(seconds=100))
        _guess(client, "fgw_editor", f"203.0.113.{index + 1}", 1)
    assert LoginFailure.objects.count() == settings.LOGIN_MAX_FAILURES + 6  # uncapped, the wait would be 64 s
    assert "请 7 秒后再试" in _login(client, "fgw_editor", PASSWORD, OWNER).content.decode()


def test_the_owner_is_told_on_the_next_login(client, editor, settings):
    _guess(client, "fgw_editor", ATTACKER, 3)
    assert _login(client, "fgw_editor", PASSWORD, OWNER).status_code == 302
    page = client.get(reverse("workspace:dashboard")).content.decode()
    assert "您的账号有 3 次登录失败" in page and ATTACKER in page
    assert AuditEvent.objects.get(action="auth.login").after == {"failures_since_last_login": 3}
    client.logout()
    _login(client, "fgw_editor", PASSWORD, OWNER)
    assert "登录失败" not in client.get(reverse("workspace:dashboard")).content.decode()


def test_the_owner_is_emailed_once_when_an_address_is_locked_out(client, editor, settings):
    editor.email = "li.ming@example.gov.cn"
    editor.save()
    _guess(client, "fgw_editor", ATTACKER, settings.LOGIN_MAX_FAILURES + 2)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (
        message.to == ["li.ming@example.gov.cn"] and ATTACKER in message.body and "更改密码" in message.body
    )


def test_the_office_unlocks_an_account_and_it_is_audited(client, editor, office_admin, settings):
    _guess(client, "fgw_editor", ATTACKER, settings.LOGIN_MAX_FAILURES)
    client.force_login(office_admin)
    page = client.get(reverse("orgs:login_protection")).content.decode()
    assert "fgw_editor" in page and ATTACKER in page and "已暂停" in page
    response = client.post(reverse("orgs:login_unlock"), {"username": "FGW_editor", "reason": "本人来电确认"})
    assert response.status_code == 302
    assert not LoginFailure.objects.exists()
    event = AuditEvent.objects.get(action="auth.unlocked")
    assert event.actor_id == office_admin.pk and event.object_id == str(editor.pk)
    assert event.before["failures"] == settings.LOGIN_MAX_FAILURES and event.reason == "本人来电确认"
    client.logout()
    assert _login(client, "fgw_editor", PASSWORD, ATTACKER).status_code == 302


def test_the_office_unlocks_an_address(client, editor, office_admin, settings):
    for index in range(settings.LOGIN_MAX_FAILURES * 4):
        _login(client, f"nobody-{index}", "Guess-wrong-1", ATTACKER)
    assert "当前网络地址登录失败次数过多" in _login(client, "fgw_editor", PASSWORD, ATTACKER).content.decode()
    services.unlock_login(actor=office_admin, client_ip=ATTACKER)
    assert AuditEvent.objects.get(action="auth.unlocked").object_repr == f"客户端 {ATTACKER}"
    assert _login(client, "fgw_editor", PASSWORD, ATTACKER).status_code == 302


def test_only_the_office_may_unlock(client, editor, county, settings):
    other = make_user("czj_leader", county["czj"], "leader")
    _guess(client, "fgw_editor", ATTACKER, settings.LOGIN_MAX_FAILURES)
    with pytest.raises(OrgsError, match="只有政务公开办管理员或系统管理员"):
        services.unlock_login(actor=other, username="fgw_editor")
    client.force_login(other)
    assert client.get(reverse("orgs:login_protection")).status_code == 403
    assert client.post(reverse("orgs:login_unlock"), {"username": "fgw_editor"}).status_code == 403
    assert LoginFailure.objects.count() == settings.LOGIN_MAX_FAILURES
    assert not AuditEvent.objects.filter(action="auth.unlocked").exists()


def test_a_system_administrator_may_unlock(editor, sys_admin, client, settings):
    _guess(client, "fgw_editor", ATTACKER, 2)
    assert services.unlock_login(actor=sys_admin, username="fgw_editor") == 2


def test_unlocking_nothing_is_refused_and_not_recorded(office_admin):
    with pytest.raises(OrgsError, match="没有登录失败记录"):
        services.unlock_login(actor=office_admin, username="nobody")
    with pytest.raises(OrgsError, match="二者选一"):
        services.unlock_login(actor=office_admin)
    assert not AuditEvent.objects.filter(action="auth.unlocked").exists()


# --- changing one's own password -----------------------------------------------------------------------------


def _change(client, old, new, again=None):
    return client.post(
        reverse("orgs:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": again or new},
    )


def test_staff_change_their_own_password(client, editor):
    client.force_login(editor)
    assert "当前密码" in client.get(reverse("orgs:password_change")).content.decode()
    response = _change(client, PASSWORD, "Fresh2026password")
    assert response.status_code == 302
    assert client.get(reverse("workspace:dashboard")).status_code == 200  # still signed in
    editor.refresh_from_db()
    assert editor.check_password("Fresh2026password")
    event = AuditEvent.objects.get(action="auth.password_changed")
    assert event.actor_id == editor.pk and event.object_id == str(editor.pk)
    assert "Fresh2026password" not in str((event.before, event.after, event.reason))


@pytest.mark.parametrize(
    ("old", "new", "again", "fragment"),
    [
        ("Wrong-current-1", "Fresh2026password", None, "当前密码不正确"),
        (PASSWORD, "short1", None, "太短"),
        (PASSWORD, "1234567890123", None, "只包含数字"),
        (PASSWORD, "Fresh2026password", "Fresh2026passw0rd", "两次输入的新密码不一致"),
        (PASSWORD, PASSWORD, None, "不能与当前密码相同"),
    ],
)
def test_a_bad_password_change_is_refused_in_chinese(client, editor, old, new, again, fragment):
    client.force_login(editor)
    response = _change(client, old, new, again)
    assert response.status_code == 200
    assert fragment in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="auth.password_changed").exists()


def test_nobody_changes_another_persons_password(editor, office_admin):
    with pytest.raises(OrgsError, match="只能修改自己的密码"):
        services.change_password(
            editor, actor=office_admin, old_password=PASSWORD, new_password="Fresh2026password"
        )


def test_the_demo_shows_every_state(db):
    import io

    from gongkai.orgs import demo, selectors

    demo.load(io.StringIO())
    accounts, addresses = selectors.login_protection()
    by_name = {row.username: row for row in accounts}
    assert any(locked for _, _, locked in by_name["zrzy_editor"].addresses)
    assert by_name["dsz_reviewer"].failures == 12 and len(by_name["dsz_reviewer"].addresses) == 3
    assert {row.client_ip for row in addresses if row.locked} == {demo.DEMO_SCANNER}
    assert AuditEvent.objects.filter(action="auth.unlocked", reason=demo.DEMO_UNLOCK_REASON).count() == 1
    demo.load(io.StringIO())
    assert AuditEvent.objects.filter(action="auth.unlocked").count() == 1
    assert len(selectors.login_protection()[0]) == len(accounts)


def test_old_failed_logins_are_purged_by_the_nightly_job(db, editor, office_admin, settings):
    """The job orgs.purge_login_failures deletes rows older than GONGKAI_LOGIN_FAILURE_DAYS (and only those),
    audited with the count; a unit editor cannot run the purge."""
    from gongkai.jobs import services as jobs

    settings.GONGKAI_LOGIN_FAILURE_DAYS = 30
    LoginFailure.objects.bulk_create(
        [LoginFailure(username="x", client_ip=ATTACKER) for _ in range(7)]
        + [LoginFailure(username="fgw_editor", client_ip=OWNER) for _ in range(3)]
    )
    old = list(LoginFailure.objects.filter(username="x").values_list("pk", flat=True))
    LoginFailure.objects.filter(pk__in=old).update(time=timezone.now() - timedelta(days=31))
    with pytest.raises(OrgsError, match="只有政务公开办管理员"):
        services.purge_login_failures(actor=editor)
    run = jobs.run_inline("orgs.purge_login_failures", actor=None)
    assert run.status == "succeeded", run.error
    assert "7" in run.result
    assert sorted(LoginFailure.objects.values_list("username", flat=True)) == ["fgw_editor"] * 3
    event = AuditEvent.objects.get(action="auth.failures_purged")
    assert event.after == {"deleted": 7}
    assert services.purge_login_failures(actor=office_admin) == 0  # nothing older left; no second event
    assert AuditEvent.objects.filter(action="auth.failures_purged").count() == 1
