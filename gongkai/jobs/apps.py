from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "gongkai.jobs"
    label = "jobs"
    verbose_name = "后台作业"

    def ready(self):
        from gongkai.audit.presentation import register_actions

        from .audit_labels import LABELS

        register_actions(LABELS)
        from django.utils.module_loading import autodiscover_modules

        from gongkai.workspace.registry import register

        from .cards import failed_job_cards

        # Each app declares its jobs in its own jobs.py; importing them fills the registry (no static import of a
        # feature app from here).
        autodiscover_modules("jobs")
        register(failed_job_cards, order=95)
