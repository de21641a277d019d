from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm

from gongkai.audit.context import current
from gongkai.core.login_guard import ACCOUNT_AND_ADDRESS, ADDRESS, DELAY
from gongkai.orgs.backends import refusal


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "用户名或密码不正确。同一账号从同一网络地址连续输错 %(max)s 次，该地址将被暂停登录该账号 %(minutes)s 分钟。"
        ),
        "inactive": "该账户已停用，请联系政务公开办。",
        "locked": (
            "登录失败次数过多，账户已锁定（仅对当前网络地址）：请 %(minutes)s 分钟后再试，"
            "或请政务公开办管理员、系统管理员解锁。"
        ),
        "address_locked": (
            "当前网络地址登录失败次数过多，已暂停登录 %(minutes)s 分钟：请稍后再试，或请系统管理员解除。"
        ),
        "delayed": "该账号近期多次登录失败，为防止密码被猜测，请 %(seconds)s 秒后再试。",
    }

    def _refusal_error(self, found):
        params = {"minutes": settings.LOGIN_LOCKOUT_MINUTES, "seconds": found.wait_seconds}
        code = {ACCOUNT_AND_ADDRESS: "locked", ADDRESS: "address_locked"}.get(found.reason, "delayed")
        return forms.ValidationError(self.error_messages[code], code=code, params=params)

    def clean(self):
        username = self.cleaned_data.get("username")
        found = refusal(username, current().client_ip) if username else None
        if found is not None:
            raise self._refusal_error(found)
        try:
            return super().clean()
        except forms.ValidationError:
            # The failure just recorded may be the one that locks this address out: say so now.
            found = refusal(username, current().client_ip) if username else None
            if found is not None and found.reason != DELAY:
                raise self._refusal_error(found)
            raise

    def get_invalid_login_error(self):
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"max": settings.LOGIN_MAX_FAILURES, "minutes": settings.LOGIN_LOCKOUT_MINUTES},
        )
