from gongkai.core.errors import ServiceError


class SitecheckError(ServiceError):
    """A refused site-inspection action (网站检查、政务新媒体), with a Chinese message naming the problem and the fix."""
