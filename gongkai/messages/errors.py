from gongkai.core.errors import ServiceError


class MessageError(ServiceError):
    """A refused action on a message (留言), with the Chinese reason and the fix."""
