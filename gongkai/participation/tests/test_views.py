"""Staff and public pages of public participation: the comment form, tracking, feedback files, the masked exports
and a crawl of every public page for submitters' personal data."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from gongkai.participation import services
from gongkai.participation.models import Consultation, Opinion

from .factories import closed, consultation

NAME, PHONE, EMAIL = "欧阳明珠", "13912345678", "ouyang.mingzhu@example.com"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def _post_opinion(client, c, **extra):
    data = {
        "body": "建议把补助提高到1000元。",
        "clause": "第三条",
        "agree": "on",
        "name": NAME,
        "contact": PHONE,
    }
    data.update(extra)
    return client.post(reverse("hd:consultation", args=[c.pk]), data)


def test_public_comment_with_clause_gives_a_tracking_code(world, client):
    c = consultation(world)
    page = client.get(reverse("hd:consultation", args=[c.pk]))
    assert page.status_code == 200
    assert '<option value="第三条">第三条</option>' in page.content.decode()
    response = _post_opinion(client, c)
    assert response.status_code == 200
    op = Opinion.objects.get()
    assert op.clause == "第三条" and op.name == NAME
    assert op.tracking_code in response.content.decode()


def test_public_form_refuses_honeypot_missing_consent_and_late_posts(world, client):
    c = consultation(world)
    assert "提交失败" in _post_opinion(client, c, website="http://spam").content.decode()
    data = {"body": "意见", "clause": ""}
    assert "个人信息保护说明" in client.post(reverse("hd:consultation", args=[c.pk]), data).content.decode()
    assert not Opinion.objects.exists()
    done = closed(world, title="已截止的征集")
    page = client.get(reverse("hd:consultation", args=[done.pk])).content.decode()
    assert "opinion-form" not in page and "已于" in page
    # a forged post after the end is refused by the service, with the date
    late = _post_opinion(client, done).content.decode()
    assert "截止" in late and not Opinion.objects.exists()


def test_rate_limit_per_address(world, client, settings):
    settings.GONGKAI_PARTICIPATION_PER_HOUR = 2
    c = consultation(world)
    for n in range(2):
        _post_opinion(client, c, contact=f"1391234567{n}")
    third = _post_opinion(client, c, contact="13912345679").content.decode()
    assert "过于频繁" in third
    assert Opinion.objects.count() == 2


def test_unpublished_draft_is_not_public(world, client):
    c = consultation(world, publish=False)
    assert client.get(reverse("hd:consultation", args=[c.pk])).status_code == 404


def _decided_with_feedback(world, client):
    c = consultation(world)
    _post_opinion(client, c)
    _post_opinion(client, c, body="另一条建议", clause="", contact=EMAIL, name="")
    Consultation.objects.filter(pk=c.pk).update(
        starts_on=c.starts_on - timedelta(days=40), ends_on=timezone.localdate() - timedelta(days=1)
    )
    c.refresh_from_db()
    for op in c.opinions.all():
        services.decide_opinion(
            op, actor=world.editor, adoption="partly", reason="部分采纳，补助提高到900元。"
        )
    services.set_final(
        c,
        actor=world.editor,
        final_text=c.publication.body_text.replace("800元", "900元"),
        summary="感谢参与。",
    )
    services.publish_feedback(c, actor=world.editor)
    return c


def test_tracking_page_shows_the_decision_after_feedback(world, client):
    c = consultation(world)
    _post_opinion(client, c)
    op = Opinion.objects.get()
    page = client.post(reverse("hd:track"), {"code": op.tracking_code.lower()}).content.decode()
    assert "正在研究处理" in page
    assert client.post(reverse("hd:track"), {"code": "YJ-0000-0000-00"}).content.decode().count("未找到") == 1
    c = _decided_with_feedback(world, client)
    decided = c.opinions.first()
    page = client.post(reverse("hd:track"), {"code": decided.tracking_code}).content.decode()
    assert "部分采纳" in page and "900元" in page


def test_staff_decide_and_publish_through_the_pages(world, client):
    c = consultation(world)
    _post_opinion(client, c)
    op = Opinion.objects.get()
    client.force_login(world.editor)
    page = client.get(reverse("participation:consultation", args=[c.pk])).content.decode()
    assert NAME in page and PHONE in page  # the organising unit sees the submitter
    Consultation.objects.filter(pk=c.pk).update(
        starts_on=c.starts_on - timedelta(days=40), ends_on=timezone.localdate() - timedelta(days=1)
    )
    url = reverse("participation:feedback_publish", args=[c.pk])
    client.post(url)
    assert Consultation.objects.get(pk=c.pk).feedback_published_at is None
    decide = reverse("participation:opinion_decide", args=[c.pk, op.pk])
    client.post(decide, {"adoption": "adopted", "reason": ""})
    assert Opinion.objects.get().state == "pending"  # no reason, no decision
    client.post(decide, {"adoption": "adopted", "reason": "采纳。"})
    client.post(url)
    assert Consultation.objects.get(pk=c.pk).feedback_published_at is not None


def test_another_units_staff_cannot_see_or_decide(world, client):
    c = consultation(world)
    _post_opinion(client, c)
    op = Opinion.objects.get()
    client.force_login(world.dept_editor)
    assert client.get(reverse("participation:consultation", args=[c.pk])).status_code == 404
    response = client.post(
        reverse("participation:opinion_decide", args=[c.pk, op.pk]), {"adoption": "adopted", "reason": "x"}
    )
    assert response.status_code == 404
    assert Opinion.objects.get().state == "pending"
    assert c.title not in client.get(reverse("participation:index")).content.decode()


def test_feedback_files_mask_submitters_and_carry_the_diff(world, client):
    from docx import Document

    c = _decided_with_feedback(world, client)
    docx = client.get(reverse("hd:feedback_docx", args=[c.pk]))
    assert docx.status_code == 200
    text = "\n".join(
        [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
        + [cell.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for cell in r.cells]
    )
    assert "欧**" in text and NAME not in text and PHONE not in text
    assert "第三条" in text and "900元" in text and "800元" in text
    pdf = client.get(reverse("hd:feedback_pdf", args=[c.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_signup_export_is_masked(world, client):
    plan = services.save_plan(world.town, actor=world.editor, year=2026, months="4月")
    now = timezone.now()
    session = services.add_session(
        plan,
        actor=world.editor,
        title="开放日",
        starts_at=now + timedelta(days=9),
        place="县政务服务中心",
        capacity=10,
        signup_deadline=now + timedelta(days=3),
    )
    response = client.post(
        reverse("hd:session", args=[session.pk]),
        {"name": NAME, "phone": PHONE, "participant_type": "citizen", "adult": "on", "agree": "on"},
    )
    assert "报名成功" in response.content.decode()
    client.force_login(world.editor)
    from openpyxl import load_workbook

    data = client.get(reverse("participation:signups_xlsx", args=[session.pk])).content
    cells = [str(c.value) for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
    assert "139****5678" in cells and "欧**" in cells
    assert PHONE not in cells and NAME not in cells
    client.force_login(world.dept_editor)
    assert client.get(reverse("participation:signups_xlsx", args=[session.pk])).status_code == 404


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="(/hdjl/[^"#?]*)"', html))


def test_crawl_of_public_pages_shows_no_submitter_contacts(world, client):
    """Every public page reachable from /hdjl/ and the home page: no submitter's name, phone or e-mail."""
    _decided_with_feedback(world, client)
    consultation(world, title="另一个正在征集的办法")
    _post_opinion(
        client, Consultation.objects.order_by("-id").first(), contact="13700001111", name="司马相如"
    )
    plan = services.save_plan(world.town, actor=world.editor, year=2026, months="4月", themes=["走进医院"])
    now = timezone.now()
    session = services.add_session(
        plan,
        actor=world.editor,
        title="开放日",
        starts_at=now + timedelta(days=9),
        place="县医院",
        capacity=10,
        signup_deadline=now + timedelta(days=3),
    )
    services.sign_up(session, name="诸葛孔明", phone="13600002222", participant_type="media", adult=True)
    seen, todo = set(), ["/", "/hdjl/"]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for secret in (NAME, PHONE, EMAIL, "13700001111", "司马相如", "诸葛孔明", "13600002222"):
            assert secret not in html, f"{secret} on {url}"
        todo.extend(_links(html) - seen)
    assert any("/fankui/" in u for u in seen) and any("/kfr/" in u for u in seen)
    assert len(seen) >= 8


def test_staff_create_plan_session_and_meeting_through_the_pages(world, client):
    from gongkai.participation.models import Meeting, OpenDayPlan, OpenDaySession

    client.force_login(world.editor)
    year = timezone.localdate().year
    response = client.post(
        reverse("participation:plan_new"),
        {"unit": world.town.pk, "year": year, "months": "4月、8月", "themes": "走进医院\n走进学校\n"},
    )
    plan = OpenDayPlan.objects.get()
    assert response.status_code == 302 and plan.options.count() == 2 and plan.poll_open
    soon = timezone.localtime() + timedelta(days=10)
    fmt = "%Y-%m-%dT%H:%M"
    bad = client.post(
        reverse("participation:session_new", args=[plan.pk]),
        {
            "title": "走进医院",
            "starts_at": soon.strftime(fmt),
            "place": "县医院",
            "capacity": 20,
            "signup_deadline": (soon + timedelta(days=1)).strftime(fmt),
        },
    )
    assert "早于活动开始" in bad.content.decode() and not OpenDaySession.objects.exists()
    client.post(
        reverse("participation:session_new", args=[plan.pk]),
        {
            "title": "走进医院",
            "starts_at": soon.strftime(fmt),
            "place": "县医院",
            "capacity": 20,
            "signup_deadline": (soon - timedelta(days=3)).strftime(fmt),
        },
    )
    assert OpenDaySession.objects.get().capacity == 20
    client.post(
        reverse("participation:meeting_new"),
        {
            "unit": world.town.pk,
            "title": "镇政府常务会议",
            "held_on": (soon + timedelta(days=5)).date().isoformat(),
            "topics": "停车难\n农贸市场",
        },
    )
    assert Meeting.objects.get().options.count() == 2
    # another unit's staff cannot add sessions to this plan
    client.force_login(world.dept_editor)
    assert client.get(reverse("participation:session_new", args=[plan.pk])).status_code == 404


def test_final_document_and_feedback_link_both_ways(world, client):
    from gongkai.publishing.tests.helpers import published

    final = published(world, "示范县农村人居环境整治办法", body="<p>第三条　每户补助900元。</p>")
    c = consultation(world)
    _post_opinion(client, c)
    Consultation.objects.filter(pk=c.pk).update(
        starts_on=c.starts_on - timedelta(days=40), ends_on=timezone.localdate() - timedelta(days=1)
    )
    c.refresh_from_db()
    services.decide_opinion(c.opinions.get(), actor=world.editor, adoption="adopted", reason="采纳。")
    services.set_final(c, actor=world.editor, final_publication=final)
    page = client.get(reverse("info:detail", args=[final.pk])).content.decode()
    assert reverse("hd:feedback", args=[c.pk]) not in page  # not before the feedback is published
    services.publish_feedback(c, actor=world.editor)
    page = client.get(reverse("info:detail", args=[final.pk])).content.decode()
    assert reverse("hd:feedback", args=[c.pk]) in page
    feedback = client.get(reverse("hd:feedback", args=[c.pk])).content.decode()
    assert reverse("info:detail", args=[final.pk]) in feedback
    assert "900元" in feedback and "800元" in feedback  # the diff against the final document's text


def test_new_consultation_page_links_a_decision_and_the_index_filters_by_unit(world, client):
    from .factories import catalog, decision

    d = decision(world, catalog(world), unit=world.town)
    client.force_login(world.editor)
    today = timezone.localdate()
    response = client.post(
        reverse("participation:consultation_new"),
        {
            "unit": world.town.pk,
            "title": "示范县停车管理办法",
            "body": "第一条　目的。\n第二条　范围。",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=29)).isoformat(),
            "channels": ["online"],
            "decision": d.pk,
        },
    )
    c = Consultation.objects.get()
    assert response.status_code == 302 and c.decision == d and c.publication.is_consultation
    assert services.clauses_of(c) == ["第一条", "第二条"]
    short = client.post(
        reverse("participation:consultation_new"),
        {
            "unit": world.town.pk,
            "title": "短期征集",
            "body": "第一条　目的。",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=9)).isoformat(),
            "channels": ["online"],
        },
    )
    assert "少于30日" in short.content.decode() and Consultation.objects.count() == 1
    page = client.get(reverse("participation:index") + f"?unit={world.dept.pk}").content.decode()
    assert "示范县停车管理办法" not in page
    assert (
        "示范县停车管理办法"
        in client.get(reverse("participation:index") + f"?unit={world.town.pk}").content.decode()
    )


def test_public_catalogue_shows_stages_hearing_and_export(world, client):
    from openpyxl import load_workbook

    from .factories import catalog, decision

    cat = catalog(world)
    d = decision(world, cat, title="城区供水价格调整")
    assert client.get(reverse("hd:catalog", args=[cat.pk])).status_code == 404  # not before it is published
    services.publish_catalog(
        cat, actor=world.office, approved_on=timezone.localdate(), approval_document="县委同意"
    )
    services.advance(d, actor=world.dept_editor, to="consultation")
    services.update_record(
        d,
        actor=world.dept_editor,
        hearing_on=timezone.localdate() + timedelta(days=10),
        participants_published_on=timezone.localdate(),
        hearing_participants="市民代表5人、企业代表2人",
    )
    page = client.get(reverse("hd:catalog", args=[cat.pk])).content.decode()
    assert (
        "城区供水价格调整" in page
        and "预公开/征求意见" in page
        and "市民代表5人" in page
        and "县委同意" in page
    )
    data = client.get(reverse("hd:catalog_xlsx", args=[cat.pk])).content
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "事项名称", "承办单位") and rows[1][1] == "城区供水价格调整"
