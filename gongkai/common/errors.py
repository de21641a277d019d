"""One way for views to turn a refused action (``ServiceError``) into what the user sees.

    with service_call(request, form) as call:
        pub = services.create_draft(unit, actor=request.user, **fields)
    if call.ok:
        messages.success(request, "草稿已保存。")
        return redirect(pub)
    return render(...)  # the form now carries the error beside its field (or at the top)

Without a form the message goes to Django's messages framework (shown at the top of the next page). Only
``ServiceError`` is caught: programming errors still surface as 500s (and in the logs).

The small POST-only actions (a button on a page: decide, hide, publish …) all read the same — parse the form, call
the service, say what happened, go back to the page — and are written once with :func:`post_action`:

    @require_POST
    def hide(request, pk):
        op = ...  # 404 / 403 first
        return post_action(
            request,
            lambda data: services.hide(op, actor=request.user, reason=data["reason"]),
            form=forms.HideForm(request.POST),
            done="已屏蔽。",
            back=op.consultation,
        )
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

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


def first_form_error(request, form) -> None:
    """The form's first error as a message (a POST-only action has no page of its own to show the form on)."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else None
        text = "；".join(errors)
        messages.error(request, f"{label}：{text}" if label else text)
        return


def safe_next(request, default: Any) -> Any:
    """``next`` from the POST when it is a path on this site (never another host: no open redirect), else
    ``default``."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def post_action(
    request,
    call: Callable[[dict], object],
    *,
    back: Any,
    form=None,
    done: str = "",
) -> HttpResponseRedirect:
    """A POST-only action: validate ``form`` (its first error becomes a message), run ``call(cleaned_data)`` inside
    :class:`service_call` (a ``ServiceError`` becomes a message), flash ``done`` — or the string ``call`` returns —
    and redirect to ``back`` (a URL, a model with ``get_absolute_url`` or a URL name)."""
    if form is not None and not form.is_valid():
        first_form_error(request, form)
        return redirect(back)
    data = form.cleaned_data if form is not None else {}
    with service_call(request) as result:
        said = call(data)
    if result.ok:
        text = said if isinstance(said, str) and said else done
        if text:
            messages.success(request, text)
    return redirect(back)
