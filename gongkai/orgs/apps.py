from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gongkai.orgs"
    label = "orgs"
    verbose_name = "单位与人员"

    def ready(self):
        from gongkai.common import pagecache

        # The portal page cache is invalidated when one of these commits: the units, their functions and leaders on 机构职能/领导信息/信息公开指南.
        pagecache.invalidate_on("unit.")
        from django.conf import settings

        from gongkai.audit.presentation import register_actions
        from gongkai.core import convert
        from gongkai.workspace.registry import register

        from .audit_labels import KEYS, LABELS, VALUES

        register_actions(LABELS, KEYS, VALUES)
        from . import signals  # noqa: F401  (login auditing)
        from .cards import granted_roles_cards

        register(granted_roles_cards, order=95)
        # The converter of .doc/.wps/.xls/.et (framework-free) gets its settings here, once, for every app.
        convert.configure(soffice=settings.GONGKAI_SOFFICE, timeout=settings.GONGKAI_CONVERT_TIMEOUT)
