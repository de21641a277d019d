from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    label = "foi"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.common import pagecache

        # The portal page cache is invalidated when one of these commits: /ysqgk/ shows the year's figures, the guide and the units' FOI profiles.
        pagecache.invalidate_on("foi.")
        from gongkai.audit.presentation import register_actions

        from .audit_labels import KEYS, LABELS, VALUES

        register_actions(LABELS, KEYS, VALUES)
        from gongkai.portal import registry as portal
        from gongkai.workspace.registry import register

        from .cards import foi_cards

        register(foi_cards, order=20)

        from gongkai.common import storedfiles

        storedfiles.register(
            storedfiles.StoredFiles(
                "依申请公开附件（加密）",
                "foi.Attachment",
                "blob",
                "blob_sha256",
                exclude={"purged_at__isnull": False},
            )
        )
        from .crypto import decryption_problem

        storedfiles.register_probe("foi.decrypt", decryption_problem)
        from . import figures

        figures.register()
        from gongkai.calendar import recompute

        from .actions.recalendar import recompute_after_calendar_change

        recompute.register("foi", "依申请公开", recompute_after_calendar_change)
        from django.core import checks

        checks.register(check_file_key, checks.Tags.security, deploy=True)
        portal.register_nav("依申请公开", "/ysqgk/", order=40)
        portal.register_column_link("xxgk", "依申请公开", "/ysqgk/", order=30)
        from .hooks import home_feed

        portal.register_feed(
            "home:foi",
            home_feed,
            actions=[portal.Link("我要申请", "/ysqgk/new/"), portal.Link("办理进度查询", "/ysqgk/track/")],
        )


def check_file_key(app_configs=None, **kwargs):
    """``check --deploy``: applicants' uploads need a master key outside the database."""
    from django.conf import settings
    from django.core import checks

    if settings.GONGKAI_FOI_FILE_KEY or settings.GONGKAI_FOI_KEY_FILE:
        return []
    return [
        checks.Warning(
            "未设置申请附件的加密主密钥（GONGKAI_FOI_FILE_KEY 或 GONGKAI_FOI_KEY_FILE），依申请公开的附件上传将失败。",
            hint="用 python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())' 生成并妥善保管。",
            id="foi.W001",
        )
    ]
