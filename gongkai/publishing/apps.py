from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "主动公开"

    def ready(self):
        from gongkai.common import pagecache

        # The portal page cache is invalidated when one of these commits: catalogue, publications, their files and withdrawals: the 信息公开 pages and home blocks.
        pagecache.invalidate_on("publishing.")
        from gongkai.audit.presentation import register_actions

        from .audit_labels import KEYS, LABELS, VALUES

        register_actions(LABELS, KEYS, VALUES)
        from . import hooks

        hooks.register()
