from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "gongkai.participation"
    label = "participation"
    verbose_name = "公众参与"

    def ready(self):
        from gongkai.common import pagecache

        # The portal page cache is invalidated when one of these commits: consultations, catalogues, open days and meetings under /hdjl/.
        pagecache.invalidate_on("participation.")
        from . import hooks

        hooks.register()
