"""The refusals of the policy library's actions (a ``ServiceError`` subclass, re-exported by ``services``)."""

from __future__ import annotations

from gongkai.core.errors import ServiceError


class PolicyError(ServiceError):
    """A refused policy action; the message is for the user, in Chinese, and says how to fix it."""
