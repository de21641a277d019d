"""Refusals of the audit services, as ``gongkai.core.errors.ServiceError`` subclasses."""

from gongkai.core.errors import ServiceError


class AuditError(ServiceError):
    """An event that cannot be stored, an export that cannot be written, or an actor who may not do this."""
