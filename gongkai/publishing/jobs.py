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
