"""Authentication with login protection (登录保护): lock per account and client address, lock per address, and a
progressive delay per account (the rules are ``gongkai.core.login_guard``; docs/security.md says why they are ours
and not django-axes').

Every failed password is a ``LoginFailure`` row (account name as typed, client address from
``gongkai.common.clientaddr`` through the request context). A successful login deletes the account's rows, after
summing them up for the owner (``user.failures_since_last_login``, shown on the next page by ``signals.on_login``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils import timezone

from gongkai.audit.context import current
from gongkai.core.login_guard import ACCOUNT_AND_ADDRESS, ADDRESS, LoginPolicy, Refusal, decide

from .models import LoginFailure


def policy() -> LoginPolicy:
    return LoginPolicy(
        max_failures=settings.LOGIN_MAX_FAILURES,
        window_seconds=settings.LOGIN_LOCKOUT_MINUTES * 60,
        delay_seconds=settings.GONGKAI_LOGIN_DELAY_SECONDS,
        delay_max_seconds=settings.GONGKAI_LOGIN_DELAY_MAX_SECONDS,
    )


def _window_start() -> datetime:
    return timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def recent_failures():
    return LoginFailure.objects.filter(time__gte=_window_start())


def refusal(username: str, client_ip: str | None) -> Refusal | None:
    """Why a try for ``username`` from ``client_ip`` is refused now (None: the password may be checked)."""
    recent = recent_failures()
    account = recent.filter(username__iexact=username)
    stats = account.aggregate(latest=Max("time"))
    latest = stats["latest"]
    return decide(
        pair_failures=account.filter(client_ip=client_ip).count()
        if client_ip
        else account.filter(client_ip__isnull=True).count(),
        address_failures=recent.filter(client_ip=client_ip).count() if client_ip else 0,
        account_failures=account.count(),
        seconds_since_account_failure=(timezone.now() - latest).total_seconds() if latest else None,
        policy=policy(),
    )


def is_locked(username: str, client_ip: str | None) -> bool:
    """Locked (not merely delayed): this address is out of this account, or out altogether, for the window."""
    found = refusal(username, client_ip)
    return found is not None and found.reason in (ACCOUNT_AND_ADDRESS, ADDRESS)


@dataclass(frozen=True)
class FailureSummary:
    """The failed logins of an account since its last successful one, for the owner's notice."""

    count: int
    addresses: int
    last_time: datetime
    last_address: str | None


def summarize(username: str) -> FailureSummary | None:
    rows = LoginFailure.objects.filter(username__iexact=username)
    last = rows.order_by("-time").first()
    if last is None:
        return None
    addresses = rows.values("client_ip").distinct().count()
    return FailureSummary(rows.count(), addresses, last.time, last.client_ip)


class AccountLocked(PermissionDenied):
    pass


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            return None
        ip = current().client_ip
        if refusal(username, ip) is not None:
            # PermissionDenied stops Django from trying other backends and fails the login.
            raise AccountLocked()
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            LoginFailure.objects.create(username=username[:150], client_ip=ip)
        else:
            user.failures_since_last_login = summarize(username)
            LoginFailure.objects.filter(username__iexact=username).delete()
        return user
