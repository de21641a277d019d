from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gongkai.orgs"
    label = "orgs"
    verbose_name = "单位与人员"

    def ready(self):
        from . import signals  # noqa: F401  (login auditing)
