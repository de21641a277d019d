"""Refusals of the work plan services (工作要点与任务分工), as ``gongkai.core.errors.ServiceError`` subclasses."""

from gongkai.core.errors import ServiceError


class WorkPlanError(ServiceError):
    """A refused action; the message is for the official (Chinese) and says what to do."""
