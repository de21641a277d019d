"""Editing a consultation after creation (what its status allows, audited), linking the final document, the
paginated public feedback page, and reminders addressed to the consultation's owner on the dashboard."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.participation import services
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import Consultation, Opinion, Reminder

from .factories import closed, consultation


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _events(c, action="participation.consultation_updated"):
    return AuditEvent.objects.filter(action=action, object_id=str(c.pk)).order_by("id")


# --- editing ------------------------------------------------------------------------------------------------------
def test_a_draft_may_change_everything_an_open_one_only_what_was_not_promised(world):
    draft = consultation(world, publish=False)
    services.update_consultation(
        draft, actor=world.editor, title="示范县农村改厕补助办法", name_required=True
    )
    draft.refresh_from_db()
    assert draft.title == "示范县农村改厕补助办法" and draft.name_required
    event = _events(draft).last()
    assert event.before == {"title": "示范县农村人居环境整治办法", "name_required": False}
    assert event.after == {"title": "示范县农村改厕补助办法", "name_required": True}

    c = consultation(world, title="公开中的征集")
    for field, value in (
        ("title", "改个名字"),
        ("starts_on", c.starts_on + timedelta(days=1)),
        ("contact_required", True),
        ("ends_on", c.ends_on - timedelta(days=1)),
    ):
        with pytest.raises(ParticipationError) as refused:
            services.update_consultation(c, actor=world.editor, **{field: value})
        assert refused.value.field == field
    c.refresh_from_db()
    assert c.title == "公开中的征集" and not c.contact_required and not _events(c).exists()
    later = c.ends_on + timedelta(days=10)
    services.update_consultation(c, actor=world.editor, ends_on=later, explanation="补充说明。")
    c.refresh_from_db()
    assert c.ends_on == later and c.feedback_due > later
    assert set(_events(c).last().after) == {"ends_on", "explanation"}
    # nothing changed: no audit event
    services.update_consultation(c, actor=world.editor, explanation="补充说明。")
    assert _events(c).count() == 1


def test_a_closed_consultation_keeps_its_period_and_a_published_feedback_freezes_it(world):
    c = closed(world)
    with pytest.raises(ParticipationError, match="不能修改") as refused:
        services.update_consultation(c, actor=world.editor, ends_on=c.ends_on + timedelta(days=30))
    assert refused.value.field == "ends_on"
    with pytest.raises(ParticipationError):
        services.update_consultation(c, actor=world.editor, channels=["online"])
    services.update_consultation(c, actor=world.editor, basis="《中华人民共和国乡村振兴促进法》")
    services.publish_feedback(c, actor=world.editor)
    with pytest.raises(ParticipationError, match="反馈已公布"):
        services.update_consultation(c, actor=world.editor, basis="改")
    c.refresh_from_db()
    assert c.basis == "《中华人民共和国乡村振兴促进法》"


def test_edit_page_by_status_and_another_unit_gets_404(world, client):
    c = consultation(world)
    url = reverse("participation:consultation_edit", args=[c.pk])
    client.force_login(world.dept_editor)
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "别人改的"}).status_code == 404
    client.force_login(world.editor)
    page = client.get(url).content.decode()
    assert 'name="title"' in page and "disabled" in page  # the title is shown, not editable once public
    form = {
        "title": "试图改名",
        "starts_on": c.starts_on.isoformat(),
        "ends_on": (c.ends_on + timedelta(days=5)).isoformat(),
        "channels": ["online", "email"],
        "email": "yjzj@example.gov.cn",
        "explanation": "起草说明（修订）。",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.title == "示范县农村人居环境整治办法"  # a disabled field keeps the stored value
    assert c.ends_on == timezone.localdate() + timedelta(days=34) and c.explanation == "起草说明（修订）。"
    bad = client.post(url, {**form, "ends_on": (c.ends_on - timedelta(days=20)).isoformat()})
    assert bad.status_code == 200 and "截止日期只能延后" in bad.content.decode()
    staff_page = client.get(reverse("participation:consultation", args=[c.pk])).content.decode()
    assert url in staff_page


def test_final_document_linked_after_the_feedback_shows_on_the_public_pages(world, client):
    from gongkai.publishing.tests.fixtures import published

    c = closed(world)
    services.publish_feedback(c, actor=world.editor)
    final = published(world, "示范县农村人居环境整治办法（正式）", body="<p>第三条　每户补助900元。</p>")
    # refused: the draft for comment itself, a document not published, another unit's staff
    with pytest.raises(ParticipationError, match="征求意见稿"):
        services.link_final_document(c, actor=world.editor, publication=c.publication)
    draft = consultation(world, publish=False, title="另一个草稿").publication
    draft.is_consultation = False
    with pytest.raises(ParticipationError, match="已发布"):
        services.link_final_document(c, actor=world.editor, publication=draft)
    with pytest.raises(ParticipationError):
        services.link_final_document(c, actor=world.dept_editor, publication=final)
    assert Consultation.objects.get(pk=c.pk).final_publication is None
    # through the page: the candidates list offers it
    client.force_login(world.editor)
    edit = client.get(reverse("participation:consultation_edit", args=[c.pk])).content.decode()
    assert "示范县农村人居环境整治办法（正式）" in edit and "反馈已公布" in edit
    response = client.post(reverse("participation:final_document", args=[c.pk]), {"publication": final.pk})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.final_publication == final
    event = _events(c, "participation.final_document_linked").get()
    assert event.before == {"final_publication": None} and event.after["final_publication"] == final.pk
    client.logout()
    detail = client.get(reverse("hd:consultation", args=[c.pk])).content.decode()
    feedback = client.get(reverse("hd:feedback", args=[c.pk])).content.decode()
    target = reverse("info:detail", args=[final.pk])
    assert target in detail and target in feedback
    assert reverse("hd:feedback", args=[c.pk]) in client.get(target).content.decode()  # and back


# --- the public feedback page, paginated ----------------------------------------------------------------------------
def _bulk_opinions(c, n):
    now = timezone.now()
    Opinion.objects.bulk_create(
        Opinion(
            consultation=c,
            tracking_code=f"YJ-T{c.pk:04d}-{i:05d}",
            name=f"欧阳{i}号",
            contact=f"139{i:08d}",
            body=f"第{i}号意见：建议提高补助。",
            submitted_at=now - timedelta(minutes=n - i),
            state="hidden" if i % 50 == 0 else "decided",
            adoption="" if i % 50 == 0 else "rejected",
            reason="已研究。",
            fingerprint=hashlib.sha256(str(i).encode()).hexdigest(),
        )
        for i in range(1, n + 1)
    )


def test_public_feedback_is_paginated_and_numbers_run_on(world, client, django_assert_max_num_queries):
    c = closed(world)
    _bulk_opinions(c, 255)  # 5 hidden: 250 shown, 3 pages of 100
    services.publish_feedback(c, actor=world.editor)
    url = reverse("hd:feedback", args=[c.pk])
    first = client.get(url).content.decode()
    assert "共250条" in first and "第1/3页" in first and "第1号意见" in first
    # hidden: every 50th (50, 100 … 250); page 1 holds opinions 1–102 without 50 and 100
    assert "第102号意见" in first and "第103号意见" not in first and "第50号意见" not in first
    assert first.count('<tr><td data-label="序号">') == 100 and "13900000001" not in first
    with django_assert_max_num_queries(25):
        last = client.get(url + "?page=3").content.decode()
    assert last.count('<tr><td data-label="序号">') == 50 and '<tr><td data-label="序号">201</td>' in last
    assert "第205号意见" in last and "第204号意见" not in last and "第255号意见" in last
    # out of range and nonsense: the last page, the first page
    assert "第3/3页" in client.get(url + "?page=99").content.decode()
    assert "第1/3页" in client.get(url + "?page=%C2%B2").content.decode()
    # the .docx still holds every opinion
    from gongkai.participation import exports

    assert len(exports.feedback_context(c)["rows"]) == 250


# --- reminders --------------------------------------------------------------------------------------------------
def test_reminders_go_to_the_owner_and_show_on_the_dashboard(world, client, settings):
    today = timezone.localdate()
    closing = consultation(world, start=today - timedelta(days=28), title="即将截止的征集")
    awaiting = closed(world, title="待反馈的征集")
    Consultation.objects.filter(pk=awaiting.pk).update(feedback_due=today - timedelta(days=1))
    other = consultation(world, unit=world.dept, start=today - timedelta(days=28), title="部门的征集")
    assert services.remind() == 3 and services.remind() == 0  # once per item and day
    by_title = {r.text.split("”")[0].split("“")[1]: r for r in Reminder.objects.all()}
    assert by_title["即将截止的征集"].user == world.editor  # the draft's author
    assert "已逾期" in by_title["待反馈的征集"].text and by_title["待反馈的征集"].user == world.editor
    assert by_title["部门的征集"].user == world.dept_editor
    client.force_login(world.editor)
    board = client.get(reverse("workspace:dashboard")).content.decode()
    assert "公众参与提醒" in board and "即将截止的征集" in board and "部门的征集" not in board
    assert reverse("participation:consultation", args=[closing.pk]) in board
    client.force_login(world.dept_editor)
    board = client.get(reverse("workspace:dashboard")).content.decode()
    assert "部门的征集" in board and "即将截止的征集" not in board
    assert other.pk


def test_an_owner_who_left_leaves_the_reminder_to_the_unit(world):
    today = timezone.localdate()
    consultation(world, start=today - timedelta(days=28))
    world.editor.is_active = False
    world.editor.save()
    services.remind()
    assert Reminder.objects.get().user is None
