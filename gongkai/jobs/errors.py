"""The jobs app's refused actions."""

from gongkai.core.errors import ServiceError


class JobError(ServiceError):
    """Starting a job was refused (unknown job, missing role); the message says why and what to do."""
