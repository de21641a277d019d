from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "gongkai.workspace"
    label = "workspace"

    def ready(self):
        from gongkai.audit.presentation import register_actions

        from .audit_labels import KEYS, LABELS, VALUES

        # The actions recorded by ``gongkai backup`` and ``gongkai restore`` (gongkai/workspace/backup.py).
        register_actions(LABELS, KEYS, VALUES)
