"""``gongkai publish_due``: publish approved items whose scheduled time has come (run it every few minutes)."""

from django.core.management.base import BaseCommand

from gongkai.audit.context import audit_context
from gongkai.publishing import services


class Command(BaseCommand):
    help = "发布到达定时发布时间的已审查通过信息（建议每5分钟由定时任务执行一次）。"
    # Run by the job system (gongkai/jobs/schedule.py), no crontab needed.
    periodic_jobs = {"publish_due": "publishing.publish_due"}

    def handle(self, *args, **options):
        with audit_context(channel="system"):
            done, refused = services.publish_due()
        for pub in done:
            self.stdout.write(f"已发布：{pub.title}（{pub.index_number}）")
        for pub, reason in refused:
            self.stderr.write(f"未发布：{pub.title}：{reason}")
        self.stdout.write(f"定时发布：发布 {len(done)} 条，拦截 {len(refused)} 条。")
