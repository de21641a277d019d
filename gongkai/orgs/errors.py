"""Refusals of the units and staff services (单位与人员), as ``gongkai.core.errors.ServiceError`` subclasses."""

from gongkai.core.errors import ServiceError


class OrgsError(ServiceError):
    """A refused change of units, staff or roles; ``field`` names the unit or account field at fault."""


class UploadError(OrgsError):
    """The uploaded unit table as a whole cannot be read (wrong type, too big, unknown encoding)."""

    def __init__(self, message: str = "", *, field: str | None = "file", code: str = "") -> None:
        super().__init__(message, field=field, code=code)
