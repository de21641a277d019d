"""Cleanup campaigns (清理, issue 12): a scope chosen when opening, a warning listing unconfirmed documents before
closing, and the result published on the portal through publishing's workflow."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.policies import selectors, services
from gongkai.policies.models import Campaign, PolicyRelation
from gongkai.policies.services import PolicyError
from gongkai.publishing import services as publishing
from gongkai.publishing.tests.conftest import make_user
from gongkai.publishing.vocab import State
from gongkai.roles import Role

from .factories import ALL_PASS, make_document, publish_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(world):
    """Town and department documents of several years and both kinds, all published and in force."""
    w = world
    today = timezone.localdate()

    def doc(key, unit, number, year, kind="normative"):
        made = make_document(
            w,
            title=f"文件{key}",
            unit=unit,
            doc_number=number,
            kind=kind,
            formed_date=max(date(year, 3, 1), today - timedelta(days=1500)),
        )
        setattr(w, key, publish_document(w, made))

    doc("town_old", w.town, "城政〔2022〕1号", today.year - 4)
    doc("town_new", w.town, "城政〔2025〕2号", today.year - 1)
    doc("town_plan", w.town, "城政字〔2025〕3号", today.year - 1, kind="policy")
    doc("dept_new", w.dept, "县发改〔2025〕1号", today.year - 1)
    w.today = today
    return w


def _start(w, **scope):
    return services.start_campaign(
        actor=w.office, title="2026年规范性文件清理", deadline=w.today + timedelta(days=30), **scope
    )


def _items(campaign):
    return {i.document.title for i in campaign.items.select_related("document__publication")}


def test_a_campaign_is_scoped_by_units_kinds_and_years(library):
    w = library
    assert _items(_start(w)) == {
        "文件town_old",
        "文件town_new",
        "文件dept_new",
    }  # default: normative, all units
    scoped = _start(
        w, units=[w.town], kinds=["normative", "policy"], year_from=w.today.year - 1, year_to=w.today.year
    )
    assert _items(scoped) == {"文件town_new", "文件town_plan"}
    parts = dict(scoped.scope_parts())
    assert parts == {
        "制发单位": "示范县城关镇人民政府",
        "文件类型": "行政规范性文件、其他政策文件",
        "成文年份": f"{w.today.year - 1}年至{w.today.year}年",
    }
    before = Campaign.objects.count()
    with pytest.raises(PolicyError, match="晚于") as exc:
        _start(w, year_from=2025, year_to=2020)
    assert exc.value.field == "year_to"
    with pytest.raises(PolicyError, match="没有已公开、现行有效的文件"):
        _start(w, units=[w.dept], kinds=["policy"])
    assert Campaign.objects.count() == before  # nothing half-saved


def test_the_campaign_form_takes_the_scope(library, client):
    w = library
    client.force_login(w.office)
    page = client.get(reverse("policies:campaign_new")).content.decode()
    assert "成文年份自" in page and "其他政策文件" in page and 'name="units"' in page
    r = client.post(
        reverse("policies:campaign_new"),
        {
            "title": "城关镇文件清理",
            "deadline": (w.today + timedelta(days=20)).isoformat(),
            "units": [str(w.town.pk)],
            "kinds": ["normative"],
            "year_from": str(w.today.year - 1),
            "year_to": "",
            "result_unit": str(w.town.pk),
            "scope_note": "",
        },
    )
    campaign = Campaign.objects.get()
    assert r.status_code == 302
    assert _items(campaign) == {"文件town_new"}
    assert campaign.result_unit == w.town
    page = client.get(reverse("policies:campaign", args=[campaign.pk])).content.decode()
    assert f"{w.today.year - 1}年以来" in page and "示范县城关镇人民政府" in page
    r = client.post(
        reverse("policies:campaign_new"),
        {"title": "x", "deadline": w.today.isoformat(), "year_from": "2025", "year_to": "2020"},
    )
    assert r.status_code == 200 and "晚于" in r.content.decode()


def test_closing_with_unconfirmed_documents_lists_them_and_needs_a_confirmation(library, client):
    w = library
    campaign = _start(w)
    items = {i.document_id: i for i in campaign.items.all()}
    services.decide_cleanup(items[w.town_old.pk], actor=w.editor, decision="repeal", note="上位法已废止")
    services.decide_cleanup(items[w.town_new.pk], actor=w.editor, decision="keep")
    # The service refuses, naming the unconfirmed document; nothing happens.
    with pytest.raises(PolicyError, match=r"县发改委《文件dept_new》（共1份）") as exc:
        services.close_campaign(campaign, actor=w.office, effective=w.today)
    assert exc.value.field == "accept_pending"
    campaign.refresh_from_db()
    assert campaign.is_open and campaign.result_notice is None
    assert not PolicyRelation.objects.filter(kind="repeals").exists()
    # The page warns and lists them; the close button then asks for the explicit confirmation.
    client.force_login(w.office)
    page = client.get(reverse("policies:campaign", args=[campaign.pk])).content.decode()
    assert "尚有 1 份文件未确认清理意见" in page
    close = reverse("policies:campaign_close", args=[campaign.pk])
    r = client.post(close, {"effective": w.today.isoformat()})
    page = r.content.decode()
    assert r.status_code == 400
    assert "文件dept_new" in page and "县发改〔2025〕1号" in page and 'name="accept_pending"' in page
    assert Campaign.objects.get().is_open
    r = client.post(close, {"effective": w.today.isoformat(), "accept_pending": "on"})
    assert r.status_code == 302
    campaign.refresh_from_db()
    assert not campaign.is_open
    assert services.validity_of(w.town_old).status == "已废止"
    assert services.validity_of(w.dept_new).status == "有效"  # unconfirmed: left as it was


def test_the_result_is_published_on_the_portal_after_review(library, client):
    w = library
    campaign = _start(w)
    items = {i.document_id: i for i in campaign.items.all()}
    services.decide_cleanup(
        items[w.town_old.pk], actor=w.editor, decision="expire", note="阶段性措施已执行完毕"
    )
    services.decide_cleanup(items[w.town_new.pk], actor=w.editor, decision="amend", note="拟修改补贴标准")
    services.decide_cleanup(items[w.dept_new.pk], actor=w.dept_editor, decision="keep")
    services.close_campaign(campaign, actor=w.office, effective=w.today)
    campaign.refresh_from_db()
    notice = campaign.result_notice
    # A publication of the office's unit under 规范性文件, submitted for review (先审后发).
    assert notice.title == "关于公布2026年规范性文件清理结果的公告"
    assert notice.state == State.SUBMITTED and notice.unit == campaign.result_unit
    assert list(notice.nodes.values_list("code", flat=True)) == ["art20-01-01"]
    text = notice.body_text
    assert (
        "宣布失效的文件（1件）" in text and "拟修改的文件（1件）" in text and "继续有效的文件（1件）" in text
    )
    assert "城政〔2022〕1号" in text and "县发改〔2025〕1号" in text
    result_url = reverse("zc:cleanup", args=[campaign.pk])
    assert f'href="{result_url}"' in notice.body
    # Nothing on the portal before the review.
    assert client.get(result_url).status_code == 404
    assert "2026年规范性文件清理" not in client.get(reverse("zc:cleanups")).content.decode()
    # Reviewed by the office unit's reviewer (the author may not review it).
    reviewer = make_user("office_reviewer", notice.unit, Role.REVIEWER)
    publishing.decide_review(notice, actor=reviewer, checks=ALL_PASS, verdict="approved")
    publishing.publish(notice, actor=reviewer)
    assert list(selectors.published_cleanups()) == [campaign]
    listing = client.get(reverse("zc:cleanups")).content.decode()
    assert f'href="{result_url}"' in listing
    page = client.get(result_url).content.decode()
    assert f'href="{reverse("info:detail", args=[notice.pk])}"' in page
    for doc in (w.town_old, w.town_new, w.dept_new):
        assert f'href="{reverse("zc:document", args=[doc.pk])}"' in page
    assert page.index("宣布失效的文件") < page.index("拟修改的文件") < page.index("继续有效的文件")
    assert "失效" in page and "阶段性措施已执行完毕" not in page  # the units' reasons stay internal
    # The notice is an item of the catalogue and links back to the result page.
    info = client.get(reverse("info:detail", args=[notice.pk])).content.decode()
    assert f'href="{result_url}"' in info
    # The workspace campaign page links the notice and the portal page.
    client.force_login(w.office)
    staff = client.get(reverse("policies:campaign", args=[campaign.pk])).content.decode()
    assert reverse("publishing:detail", args=[notice.pk]) in staff and result_url in staff
