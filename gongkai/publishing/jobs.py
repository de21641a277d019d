"""Background jobs of publishing (see docs/jobs.md): scheduled publication, the full re-scan, the search index."""

from django.urls import reverse

from gongkai.jobs.registry import JobResult, job

from . import access, search, services


@job(
    "publishing.publish_due",
    label="定时发布",
    description="发布到达定时发布时间的已审查通过信息；被拦截的（如仍有未处理的个人信息）列入结果。",
    retries=3,
    retry_delay=30,
    timeout=300,
)
def publish_due(ctx):
    done, refused = services.publish_due()
    summary = f"发布 {len(done)} 条，拦截 {len(refused)} 条。"
    if refused:
        summary += " 拦截：" + "；".join(f"《{pub.title}》{reason}" for pub, reason in refused[:10])
    return JobResult(summary)


@job(
    "publishing.rescan_published",
    label="已发布信息全面复查",
    description="对全县所有已发布信息（正文和公众可下载的附件）重新扫描个人信息和不规范表述，列出新增发现。",
    retries=1,
    retry_delay=60,
    timeout=3 * 3600,
    progress=True,
    access=access.can_rescan,
)
def rescan_published(ctx):
    report = services.rescan_published(
        actor=ctx.actor, progress=lambda done, total: ctx.progress(done, total, "条已发布信息已扫描")
    )
    return JobResult(
        f"扫描 {report.run.items} 条已发布信息，新增发现 {report.run.new_findings} 处。",
        reverse("publishing:rescan_report", args=[report.run.pk]),
    )


@job(
    "publishing.reindex",
    label="重建全文检索索引",
    description="按已发布信息重建政府信息全文检索索引（升级分词或迁移数据库后运行）。",
    retries=1,
    retry_delay=60,
    timeout=3 * 3600,
    progress=True,
)
def reindex(ctx):
    count = search.reindex_all(
        progress=lambda done, total: ctx.progress(done, total, "条已发布信息已编入索引")
    )
    return JobResult(f"已重建检索索引：{count} 条已发布信息。")


@job(
    "publishing.scan",
    label="扫描信息和附件",
    description="上传较大的附件（如上万行的名单）或保存含大附件的草稿后，在后台扫描个人信息和涉密标识；扫描期间不锁定数据库，"
    "信息显示“扫描中”，扫描完成前不能提交审查、审核通过或发布。",
    retries=2,
    retry_delay=30,
    timeout=1800,
    progress=True,
    access=access.can_start_scan,
)
def scan(ctx):
    from django.contrib.auth import get_user_model

    from .models import Publication

    params = ctx.params or {}
    pub = Publication.objects.filter(pk=params.get("publication")).first()
    if pub is None:
        return JobResult("要扫描的信息已不存在（可能已删除）。")
    by = get_user_model().objects.filter(pk=params.get("by")).first() if params.get("by") else None
    run = services.scan_outside(
        pub,
        actor=by,
        trigger=params.get("trigger") or "upload",
        progress=lambda done, total, message: ctx.progress(done, total, message),
    )
    url = reverse("publishing:detail", args=[pub.pk]) + "#findings"
    if run is None:
        return JobResult("扫描期间信息又有修改，本次结果未保存；修改后的内容已另行扫描。", url)
    return JobResult(f"扫描完成：共 {run.findings_total} 处发现，其中新增 {run.new_findings} 处。", url)
