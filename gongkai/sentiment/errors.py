from gongkai.core.errors import ServiceError


class SentimentError(ServiceError):
    """A refused action on a sentiment case (舆情), with the Chinese reason and the fix."""
