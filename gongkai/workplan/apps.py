from django.apps import AppConfig


class WorkplanConfig(AppConfig):
    name = "gongkai.workplan"
    label = "workplan"
    verbose_name = "工作要点与任务分工"

    def ready(self):
        from gongkai.audit.presentation import register_actions

        from .audit_labels import KEYS, LABELS, VALUES

        register_actions(LABELS, KEYS, VALUES)
        from gongkai.workspace.registry import register

        from .cards import workplan_cards

        register(workplan_cards, order=60)

        from gongkai.common import storedfiles

        storedfiles.register(
            storedfiles.StoredFiles("工作要点原文件", "workplan.WorkPlan", "source_file", "source_sha256")
        )
        storedfiles.register(
            storedfiles.StoredFiles(
                "进展佐证材料", "workplan.ProgressReport", "evidence_file", "evidence_sha256"
            )
        )
        from . import figures

        figures.register()
