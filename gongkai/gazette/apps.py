from django.apps import AppConfig


class GazetteConfig(AppConfig):
    name = "gongkai.gazette"
    label = "gazette"
    verbose_name = "政府公报"

    def ready(self):
        from gongkai.common import pagecache

        from . import hooks

        # The portal's /xxgk/zfgb/ pages list published issues: a gazette event invalidates the page cache.
        pagecache.invalidate_on("gazette.")
        hooks.register()
