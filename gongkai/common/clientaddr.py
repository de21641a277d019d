"""The one place a request's client address is read (客户端地址): the audit log, the login lockout and every rate
limit call ``client_ip`` (the audit middleware puts its value into the request context).

``GONGKAI_TRUSTED_PROXIES`` says how many reverse proxies stand in front of the application and
``GONGKAI_TRUSTED_PROXY_HEADER`` which header they write (README § 生产部署); the rule is ``core.clientaddr``.
"""

from django.conf import settings

from gongkai.core.clientaddr import client_address


def client_ip(request) -> str | None:
    header = settings.GONGKAI_TRUSTED_PROXY_HEADER
    forwarded = request.META.get(header) if header else None
    return client_address(request.META.get("REMOTE_ADDR"), forwarded, settings.GONGKAI_TRUSTED_PROXIES)
