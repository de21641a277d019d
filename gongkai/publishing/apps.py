from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "主动公开"

    def ready(self):
        from gongkai.audit.presentation import register_actions

        from .audit_labels import KEYS, LABELS, VALUES

        register_actions(LABELS, KEYS, VALUES)
        from . import hooks

        hooks.register()
