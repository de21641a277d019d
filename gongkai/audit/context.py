"""The request a service runs under (actor and client address), for audit events.

Set by ``RequestContextMiddleware`` for web requests; commands and tests may use ``audit_context`` directly.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    client_ip: str | None = None
    user_agent: str = ""
    channel: str = "web"  # web / cli / system / job


_SYSTEM = RequestContext(channel="system")
_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "gongkai_request_context", default=None
)


def current() -> RequestContext:
    return _current.get() or _SYSTEM


@contextmanager
def audit_context(**kwargs):
    token = _current.set(RequestContext(**kwargs))
    try:
        yield
    finally:
        _current.reset(token)
