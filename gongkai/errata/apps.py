from django.apps import AppConfig


class ErrataConfig(AppConfig):
    name = "gongkai.errata"
    label = "errata"
    verbose_name = "我为政府网站找错"

    def ready(self):
        from . import hooks

        hooks.register()
