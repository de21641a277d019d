from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self):
        from gongkai.common import pagecache

        # The portal page cache is invalidated when one of these commits: the annual reports listed on /xxgk/nianbao/.
        pagecache.invalidate_on("reports.")
        from . import hooks

        hooks.register()
