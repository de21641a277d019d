"""Background jobs of applications for disclosure (依申请公开), see docs/jobs.md."""

from gongkai.jobs.registry import JobResult, job

from . import services


@job(
    "foi.remind",
    label="答复期限提醒",
    description="向经办人发送临近答复期限和已超期的提醒（每件申请每天一次），并按当天日期重算答复期限。",
    retries=3,
    retry_delay=120,
    timeout=1800,
    working_days_only=True,
)
def remind(ctx):
    return JobResult(f"已发送提醒 {services.remind()} 条。")


@job(
    "foi.purge_files",
    label="清理过期身份证明材料",
    description="删除办结后超过保存期限的申请人身份证明材料（加密文件和密钥一并删除，留审计记录）。",
    retries=3,
    retry_delay=300,
    timeout=3600,
)
def purge_files(ctx):
    ids = services.purge_expired_files()
    return JobResult(f"已删除超过保存期限的身份证明材料 {len(ids)} 个。")
