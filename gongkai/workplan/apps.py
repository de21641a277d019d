from django.apps import AppConfig


class WorkplanConfig(AppConfig):
    name = "gongkai.workplan"
    label = "workplan"
    verbose_name = "工作要点与任务分工"

    def ready(self):
        from gongkai.workspace.registry import register

        from .cards import workplan_cards

        register(workplan_cards, order=60)
        from . import figures

        figures.register()
