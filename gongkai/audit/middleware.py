from gongkai.common.clientaddr import client_ip

from .context import RequestContext, _current

__all__ = ["RequestContextMiddleware", "client_ip"]


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(
            RequestContext(
                client_ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:200]
            )
        )
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
