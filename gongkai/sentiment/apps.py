from django.apps import AppConfig


class SentimentConfig(AppConfig):
    name = "gongkai.sentiment"
    label = "sentiment"
    verbose_name = "舆情回应"

    def ready(self):
        from . import hooks

        hooks.register()
