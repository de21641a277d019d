"""Background jobs of site inspection (see docs/jobs.md): the inspection of the portal or a listed external site,
and the reminders."""

from django.urls import reverse

from gongkai.jobs.registry import JobResult, job

from . import access, services
from .models import InspectionRun


@job(
    "sitecheck.inspect",
    label="网站巡检",
    description="抓取门户网站（或清单中的外部网站）的全部页面和附件，按国办秘函〔2019〕19号指标检查并评分，"
    "为每个问题向责任单位派发整改工单，复查关闭已整改的工单。",
    retries=0,
    timeout=3 * 3600,
    progress=True,
    access=access.can_manage_inspection,
)
def inspect(ctx):
    run_id = ctx.params.get("run")
    if run_id:
        run = InspectionRun.objects.get(pk=run_id)
        if run.state != InspectionRun.State.RUNNING:
            return JobResult(
                f"巡检#{run.pk}已{run.get_state_display()}，未重复执行。",
                reverse("sitecheck:run", args=[run.pk]),
            )
    else:  # the schedule: one run of the portal a day (a second start the same day changes nothing)
        from django.utils import timezone

        today = timezone.localdate()
        done = InspectionRun.objects.filter(site=None, started_at__date=today).first()
        if done is not None:
            return JobResult(
                f"今天已巡检（#{done.pk}），未重复执行。", reverse("sitecheck:run", args=[done.pk])
            )
        run = services.start_inspection(None, actor=ctx.actor, job_run_id=ctx.run.pk)
    run = services.run_inspection(
        run,
        actor=ctx.actor,
        options=services.Options.from_params(ctx.params),
        progress=lambda done, total, msg: ctx.progress(done, total, msg),
    )
    return JobResult(
        f"巡检{run.pages}个页面、{run.attachments}个附件，发现问题{run.finding_count}处，结论：{run.verdict}（{run.score}分）。",
        reverse("sitecheck:run", args=[run.pk]),
    )


@job(
    "sitecheck.remind",
    label="网站检查提醒",
    description="提醒责任单位：公开目录事项即将到期或已逾期未公开、政务新媒体2周未更新、僵尸号逾期未提出处置意见。",
    retries=3,
    retry_delay=120,
    timeout=1800,
    working_days_only=True,
)
def remind(ctx):
    return JobResult(f"已写入提醒 {services.remind()} 条。")


@job(
    "sitecheck.probe",
    label="网站可访问性监测",
    description="访问门户网站和清单中外部网站的首页各一次，记录能否在15秒内打开（国办秘函〔2019〕19号："
    "监测1周、每天不少于20次，打不开占比≥5%单项否决）；巡检评分按近1周的记录判断。",
    retries=0,
    timeout=600,
    access=access.can_manage_inspection,
)
def probe(ctx):
    # One round per half hour: a second start within the same half hour (a retry, 立即运行 twice) visits nothing.
    from django.utils import timezone

    from .models import ReachabilityProbe

    now = timezone.localtime()
    slot = now.replace(minute=now.minute - now.minute % 30, second=0, microsecond=0)
    if ReachabilityProbe.objects.filter(checked_at__gte=slot).exists():
        return JobResult(f"本时段（{slot:%H:%M}起）已监测，未重复访问。")
    rows = services.probe_sites(actor=ctx.actor)
    down = sum(1 for r in rows if not r.ok)
    return JobResult(f"监测网站{len(rows)}个，打不开{down}个。")
