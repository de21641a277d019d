"""The refusals of the applications app (依申请公开): ``FoiError`` and, for a missing right, ``FoiAccessRefused``.

Every service in ``foi/actions/`` raises one of these with a Chinese message that names the problem and the fix;
``field=`` names the form field at fault so ``gongkai.common.errors.service_call`` puts the message beside it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from gongkai.core.errors import AccessRefused, ServiceError


class FoiError(ServiceError):
    """A refused action on an application (the law, the workflow or the input says no)."""


class FoiAccessRefused(FoiError, AccessRefused, PermissionDenied):
    """The actor lacks the role or the unit (``access.py`` says no).

    Views check ``access`` first and answer 403 themselves; it is also a ``PermissionDenied`` so that a refusal
    that reaches Django outside ``service_call`` still becomes a 403, never a 500.
    """

    def __init__(self, message: str = "", *, field: str | None = None, code: str = "forbidden") -> None:
        super().__init__(message, field=field, code=code)
