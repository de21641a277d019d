from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gongkai.orgs"
    label = "orgs"
    verbose_name = "单位与人员"

    def ready(self):
        from gongkai.workspace.registry import register

        from . import signals  # noqa: F401  (login auditing)
        from .cards import granted_roles_cards

        register(granted_roles_cards, order=95)
