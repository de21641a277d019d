from gongkai.core.errors import ServiceError


class AssessmentError(ServiceError):
    """A refused assessment action (考核), with a Chinese message naming the problem and the fix."""
