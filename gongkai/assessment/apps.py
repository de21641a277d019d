from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "gongkai.assessment"
    label = "assessment"
    verbose_name = "政务公开考核"

    def ready(self):
        from . import hooks

        hooks.register()
