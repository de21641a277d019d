from gongkai.core.errors import ServiceError


class ErrataError(ServiceError):
    """A refused action on a 找错 report, with the Chinese reason and the fix."""
