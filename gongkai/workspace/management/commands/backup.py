"""``gongkai backup OUT``: the database, the public and private files and a manifest in one tar file.

    gongkai backup /srv/backups/gongkai-2026-12-07.tar.gz
    gongkai backup /srv/backups/gongkai.tar --django-dump     # Django's dumpdata: restorable on another engine

See gongkai/workspace/backup.py for what the archive holds; the FOI master key is never in it.
"""

from django.core.management.base import BaseCommand, CommandError

from gongkai.audit.context import audit_context
from gongkai.common import cliargs

from ... import backup

METHODS = {
    "sqlite-backup": "SQLite 在线备份接口",
    "pg_dump": "pg_dump（PostgreSQL 自定义格式）",
    "dumpdata": "Django dumpdata（与数据库种类无关的 JSON）",
}


class Command(BaseCommand):
    help = "备份数据库、公开和非公开文件（含清单：行数、审计链头、文件哈希）；不含加密主密钥。"

    def add_arguments(self, parser):
        parser.add_argument("out", type=cliargs.output_file, help="备份文件，如 gongkai-2026-12-07.tar.gz")
        parser.add_argument(
            "--django-dump",
            action="store_true",
            help="用 Django 的 dumpdata 导出数据库（可恢复到另一种数据库）",
        )

    def handle(self, *args, out, django_dump=False, **options):
        if str(out) == "-":
            raise CommandError("备份不能写到标准输出，请给出文件名，如 gongkai-备份.tar.gz。")
        with audit_context(channel="cli"):
            report = backup.create(out, django_dump=django_dump, progress=self.stdout.write)
        manifest = report.manifest
        database = manifest["database"]
        self.stdout.write(f"数据库：{database['engine']}，导出方式：{METHODS[database['method']]}")
        if database.get("fallback_reason"):
            self.stdout.write(f"（未使用 pg_dump：{database['fallback_reason']}）")
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"已写出备份 {report.path}：{len(manifest['counts'])} 张表共 {rows} 行，{len(manifest['files'])} 个文件，"
            f"审计事件 {manifest['audit']['events']} 条。"
        )
        self.stdout.write(
            f"加密主密钥不在备份中，请另行保管：{manifest['foi_key']['location']}（恢复时需要放回原处）。"
        )
