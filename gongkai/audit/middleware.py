from .context import RequestContext, _current


def client_ip(request) -> str | None:
    """The client address. Behind a proxy set GONGKAI_TRUSTED_PROXY_HEADER (see README)."""
    from django.conf import settings

    header = settings.GONGKAI_TRUSTED_PROXY_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


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
