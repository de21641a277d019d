"""Portal pages: the form (CSRF, rate limits, honeypot, privacy), the reply list and search, the tracking page
(rating, one follow-up), private messages never shown, writers' names and contacts never on the portal."""

import pytest
from django.core.cache import cache
from django.test import Client

from gongkai.messages import services
from gongkai.messages.models import Message

from .factories import message, replied

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_limits():
    cache.clear()
    yield
    cache.clear()


def _form(world, **extra):
    return {
        "channel": world.consult.pk,
        "subject": "公交站台破损",
        "body": "人民路公交站台顶棚破损，雨天无法避雨，请尽快维修。",
        "writer_name": "王五",
        "writer_contact": "13700001234",
        "agree": "on",
        **extra,
    }


def test_write_shows_codes_once_and_saves(client, world):
    page = client.post("/hdjl/liuyan/xie/", _form(world))
    html = page.content.decode()
    msg = Message.objects.get()
    assert msg.tracking_code in html and "验证码" in html
    code = page.context["receipt"].verification_code
    assert code in html and code not in msg.verification_hash
    track = client.post(
        "/hdjl/liuyan/chaxun/", {"tracking_code": msg.tracking_code, "verification_code": code}
    )
    assert "公交站台破损" in track.content.decode()


def test_csrf_is_enforced(world):
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post("/hdjl/liuyan/xie/", _form(world)).status_code == 403
    assert not Message.objects.exists()


def test_honeypot_and_missing_consent_refuse(client, world):
    client.post("/hdjl/liuyan/xie/", _form(world, website="http://spam.example"))
    page = client.post("/hdjl/liuyan/xie/", {**_form(world), "agree": ""})
    assert "请先阅读并同意个人信息处理说明" in page.content.decode()
    assert not Message.objects.exists()


def test_rate_limit_per_contact_and_address(client, world, settings):
    settings.GONGKAI_MESSAGES_PER_CONTACT_HOUR = 2
    settings.GONGKAI_MESSAGES_PER_HOUR = 3
    for _ in range(3):
        client.post("/hdjl/liuyan/xie/", _form(world))
    assert Message.objects.count() == 2
    client.post("/hdjl/liuyan/xie/", _form(world, writer_contact="13700009999"))
    page = client.post("/hdjl/liuyan/xie/", _form(world, writer_contact="13700008888"))
    assert "提交过于频繁" in page.content.decode()
    assert Message.objects.count() == 2


def test_public_list_search_and_detail_hide_private_and_personal_data(client, world):
    shown = replied(world, subject="路灯维修", body="幸福路路灯坏了，我的电话13812345678。")
    services.publish(shown, actor=world.office, mask=[c.key for c in services.scan(shown)])
    hidden = replied(world, subject="私密留言", private=True)
    unpublished = replied(world, subject="未公开留言")
    listing = client.get("/hdjl/liuyan/").content.decode()
    assert "路灯维修" in listing and "私密留言" not in listing and "未公开留言" not in listing
    assert "路灯维修" in client.get("/hdjl/liuyan/?q=路灯").content.decode()
    assert "路灯维修" not in client.get("/hdjl/liuyan/?q=公交").content.decode()
    page = client.get(f"/hdjl/liuyan/{shown.pk}/").content.decode()
    assert "幸福路路灯坏了" in page and "13812345678" not in page and "张三" not in page
    assert client.get(f"/hdjl/liuyan/{hidden.pk}/").status_code == 404
    assert client.get(f"/hdjl/liuyan/{unpublished.pk}/").status_code == 404


def test_track_rate_and_follow_up_once(client, world):
    intake = services.submit(
        world.consult,
        subject="咨询",
        body="请问社保卡在哪里补办？",
        writer_name="李四",
        writer_contact="13900001111",
    )
    msg = intake.message
    codes = {"tracking_code": msg.tracking_code, "verification_code": intake.verification_code}
    wrong = client.post("/hdjl/liuyan/chaxun/", {**codes, "verification_code": "AAAAAAAA"})
    assert "查询码或验证码不正确" in wrong.content.decode()
    msg = services.dispatch(msg, actor=world.office, unit=world.town)
    msg = services.draft_reply(msg, actor=world.editor, reply="您好，请到县政务服务中心社保窗口补办。")
    services.approve_reply(msg, actor=world.leader)
    page = client.post("/hdjl/liuyan/chaxun/", codes).content.decode()
    assert "社保窗口补办" in page and "提交评价" in page
    client.post("/hdjl/liuyan/chaxun/", {**codes, "rating": "satisfied"})
    client.post("/hdjl/liuyan/chaxun/", {**codes, "text": "请问需要带什么材料？"})
    msg.refresh_from_db()
    assert msg.rating == "satisfied" and msg.follow_up == "请问需要带什么材料？"
    page = client.post("/hdjl/liuyan/chaxun/", {**codes, "text": "第二次追问的内容"}).content.decode()
    assert "只能在答复后" in page
    msg.refresh_from_db()
    assert msg.follow_up == "请问需要带什么材料？"


def test_no_writer_contact_anywhere_on_the_portal(client, world):
    """A small crawl of the messages' portal pages for the writers' names and contacts."""
    msgs = [replied(world, subject=f"留言{i}") for i in range(3)]
    for m in msgs:
        services.publish(m, actor=world.office)
    message(world, private=True)
    pages = ["/hdjl/liuyan/", "/hdjl/liuyan/xie/", "/hdjl/liuyan/chaxun/", "/"]
    pages += [f"/hdjl/liuyan/{m.pk}/" for m in msgs]
    for url in pages:
        html = client.get(url).content.decode()
        assert "13812345678" not in html and "张三" not in html, url


def test_a_fresh_install_offers_the_default_channels(client):
    """No demo, no setup: the migrations give the form the office's starting channels (县长信箱 … 12345热线)."""
    from gongkai.messages.models import Channel
    from gongkai.messages.vocab import DEFAULT_CHANNELS

    assert sorted(Channel.objects.values_list("code", flat=True)) == sorted(r.code for r in DEFAULT_CHANNELS)
    html = client.get("/hdjl/liuyan/xie/").content.decode()
    assert "县长信箱" in html and "网上咨询" in html
