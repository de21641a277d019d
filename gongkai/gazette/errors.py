from gongkai.core.errors import ServiceError


class GazetteError(ServiceError):
    """A refused gazette action (政府公报), with a Chinese message naming the problem and the fix."""
