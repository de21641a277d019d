"""``gongkai check-files``: every stored file exists and matches its recorded SHA-256; files no row names.

Exit 0 when every file is present and intact (orphans are listed, not an error), 1 when a file is missing, altered
or cannot be used (an FOI upload that does not decrypt). ``--delete-orphans`` removes orphans older than an hour
(a younger one may belong to an upload still in progress).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.common import storedfiles

KINDS = {"missing": "缺失", "mismatch": "哈希不符", "unhashed": "未记录哈希", "orphan": "孤立文件"}


class Command(BaseCommand):
    help = "检查存储的文件：是否存在、是否与记录的 SHA-256 一致，并列出没有记录指向的孤立文件。"

    def add_arguments(self, parser):
        parser.add_argument("--delete-orphans", action="store_true", help="删除一小时前留下的孤立文件")

    def handle(self, *args, delete_orphans=False, **options):
        result = storedfiles.check()
        probe_problems = [problem for problem in (probe() for probe in storedfiles.probes()) if problem]
        counts = {kind: len(result.of_kind(kind)) for kind in KINDS}
        self.stdout.write(
            f"已检查 {result.checked} 个文件："
            + "，".join(f"{label} {counts[kind]}" for kind, label in KINDS.items())
            + "。"
        )
        deleted = 0
        for problem in result.problems:
            line = f"{KINDS[problem.kind]}：{problem.label} {problem.path}"
            if (
                problem.kind == "orphan"
                and delete_orphans
                and storedfiles.older_than(Path(problem.path), 3600)
            ):
                Path(problem.path).unlink(missing_ok=True)
                deleted += 1
                line += "（已删除）"
            self.stdout.write(line)
        for problem in probe_problems:
            self.stdout.write(problem)
        if delete_orphans:
            self.stdout.write(f"已删除 {deleted} 个孤立文件。")
        if counts["missing"] or counts["mismatch"] or probe_problems:
            raise CommandError(
                f"有 {counts['missing']} 个文件缺失、{counts['mismatch']} 个文件被改动"
                + (f"、{len(probe_problems)} 项无法使用" if probe_problems else "")
                + "：请从备份恢复（gongkai restore）或联系系统管理员。"
            )
