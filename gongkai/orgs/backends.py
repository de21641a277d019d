"""Authentication with lockout after repeated failures (登录失败锁定)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongkai.audit.context import current

from .models import LoginFailure


def _window_start():
    return timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def is_locked(username: str, client_ip: str | None) -> bool:
    recent = LoginFailure.objects.filter(time__gte=_window_start())
    by_user = recent.filter(username__iexact=username).count()
    by_ip = recent.filter(client_ip=client_ip).count() if client_ip else 0
    # A single address guessing many accounts is locked too, with more slack for shared office NAT.
    return by_user >= settings.LOGIN_MAX_FAILURES or by_ip >= settings.LOGIN_MAX_FAILURES * 4


class AccountLocked(PermissionDenied):
    pass


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            return None
        ip = current().client_ip
        if is_locked(username, ip):
            # PermissionDenied stops Django from trying other backends and fails the login.
            raise AccountLocked()
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            LoginFailure.objects.create(username=username[:150], client_ip=ip)
        else:
            LoginFailure.objects.filter(username__iexact=username).delete()
        return user
