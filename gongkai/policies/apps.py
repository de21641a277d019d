from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "gongkai.policies"
    label = "policies"
    verbose_name = "政策文件与解读"

    def ready(self):
        from gongkai.audit.presentation import register_actions

        from .audit_labels import KEYS, LABELS, VALUES

        register_actions(LABELS, KEYS, VALUES)
        from . import hooks

        hooks.register()
