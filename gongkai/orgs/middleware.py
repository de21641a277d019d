import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout


class IdleTimeoutMiddleware:
    """Ends a staff session after IDLE_TIMEOUT_MINUTES without a request (空闲超时自动退出)."""

    KEY = "gongkai_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last = request.session.get(self.KEY)
            if last is not None and now - last > settings.IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
                messages.info(request, f"您已超过 {settings.IDLE_TIMEOUT_MINUTES} 分钟未操作，请重新登录。")
            else:
                request.session[self.KEY] = now
        return self.get_response(request)
