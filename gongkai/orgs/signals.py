"""Login auditing (登录审计): logins, logouts, failed attempts and lockouts go to the audit log.

A failed attempt records the username tried, never the password. The lockout itself
(``gongkai.orgs.backends``) is recorded once per lock, when the failure that triggers it is recorded. Attempts that
the login form refuses while an account is locked do not reach ``authenticate`` and are not recorded one by one.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from gongkai.audit.context import current
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import record

from .backends import _window_start, is_locked
from .models import LoginFailure, User


class _Visitor:
    """The actor of a failed login: nobody is logged in."""

    pk = None
    display_name = "未登录访客"


def _account(username: str) -> User | None:
    return User.objects.filter(username__iexact=username).first() if username else None


@receiver(user_logged_in, dispatch_uid="gongkai_audit_login")
def on_login(sender, request, user, **kwargs):
    record(actor=user, action="auth.login", obj=user)


@receiver(user_logged_out, dispatch_uid="gongkai_audit_logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(actor=user, action="auth.logout", obj=user)


@receiver(user_login_failed, dispatch_uid="gongkai_audit_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password in ``credentials``; only the username is kept.
    username = str(credentials.get("username") or "")[:150]
    account = _account(username)
    ip = current().client_ip
    locked = bool(username) and is_locked(username, ip)
    record(
        actor=_Visitor(),
        action="auth.login_failed",
        object_type="orgs.user",
        object_id=str(account.pk) if account else "",
        object_repr=f"账号 {username}",
        after={"username": username, "account_exists": account is not None},
        reason="账号处于锁定状态" if locked else "",
    )
    if locked:
        _record_lock(username, ip, account)


def _record_lock(username: str, ip: str | None, account: User | None) -> None:
    """One ``auth.locked`` event per lock: skipped when this lock (its latest failure) was already recorded."""
    recent = LoginFailure.objects.filter(time__gte=_window_start())
    by_user = recent.filter(username__iexact=username)
    limit = settings.LOGIN_MAX_FAILURES
    if by_user.count() >= limit:
        # Lockout counts usernames case-insensitively; name the lock the same way so it is recorded once.
        name = account.username if account else username.lower()
        failures, subject, who = by_user, f"账号 {name}", "该账号"
        object_type, object_id = "orgs.user", str(account.pk) if account else ""
    else:
        failures, subject, who = recent.filter(client_ip=ip), f"客户端 {ip}", "该地址"
        object_type, object_id = "auth.client", ip or ""
    why = f"{settings.LOGIN_LOCKOUT_MINUTES} 分钟内{who}登录失败 {failures.count()} 次"
    latest = failures.order_by("-time").values_list("time", flat=True).first()
    already = AuditEvent.objects.filter(action="auth.locked", object_repr=subject)
    if latest is not None and already.filter(time__gte=latest).exists():
        return
    record(
        actor=_Visitor(),
        action="auth.locked",
        object_type=object_type,
        object_id=object_id,
        object_repr=subject,
        after={"username": username, "client_ip": ip, "minutes": settings.LOGIN_LOCKOUT_MINUTES},
        reason=f"{why}，锁定 {settings.LOGIN_LOCKOUT_MINUTES} 分钟",
    )
