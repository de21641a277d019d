from django.apps import AppConfig


class SitecheckConfig(AppConfig):
    name = "gongkai.sitecheck"
    label = "sitecheck"
    verbose_name = "网站与新媒体检查"

    def ready(self):
        from . import hooks

        hooks.register()
