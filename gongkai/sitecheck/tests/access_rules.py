"""How a member of another unit is treated on each staff URL of site inspection (see tests/access.py)."""

from tests.access import Rule


def _node(ctx):
    from gongkai.publishing import services
    from gongkai.publishing.models import CatalogNode

    def make():
        services.ensure_template()
        return CatalogNode.objects.filter(unit__isnull=True).order_by("id").first()

    return ctx.once("sitecheck_node", make)


def setup(ctx):
    _node(ctx)


RULES = {
    "sitecheck:matrix": Rule("any_staff"),
    "sitecheck:matrix_xlsx": Rule("any_staff"),
    "sitecheck:event_new": Rule("any_staff"),
    "sitecheck:rules": Rule("office_only"),
    "sitecheck:rule_edit": Rule("office_only", lambda ctx: {"pk": _node(ctx).pk}),
}
