"""The one base class of refused business actions (framework-free).

Every app's services raise a subclass (``PublishingError``, ``FoiError``, ``PolicyError`` …) when an action is
refused: a rule of the law or of the workflow says no, the actor lacks the role, the input cannot be used. The message
is Simplified Chinese for the user and names the problem *and* the fix; ``field`` names the form field at fault when
there is one, so a view can put the message beside that field (``gongkai.common.errors.service_call``).

It subclasses ``ValueError`` because callers that predate it (commands, parsers) catch ``ValueError``.
"""

from __future__ import annotations


class ServiceError(ValueError):
    """A refused action. ``str(exc)`` is the user-facing Chinese message."""

    def __init__(self, message: str = "", *, field: str | None = None, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return self.message or super().__str__()


class AccessRefused(ServiceError):
    """The actor may not do this (role or unit). Views answer 403 for it when no form is involved."""
