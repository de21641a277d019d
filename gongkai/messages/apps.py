from django.apps import AppConfig


class MessagesConfig(AppConfig):
    name = "gongkai.messages"
    label = "gkmessages"
    verbose_name = "留言办理"

    def ready(self):
        from . import hooks

        hooks.register()
