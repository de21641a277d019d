"""Plug-ins (called from ``ready``): audit labels, the portal's 互动交流 column and home block, the dashboard card,
the figures other apps read, and the panel linking a final document back to its consultation."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

COLUMN = "hdjl"


def live_items(request=None):
    """The home page's 互动交流 block: open consultations with days left, then recent feedback and events."""
    from gongkai.portal.registry import Link

    from . import selectors
    from .vocab import ConsultationStatus

    today = timezone.localdate()
    links = []
    for c in selectors.public_consultations()[:30]:
        status = c.status(today)
        if status == ConsultationStatus.OPEN:
            links.append(
                Link(
                    f"【意见征集】{c.title}",
                    reverse("hd:consultation", args=[c.pk]),
                    c.starts_on,
                    f"还剩{c.days_left}天",
                )
            )
        elif status == ConsultationStatus.FEEDBACK_PUBLISHED:
            links.append(
                Link(
                    f"【意见反馈】{c.title}",
                    reverse("hd:feedback", args=[c.pk]),
                    timezone.localdate(c.feedback_published_at),
                    "已反馈",
                )
            )
    for s in selectors.public_sessions()[:3]:
        note = "报名中" if s.signup_open else ("已公布成果" if s.result_published_at else "")
        links.append(
            Link(
                f"【政府开放日】{s.title}",
                reverse("hd:session", args=[s.pk]),
                timezone.localdate(s.starts_at),
                note,
            )
        )
    return links


def final_document_panel(pub):
    """Under a final document's public page: the consultation it came from and its feedback (the link back)."""
    from .models import Consultation

    c = Consultation.objects.filter(final_publication=pub, feedback_published_at__isnull=False).first()
    if c is None:
        return None
    return ("participation/portal/_final_panel.html", {"c": c})


def figure_sources() -> None:
    from gongkai.common import figures

    from . import selectors

    def detail(unit) -> str:
        return reverse("participation:index") + (f"?unit={unit.pk}" if unit is not None else "")

    def consultations(*, unit, start, end):
        got = selectors.figures(unit=unit, start=start, end=end)
        return figures.Figure(got["consultations"], detail_url=detail(unit))

    def opinions(*, unit, start, end):
        got = selectors.figures(unit=unit, start=start, end=end)
        return figures.Figure(got["opinions"], detail_url=detail(unit))

    def adoption(*, unit, start, end):
        got = selectors.figures(unit=unit, start=start, end=end)
        return figures.Figure(
            got["rate"], detail_url=detail(unit), numerator=got["adopted"], denominator=got["decided"]
        )

    figures.register(
        "participation.consultations",
        label="公开征求意见次数",
        unit="次",
        compute=consultations,
        description="期间内截止的意见征集（征求意见稿已发布）",
    )
    figures.register(
        "participation.opinions",
        label="收到公众意见条数",
        unit="条",
        compute=opinions,
        description="期间内截止的意见征集收到的意见（屏蔽的不计）",
    )
    figures.register(
        "participation.adoption_rate",
        label="公众意见采纳率",
        unit="%",
        compute=adoption,
        kind="ratio",
        description="采纳和部分采纳的意见 / 已作出采纳决定的意见",
    )


def _owner(queryset_name: str, unit_path: str, basis: str):
    """A page-owner resolver (找错 routing): the unit of the public record named by the URL's ``pk``."""

    def resolve(kwargs, params):
        from gongkai.portal.registry import PageOwner

        from . import selectors

        found = (
            getattr(selectors, queryset_name)().filter(pk=kwargs.get("pk")).values_list(unit_path, flat=True)
        )
        unit_id = found.first()
        return PageOwner(unit_id, basis) if unit_id else None

    return resolve


def register_page_owners() -> None:
    from gongkai.portal import registry

    consultation = _owner("public_consultations", "unit_id", "意见征集单位")
    for name in ("hd:consultation", "hd:feedback", "hd:feedback_docx", "hd:feedback_pdf"):
        registry.register_page_owner(name, consultation)
    registry.register_page_owner("hd:catalog", _owner("public_catalogs", "unit_id", "决策目录单位"))
    registry.register_page_owner("hd:session", _owner("public_sessions", "plan__unit_id", "开放日举办单位"))
    registry.register_page_owner("hd:meeting", _owner("public_meetings", "unit_id", "会议单位"))


def register() -> None:
    from gongkai.audit.presentation import register_actions
    from gongkai.portal import registry
    from gongkai.publishing import extensions
    from gongkai.workspace.registry import register as register_cards

    from .audit_labels import LABELS
    from .cards import participation_cards

    register_actions(LABELS)
    registry.register_nav("互动交流", "/hdjl/", order=40)
    register_page_owners()
    registry.register_column_link(COLUMN, "意见征集", "/hdjl/yjzj/", order=10)
    registry.register_column_link(COLUMN, "重大行政决策目录", "/hdjl/jcml/", order=20)
    registry.register_column_link(COLUMN, "政府开放日", "/hdjl/kfr/", order=30)
    registry.register_column_link(COLUMN, "列席会议", "/hdjl/lxhy/", order=40)
    registry.register_column_link(COLUMN, "意见办理查询", "/hdjl/yjzj/chaxun/", order=50)
    registry.register_feed("home:participation", live_items, more_url="/hdjl/")
    extensions.add(extensions.detail_panels, final_document_panel)
    register_cards(participation_cards, order=50)
    figure_sources()
