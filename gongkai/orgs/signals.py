"""Login auditing (登录审计): logins, logouts, failed attempts and lockouts go to the audit log; the owner of an
account is told about failed logins (a message on the next login, an e-mail when an address is locked out).

A failed attempt records the username tried, never the password. A lockout (``gongkai.orgs.backends``) is recorded
once per lock, when the failure that triggers it is recorded. Attempts that the login form refuses while an address is
locked out or an account's delay runs do not reach ``authenticate`` and are not recorded one by one.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.mail import send_mail
from django.dispatch import receiver
from django.utils import timezone

from gongkai.audit.context import current
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import record

from .backends import is_locked, recent_failures
from .models import User

logger = logging.getLogger(__name__)


class _Visitor:
    """The actor of a failed login: nobody is logged in."""

    pk = None
    display_name = "未登录访客"


def _account(username: str) -> User | None:
    return User.objects.filter(username__iexact=username).first() if username else None


def failures_notice(summary) -> str:
    when = timezone.localtime(summary.last_time).strftime("%Y-%m-%d %H:%M")
    where = f"，最近一次来自 {summary.last_address}" if summary.last_address else ""
    return (
        f"自您上次登录以来，您的账号有 {summary.count} 次登录失败（来自 {summary.addresses} 个网络地址{where}，"
        f"{when}）。如果不是您本人操作，请立即点页面右上角的“更改密码”更换密码，并告知政务公开办。"
    )


@receiver(user_logged_in, dispatch_uid="gongkai_audit_login")
def on_login(sender, request, user, **kwargs):
    summary = getattr(user, "failures_since_last_login", None)
    after = {"failures_since_last_login": summary.count} if summary else None
    record(actor=user, action="auth.login", obj=user, after=after)
    if summary is not None and request is not None:
        messages.warning(request, failures_notice(summary), fail_silently=True)


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
    recent = recent_failures()
    pair = recent.filter(username__iexact=username, client_ip=ip)
    limit = settings.LOGIN_MAX_FAILURES
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    if pair.count() >= limit:
        # Lockout counts usernames case-insensitively; name the lock the same way so it is recorded once.
        name = account.username if account else username.lower()
        failures, subject = pair, f"账号 {name}"
        why = f"{minutes} 分钟内该账号从 {ip or '未知地址'} 登录失败 {pair.count()} 次，暂停该地址登录该账号"
        object_type, object_id = "orgs.user", str(account.pk) if account else ""
    else:
        failures, subject = recent.filter(client_ip=ip), f"客户端 {ip}"
        why = f"{minutes} 分钟内该地址登录失败 {failures.count()} 次，暂停该地址登录"
        object_type, object_id = "auth.client", ip or ""
    latest = failures.order_by("-time").values_list("time", flat=True).first()
    already = AuditEvent.objects.filter(action="auth.locked", object_repr=subject)
    if latest is not None and already.filter(time__gte=latest, after__client_ip=ip).exists():
        return
    record(
        actor=_Visitor(),
        action="auth.locked",
        object_type=object_type,
        object_id=object_id,
        object_repr=subject,
        after={"username": username, "client_ip": ip, "minutes": minutes},
        reason=f"{why} {minutes} 分钟",
    )
    if object_type == "orgs.user" and account is not None and account.email:
        _tell_owner(account, ip, pair.count())


def _tell_owner(account: User, ip: str | None, count: int) -> None:
    """E-mail the owner of an account that an address was locked out of it (Django's mail backend)."""
    body = (
        f"{account.display_name}：\n\n您在 Gongkai 政务公开工作平台的账号 {account.username} "
        f"于 {timezone.localtime():%Y-%m-%d %H:%M} 从网络地址 {ip or '未知'} 连续登录失败 {count} 次，"
        f"该地址已被暂停登录您的账号 {settings.LOGIN_LOCKOUT_MINUTES} 分钟；您从其他地址登录不受影响。\n"
        "如果不是您本人操作，请登录后点页面右上角的“更改密码”更换密码，并告知政务公开办。\n"
    )
    try:
        send_mail("【Gongkai】您的账号有多次登录失败", body, None, [account.email], fail_silently=False)
    except Exception:  # a mail server that is down must not break the login page
        logger.warning("could not e-mail the lockout notice to %s", account.username, exc_info=True)
