"""How a member of another unit is treated on each staff URL of the policy library (see tests/access.py)."""

from datetime import date

from django.utils import timezone

from tests.access import Rule


def _doc(ctx):
    from gongkai.policies import services

    return ctx.once(
        "policies_doc",
        lambda: services.create_document(
            ctx.unit_b,
            actor=ctx.user_b,
            title=f"乙单位规范性文件{ctx.marker}",
            body=f"<p>第一条　{ctx.marker}。</p><p>第二条　本办法自发布之日起施行。</p>",
            formed_date=date(2024, 1, 2),
        ),
    )


def _relation(ctx):
    from gongkai.policies import services

    def make():
        newer = services.create_document(
            ctx.unit_b,
            actor=ctx.user_b,
            title=f"乙单位修改决定{ctx.marker}",
            body="<p>第一条　修改第一条。</p>",
            formed_date=date(2024, 6, 1),
        )
        return services.add_relation(_doc(ctx), actor=ctx.user_b, kind="amends", source=newer)

    return ctx.once("policies_relation", make)


def _proposal(ctx):
    """A pending proposal between two of unit B's documents (made directly: the sweep needs only the row)."""
    from gongkai.policies.models import RelationProposal

    def make():
        newer = _relation(ctx).source
        return RelationProposal.objects.create(
            source=newer,
            target=_doc(ctx),
            kind="repeals",
            proposed_by=ctx.user_b,
            proposed_at=timezone.now(),
        )

    return ctx.once("policies_proposal", make)


def _interp(ctx):
    from gongkai.policies import services

    return ctx.once(
        "policies_interp",
        lambda: services.create_interpretation(
            ctx.unit_b,
            actor=ctx.user_b,
            documents=[_doc(ctx)],
            title=f"解读{ctx.marker}",
            body=f"<p>{ctx.marker}</p>",
        ),
    )


def _extension(ctx):
    from gongkai.policies.models import Evaluation, ExtensionRequest

    def make():
        doc = _doc(ctx)
        evaluation = Evaluation.objects.create(
            document=doc,
            expires_on=date(2028, 12, 31),
            decision="extend",
            extended_until=date(2030, 12, 31),
            note=ctx.marker,
            decided_by=ctx.user_b,
            decided_at=timezone.now(),
        )
        return ExtensionRequest.objects.create(
            document=doc,
            evaluation=evaluation,
            expires_on=date(2028, 12, 31),
            extended_until=date(2030, 12, 31),
            reason=ctx.marker,
            requested_by=ctx.user_b,
            requested_at=timezone.now(),
        )

    return ctx.once("policies_extension", make)


def _question(ctx):
    from gongkai.policies import services

    return ctx.once(
        "policies_question",
        lambda: services.save_question(
            ctx.unit_b, actor=ctx.user_b, question=f"问题{ctx.marker}", answer=f"<p>{ctx.marker}</p>"
        ),
    )


def _service(ctx):
    from gongkai.policies import services

    return ctx.once(
        "policies_service",
        lambda: services.save_service(
            ctx.unit_b, actor=ctx.user_b, name=f"事项{ctx.marker}", guide_url="https://zwfw.example.gov.cn/1"
        ),
    )


def _campaign_item(ctx):
    from gongkai.policies.models import Campaign, CampaignItem

    def make():
        campaign = Campaign.objects.create(
            title="2026年规范性文件清理", deadline=date(2099, 1, 1), created_by=ctx.user_b
        )
        return CampaignItem.objects.create(campaign=campaign, document=_doc(ctx), unit=ctx.unit_b)

    return ctx.once("policies_campaign_item", make)


def _unanswered(ctx):
    from gongkai.policies.models import UnansweredSearch

    return ctx.once(
        "policies_unanswered",
        lambda: UnansweredSearch.objects.create(query="个体户补贴", last_at=timezone.now()),
    )


def _package(ctx):
    from gongkai.policies.models import Package

    return ctx.once(
        "policies_package",
        lambda: Package.objects.create(
            title="企业开办政策包", slug="qiye-kaiban", theme="企业开办", created_by=ctx.user_b
        ),
    )


def setup(ctx):
    _relation(ctx)
    _proposal(ctx)
    _interp(ctx)
    _question(ctx)
    _service(ctx)
    _campaign_item(ctx)
    _extension(ctx)


def _pk(make):
    return lambda ctx: {"pk": make(ctx).pk}


RULES = {
    "policies:list": Rule("any_staff"),
    "policies:new": Rule("any_staff"),
    "policies:detail": Rule("other_unit", _pk(_doc)),
    "policies:edit": Rule("other_unit", _pk(_doc)),
    "policies:relation_add": Rule("other_unit", _pk(_doc)),
    "policies:relation_remove": Rule("other_unit", _pk(_relation)),
    "policies:proposal_decide": Rule("other_unit", _pk(_proposal)),
    "policies:proposal_withdraw": Rule("other_unit", _pk(_proposal)),
    "policies:admin_basis": Rule("other_unit", _pk(_doc)),
    "policies:evaluate": Rule("other_unit", _pk(_doc)),
    "policies:extension_decide": Rule("other_unit", _pk(_extension)),
    "policies:extension_notice": Rule("other_unit", _pk(_extension)),
    "policies:interpretations": Rule("any_staff"),
    "policies:interpretation_new": Rule("any_staff"),
    "policies:interpretation_edit": Rule("other_unit", _pk(_interp)),
    "policies:interpretation_signoff": Rule("other_unit", _pk(_interp)),
    "policies:expiring": Rule("any_staff"),
    "policies:campaigns": Rule("any_staff"),
    "policies:campaign_new": Rule("office_only"),
    "policies:campaign": Rule("any_staff", lambda ctx: {"pk": _campaign_item(ctx).campaign_id}),
    "policies:campaign_close": Rule("office_only", lambda ctx: {"pk": _campaign_item(ctx).campaign_id}),
    "policies:campaign_item": Rule("other_unit", _pk(_campaign_item)),
    "policies:rates": Rule("any_staff"),
    "policies:rates_xlsx": Rule("any_staff"),
    "policies:rules": Rule("office_only"),
    "policies:questions": Rule("any_staff"),
    "policies:question_new": Rule("any_staff"),
    "policies:question_edit": Rule("other_unit", _pk(_question)),
    "policies:question_state": Rule("other_unit", _pk(_question)),
    "policies:unanswered": Rule("office_only"),
    "policies:unanswered_handle": Rule("office_only", _pk(_unanswered)),
    "policies:services": Rule("any_staff"),
    "policies:service_new": Rule("any_staff"),
    "policies:service_edit": Rule("other_unit", _pk(_service)),
    "policies:packages": Rule("office_only"),
    "policies:package_new": Rule("office_only"),
    "policies:package_edit": Rule("office_only", _pk(_package)),
}
