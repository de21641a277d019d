"""One way for views to turn a refused action (``ServiceError``) into what the user sees.

    with service_call(request, form) as call:
        pub = services.create_draft(unit, actor=request.user, **fields)
    if call.ok:
        messages.success(request, "草稿已保存。")
        return redirect(pub)
    return render(...)  # the form now carries the error beside its field (or at the top)

Without a form the message goes to Django's messages framework (shown at the top of the next page). Only
``ServiceError`` is caught: programming errors still surface as 500s (and in the logs).
"""

from __future__ import annotations

from types import TracebackType

from django.contrib import messages

from gongkai.core.errors import ServiceError


class service_call:  # noqa: N801 — used as a context manager, reads like a statement
    """Context manager: runs a service call, reports a ``ServiceError`` on ``form`` (or as a message)."""

    def __init__(self, request, form=None, *, field: str | None = None) -> None:
        self.request = request
        self.form = form
        self.field = field
        self.error: ServiceError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def failed(self) -> bool:
        return self.error is not None

    def __enter__(self) -> service_call:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool:
        if exc is None or not isinstance(exc, ServiceError):
            return False
        self.error = exc
        report(self.request, exc, self.form, field=self.field)
        return True


def report(request, exc: ServiceError, form=None, *, field: str | None = None) -> None:
    """Put ``exc`` where the user will read it: beside the named field, at the top of the form, or as a message."""
    if form is not None:
        target = exc.field if exc.field and exc.field in form.fields else field
        if target is not None and target not in form.fields:
            target = None
        form.add_error(target, str(exc))
    else:
        messages.error(request, str(exc))
