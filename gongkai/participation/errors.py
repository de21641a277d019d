"""The refusals of public participation's actions (a ``ServiceError`` subclass, re-exported by ``services``)."""

from __future__ import annotations

from gongkai.core.errors import ServiceError


class ParticipationError(ServiceError):
    """A refused participation action; the message is for the user, in Chinese, and says how to fix it."""
