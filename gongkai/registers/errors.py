from gongkai.core.errors import ServiceError


class RegistersError(ServiceError):
    """A refused register action (培训、听取汇报、政策评价、信息报送、优秀案例、督查通报), with a Chinese message naming
    the problem and the fix."""
