from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    label = "foi"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.portal import registry as portal
        from gongkai.workspace.registry import register

        from .cards import foi_cards

        register(foi_cards, order=20)
        portal.register_nav("依申请公开", "/ysqgk/", order=40)
        portal.register_column_link("xxgk", "依申请公开", "/ysqgk/", order=30)
        portal.register_feed(
            "home:foi",
            actions=[portal.Link("我要申请", "/ysqgk/new/"), portal.Link("办理进度查询", "/ysqgk/track/")],
        )
