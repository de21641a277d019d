from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "gongkai.workspace"
    label = "workspace"

    def ready(self):
        from gongkai.audit.presentation import register_actions

        from .audit_labels import KEYS, LABELS, VALUES

        register_actions(LABELS, KEYS, VALUES)
        # Recorded by ``gongkai backup`` and ``gongkai restore`` (gongkai/workspace/backup.py).
        register_actions({"backup.created": "备份", "backup.restored": "从备份恢复"})
