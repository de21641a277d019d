"""Staff pages: the office dispatches, the unit replies, the leader approves, the office publishes with masking;
the red three-month card on the office home."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.messages.models import Message
from gongkai.messages.vocab import State

from .factories import message, replied

pytestmark = pytest.mark.django_db


def test_staff_flow_through_the_pages(client, world):
    msg = message(world, body="我的电话13812345678，小区路灯坏了请修理。")
    client.force_login(world.office)
    page = client.get(f"/work/messages/{msg.pk}/")
    assert page.status_code == 200 and "13812345678" in page.content.decode()
    client.post(f"/work/messages/{msg.pk}/dispatch/", {"unit": world.town.pk})
    assert Message.objects.get(pk=msg.pk).unit == world.town
    client.force_login(world.editor)
    client.post(f"/work/messages/{msg.pk}/draft/", {"reply": "您好，路灯已安排维修，预计三日内修复。"})
    assert Message.objects.get(pk=msg.pk).state == State.DRAFTED
    assert client.post(f"/work/messages/{msg.pk}/approve/", {"approve": "1"}).status_code == 403
    client.force_login(world.leader)
    client.post(f"/work/messages/{msg.pk}/approve/", {"approve": "1"})
    assert Message.objects.get(pk=msg.pk).state == State.REPLIED
    client.force_login(world.office)
    page = client.get(f"/work/messages/{msg.pk}/publish/")
    assert "13812345678" in page.content.decode()
    key = page.context["candidates"][0].key
    client.post(f"/work/messages/{msg.pk}/publish/", {"mask": [key]})
    msg.refresh_from_db()
    assert msg.published_at and "13812345678" not in msg.public_body


def test_errors_show_in_chinese_and_change_nothing(client, world):
    msg = message(world)
    client.force_login(world.office)
    response = client.post(f"/work/messages/{msg.pk}/invalid/", {"reason": ""}, follow=True)
    assert "此项为必填项" in response.content.decode()
    assert Message.objects.get(pk=msg.pk).state == State.RECEIVED


def test_other_unit_gets_404(client, world):
    msg = replied(world)
    client.force_login(world.dept_editor)
    assert client.get(f"/work/messages/{msg.pk}/").status_code == 404
    assert client.post(f"/work/messages/{msg.pk}/publish/", {}).status_code == 404


def test_office_home_shows_the_red_three_month_card(client, world):
    message(world, received_on=timezone.localdate() - timedelta(days=100), subject="超期留言")
    client.force_login(world.office)
    home = client.get("/work/")
    html = home.content.decode()
    assert "有效留言超过3个月未答复" in html and "超期留言" in html
    listing = client.get("/work/messages/?due=stale").content.decode()
    assert "超期留言" in listing and "单项否决" in listing


def test_list_filters_go_through_the_form(client, world):
    message(world, subject="甲留言")
    client.force_login(world.office)
    assert client.get("/work/messages/?state=bogus&page=x").status_code == 200
    assert "甲留言" in client.get("/work/messages/?q=甲").content.decode()


def test_export_is_masked_scoped_and_audited(client, world):
    import io

    from openpyxl import load_workbook

    from gongkai.audit.models import AuditEvent

    mine = replied(world, subject="城关镇留言")
    replied(world, unit=world.dept, subject="住建局留言")
    client.force_login(world.editor)
    response = client.get("/work/messages/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [mine.tracking_code]
    flat = " ".join(str(c) for r in rows for c in r)
    assert "13812345678" not in flat and "张三" not in flat
    assert AuditEvent.objects.filter(action="messages.exported").exists()
