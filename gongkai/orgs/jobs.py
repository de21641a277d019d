"""Background jobs of orgs (单位与账号), see docs/jobs.md."""

from gongkai.jobs.registry import JobResult, job

from . import services


@job(
    "orgs.purge_login_failures",
    label="清理登录失败记录",
    description="删除超过保存天数（GONGKAI_LOGIN_FAILURE_DAYS）的登录失败记录；审计日志中的登录失败事件保留。",
    retries=3,
    retry_delay=300,
    timeout=1800,
)
def purge_login_failures(ctx):
    return JobResult(f"已删除登录失败记录 {services.purge_login_failures()} 条。")
