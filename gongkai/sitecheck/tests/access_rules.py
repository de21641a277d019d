"""How a member of another unit is treated on each staff URL of site inspection (see tests/access.py)."""

from tests.access import Rule


def _node(ctx):
    from gongkai.publishing import services
    from gongkai.publishing.models import CatalogNode

    def make():
        services.ensure_template()
        return CatalogNode.objects.filter(unit__isnull=True).order_by("id").first()

    return ctx.once("sitecheck_node", make)


def _account(ctx):
    from gongkai.sitecheck import services

    return ctx.once(
        "sitecheck_account",
        lambda: services.apply_account(
            ctx.unit_b,
            actor=ctx.user_b,
            platform="wechat",
            name=f"乙单位账号{ctx.marker}",
            account_id="gh_b_0001",
        ),
    )


def _zombie(ctx):
    """A campaign listing a live, long-silent account of unit B (name carries the marker)."""
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.sitecheck import services

    def make():
        acc = services.apply_account(
            ctx.unit_b,
            actor=ctx.user_b,
            platform="weibo",
            name=f"乙单位僵尸号{ctx.marker}",
            account_id="wb_b_0001",
        )
        services.move_account(acc, actor=None, to="reviewing")
        services.move_account(acc, actor=None, to="filed", filing_number="备-B-001")
        camp = services.open_campaign(
            actor=None, title="清理行动", stale_days=30, deadline=timezone.localdate() + timedelta(days=10)
        )
        return camp.items.get(account=acc)

    return ctx.once("sitecheck_zombie", make)


def setup(ctx):
    _node(ctx)
    _account(ctx)
    _zombie(ctx)


def _item(ctx):
    item = _zombie(ctx)
    return {"pk": item.campaign_id, "item_id": item.pk}


def _camp(ctx):
    return {"pk": _zombie(ctx).campaign_id}


def _acc(ctx):
    return {"pk": _account(ctx).pk}


RULES = {
    "sitecheck:matrix": Rule("any_staff"),
    "sitecheck:matrix_xlsx": Rule("any_staff"),
    "sitecheck:event_new": Rule("any_staff"),
    "sitecheck:rules": Rule("office_only"),
    "sitecheck:rule_edit": Rule("office_only", lambda ctx: {"pk": _node(ctx).pk}),
    "sitecheck:accounts": Rule("any_staff"),
    "sitecheck:account_new": Rule("any_staff"),
    "sitecheck:accounts_xlsx": Rule("any_staff"),
    "sitecheck:accounts_import": Rule("office_only"),
    "sitecheck:account": Rule("other_unit", _acc),
    "sitecheck:account_move": Rule("other_unit", _acc),
    "sitecheck:account_update": Rule("other_unit", _acc),
    "sitecheck:campaigns": Rule("any_staff"),
    "sitecheck:campaign": Rule("any_staff", _camp),
    "sitecheck:campaign_xlsx": Rule("any_staff", _camp),
    "sitecheck:campaign_close": Rule("office_only", _camp),
    "sitecheck:zombie_decide": Rule("other_unit", _item),
}


def _ticket(ctx):
    def make():
        from gongkai.sitecheck.models import InspectionRun, Ticket

        run = InspectionRun.objects.create(base_url="https://portal.internal/", state="done")
        return Ticket.objects.create(
            key="k" * 32,
            kind="wording",
            url="https://portal.internal/x/",
            message=f"乙单位问题{ctx.marker}",
            unit=ctx.unit_b,
            deadline="2026-12-31",
            opened_run=run,
            last_seen_run=run,
        )

    return ctx.once("sitecheck_ticket", make)


RULES.update(
    {
        "sitecheck:inspections": Rule("any_staff"),
        "sitecheck:inspection_start": Rule("office_only"),
        "sitecheck:run": Rule("any_staff", lambda ctx: {"pk": _ticket(ctx).opened_run_id}),
        "sitecheck:site_new": Rule("office_only"),
        "sitecheck:tickets": Rule("any_staff"),
        "sitecheck:ticket": Rule("other_unit", lambda ctx: {"pk": _ticket(ctx).pk}),
        "sitecheck:bulletin_docx": Rule("office_only"),
    }
)
