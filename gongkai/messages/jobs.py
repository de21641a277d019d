"""Background jobs of messages (留言办理), see docs/jobs.md."""

from gongkai.jobs.registry import JobResult, job

from . import services


@job(
    "messages.remind",
    label="留言到期提醒",
    description="提醒承办单位：留言即将到期、已逾期、有效留言超过3个月未答复（每条每天一次）。",
    retries=3,
    retry_delay=120,
    timeout=1800,
    working_days_only=True,
)
def remind(ctx):
    return JobResult(f"已写入提醒 {services.remind()} 条。")


def _office(user) -> bool:
    from . import access

    return access.can_import_hotline(user)


@job(
    "messages.hotline_check",
    label="检查12345工单文件",
    description="逐行检查上传的12345工单文件、识别承办单位，统计将新建、更新、无变化和拒绝的工单（不保存工单）。",
    retries=0,
    timeout=1800,
    progress=True,
    access=_office,
)
def hotline_check(ctx):
    imp = _import(ctx)
    got = services.check_hotline(imp, actor=ctx.actor, progress=ctx.progress)
    return JobResult(
        f"共{got['total']}行：将新建{got['create']}条、更新{got['update']}条、无变化{got['unchanged']}条、"
        f"拒绝{got['refused']}行。",
        _url(imp),
    )


@job(
    "messages.hotline_import",
    label="导入12345工单",
    description="按工单编号导入12345工单（新建、更新，重复导入不产生重复工单），全部成功或全部不保存。",
    retries=0,
    timeout=3600,
    progress=True,
    access=_office,
)
def hotline_import(ctx):
    imp = _import(ctx)
    got = services.run_import(imp, actor=ctx.actor, progress=ctx.progress)
    return JobResult(
        f"新建{got.created}条、更新{got.updated}条、无变化{got.unchanged}条、拒绝{got.refused}行。", _url(imp)
    )


def _import(ctx):
    from .errors import MessageError
    from .models import HotlineImport

    imp = HotlineImport.objects.filter(pk=ctx.params.get("import")).first()
    if imp is None:
        raise MessageError("该作业须从“12345工单导入”页面发起（没有指定导入记录）。")
    return imp


def _url(imp) -> str:
    from django.urls import reverse

    return reverse("messages:hotline_detail", args=[imp.pk])
