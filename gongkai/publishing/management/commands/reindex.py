"""``gongkai reindex``: rebuild the full-text index of published information."""

from django.core.management.base import BaseCommand

from gongkai.publishing import search


class Command(BaseCommand):
    help = "重建政府信息全文检索索引（只收录已发布的信息）。"

    def handle(self, *args, **options):
        def progress(done, total):
            if total and (done == total or done % 1000 == 0):
                self.stdout.write(f"  {done}/{total}")

        count = search.reindex_all(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"已重建检索索引：{count} 条已发布信息。"))
