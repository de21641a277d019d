from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm

from gongkai.audit.context import current
from gongkai.orgs.backends import is_locked


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。连续输错 %(max)s 次将锁定 %(minutes)s 分钟。",
        "inactive": "该账户已停用，请联系政务公开办。",
        "locked": "登录失败次数过多，账户已锁定，请 %(minutes)s 分钟后再试，或联系系统管理员解锁。",
    }

    def _locked_error(self):
        params = {"minutes": settings.LOGIN_LOCKOUT_MINUTES}
        return forms.ValidationError(self.error_messages["locked"], code="locked", params=params)

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and is_locked(username, current().client_ip):
            raise self._locked_error()
        try:
            return super().clean()
        except forms.ValidationError:
            # The failure just recorded may be the one that locks the account: say so now.
            if username and is_locked(username, current().client_ip):
                raise self._locked_error()
            raise

    def get_invalid_login_error(self):
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"max": settings.LOGIN_MAX_FAILURES, "minutes": settings.LOGIN_LOCKOUT_MINUTES},
        )
