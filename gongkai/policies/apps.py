from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "gongkai.policies"
    label = "policies"
    verbose_name = "政策文件与解读"

    def ready(self):
        from gongkai.common import pagecache

        # The portal page cache is invalidated when one of these commits: the policy library, interpretations, Q&A and packages under /zcwj/.
        pagecache.invalidate_on("policies.")
        from gongkai.audit.presentation import register_actions

        from .audit_labels import KEYS, LABELS, VALUES

        register_actions(LABELS, KEYS, VALUES)
        from . import hooks

        hooks.register()
