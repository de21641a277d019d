from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "gongkai.policies"
    label = "policies"
    verbose_name = "政策文件与解读"

    def ready(self):
        from . import hooks

        hooks.register()
