from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "gongkai.participation"
    label = "participation"
    verbose_name = "公众参与"

    def ready(self):
        from . import hooks

        hooks.register()
