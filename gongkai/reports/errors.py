from gongkai.core.errors import ServiceError


class ReportError(ServiceError):
    """A refused annual-report action (年报), with a Chinese message naming the problem and the fix."""
