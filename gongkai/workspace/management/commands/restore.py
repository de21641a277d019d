"""``gongkai restore IN``: put a ``gongkai backup`` back (database, public and private files), then check it.

Refuses when the database already holds data unless ``--replace``. Exit 1 when the restored installation does not
match the backup's manifest (row counts, audit chain, file hashes) or the FOI files do not decrypt with the key found.
"""

from django.core.management.base import BaseCommand, CommandError

from gongkai.audit.context import audit_context
from gongkai.common import cliargs

from ... import backup


class Command(BaseCommand):
    help = "从 gongkai backup 生成的备份恢复数据库和文件，并按清单逐项核对。"

    def add_arguments(self, parser):
        parser.add_argument("src", metavar="IN", type=cliargs.existing_file, help="备份文件")
        parser.add_argument(
            "--replace", action="store_true", help="当前数据库已有数据时仍然恢复（覆盖全部数据和文件）"
        )

    def handle(self, *args, src, replace=False, **options):
        try:
            with audit_context(channel="cli"):
                report = backup.restore(src, replace=replace, progress=self.stdout.write)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        manifest = report.manifest
        self.stdout.write(
            f"已从 {src} 恢复（备份于 {manifest['created_at']}，{manifest['database']['method']}）："
            f"{report.files} 个文件，审计事件 {manifest['audit']['events']} 条。"
        )
        for note in report.notes:
            self.stdout.write(note)
        for problem in report.problems:
            self.stderr.write(problem)
        if report.problems:
            raise CommandError(f"恢复后的核对发现 {len(report.problems)} 处与备份不符，见上。")
        self.stdout.write("核对通过：各表行数、审计链头和全部文件哈希与备份一致。")
