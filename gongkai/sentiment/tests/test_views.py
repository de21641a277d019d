"""The staff pages: registering through the form, the case page with its deadlines, responses and commitments by
POST, cross-unit reads and writes answering 404 with nothing changed, the ledger (.xlsx) scoped and escaped."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.sentiment import services
from gongkai.sentiment.models import Case, Commitment, Response

from .factories import PNG, case, release_item


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_register_through_the_form_with_a_screenshot(world, client):
    client.force_login(world.office)
    page = client.get("/work/sentiment/new/")
    assert page.status_code == 200 and "48小时" in page.content.decode()
    response = client.post(
        "/work/sentiment/new/",
        {
            "topic": "东山镇养殖场异味扰民",
            "source": "hotline",
            "first_seen_at": _local(timezone.now() - timedelta(hours=2)),
            "level": "larger",
            "owner_unit": world.dept.pk,
            "local_unit": world.town.pk,
            "summary": "12345连续接到投诉，反映养殖场异味。",
            "links": "https://weibo.example.com/p/1",
            "screenshots": [SimpleUploadedFile("热线截图.png", PNG)],
        },
    )
    c = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/work/sentiment/{c.pk}/"
    assert c.owner_unit == world.dept and c.local_unit == world.town and c.screenshots.count() == 1
    detail = client.get(f"/work/sentiment/{c.pk}/").content.decode()
    assert "予以回应" in detail and ("剩余1天21小时" in detail or "剩余1天22小时" in detail)
    shot = client.get(f"/work/sentiment/{c.pk}/screenshots/{c.screenshots.get().pk}/")
    assert shot.status_code == 200 and shot["Content-Type"] == "image/png"
    assert shot["X-Content-Type-Options"] == "nosniff" and "attachment" in shot["Content-Disposition"]


def test_refused_form_keeps_the_input_and_names_the_fix(world, client):
    client.force_login(world.office)
    response = client.post(
        "/work/sentiment/new/",
        {
            "topic": "x",
            "source": "network",
            "first_seen_at": _local(timezone.now() + timedelta(days=1)),
            "level": "general",
            "owner_unit": world.town.pk,
            "summary": "摘要",
        },
    )
    assert response.status_code == 200 and "发现时间不能晚于现在" in response.content.decode()
    assert not Case.objects.exists()


def test_unit_responds_with_commitment_and_fulfils_by_post(world, client):
    c = case(world, hours_ago=2)
    pub = release_item(world)
    client.force_login(world.editor)
    r = client.post(
        f"/work/sentiment/{c.pk}/respond/",
        {
            "kind": "release",
            "unit": world.town.pk,
            "publication": pub.pk,
            "summary": "发布水质情况通报",
            "commitment": "三日内公布第三方检测结果",
            "commitment_due_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
        },
    )
    assert r.status_code == 302
    item = Commitment.objects.get()
    assert item.owner_unit == world.town and Response.objects.get().publication == pub
    result = release_item(world, "第三方水质检测结果公告")
    r = client.post(
        f"/work/sentiment/commitments/{item.pk}/fulfil/",
        {
            "evidence": "检测合格，已公告",
            "result_publication": result.pk,
            "evidence_file": SimpleUploadedFile("报告.png", PNG),
        },
    )
    item.refresh_from_db()
    assert r.status_code == 302 and item.state == "kept" and item.result_publication == result
    assert client.get(f"/work/sentiment/commitments/{item.pk}/evidence/").status_code == 200


def test_other_unit_can_neither_read_nor_write(world, client):
    c = case(world, hours_ago=2)
    item = services.add_commitment(
        c, actor=world.office, content="内部承诺", owner_unit=world.town, due_on=timezone.localdate()
    )
    client.force_login(world.other_editor)
    assert client.get(f"/work/sentiment/{c.pk}/").status_code == 404
    posts = [
        (
            f"/work/sentiment/{c.pk}/respond/",
            {
                "kind": "online",
                "unit": world.town.pk,
                "summary": "冒名",
                "responded_at": _local(timezone.now()),
            },
        ),
        (f"/work/sentiment/{c.pk}/assess/", {"level": "major", "risk_notes": "x"}),
        (
            f"/work/sentiment/{c.pk}/commit/",
            {"content": "x", "owner_unit": world.other.pk, "due_on": "2026-12-31"},
        ),
        (f"/work/sentiment/{c.pk}/finish/", {}),
        (f"/work/sentiment/{c.pk}/close/", {"note": "x"}),
        (f"/work/sentiment/commitments/{item.pk}/fulfil/", {"evidence": "冒名兑现"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    c.refresh_from_db(), item.refresh_from_db()
    assert c.level == "general" and c.state == "registered" and item.state == "open"
    assert not Response.objects.exists() and Commitment.objects.count() == 1
    listing = client.get("/work/sentiment/").content.decode()
    assert c.topic not in listing
    assert c.topic not in client.get("/work/sentiment/commitments/").content.decode()


def test_commitment_owner_sees_but_cannot_respond_or_close(world, client):
    c = case(world, hours_ago=2)
    services.add_commitment(
        c, actor=world.office, content="水利局承诺", owner_unit=world.other, due_on=timezone.localdate()
    )
    client.force_login(world.other_editor)
    assert client.get(f"/work/sentiment/{c.pk}/").status_code == 200
    r = client.post(
        f"/work/sentiment/{c.pk}/respond/",
        {"kind": "online", "unit": world.town.pk, "summary": "x", "responded_at": _local(timezone.now())},
    )
    assert r.status_code == 403 and not Response.objects.exists()
    assert client.post(f"/work/sentiment/{c.pk}/close/", {"note": "x"}).status_code == 403


def test_ledger_is_scoped_complete_and_formula_escaped(world, client):
    mine = case(world, topic='=HYPERLINK("http://evil.example","点我")')
    services.record_response(
        mine, actor=world.editor, kind="online", unit=world.town, summary="+回应", responded_at=timezone.now()
    )
    services.add_commitment(
        mine, actor=world.editor, content="@承诺", owner_unit=world.town, due_on=timezone.localdate()
    )
    case(world, owner=world.other, topic="水利局的舆情")
    client.force_login(world.editor)
    response = client.get("/work/sentiment/ledger.xlsx")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["舆情台账", "回应记录", "承诺事项"]
    cases = list(wb["舆情台账"].iter_rows(min_row=2, values_only=True))
    assert len(cases) == 1 and cases[0][1].startswith("'=HYPERLINK")
    assert wb["回应记录"]["H2"].value == "'+回应"
    assert wb["承诺事项"]["C2"].value == "'@承诺"
    client.force_login(world.office)
    wb = load_workbook(io.BytesIO(client.get("/work/sentiment/ledger.xlsx").content))
    assert wb["舆情台账"].max_row == 3


def test_list_filters_survive_hostile_query(world, client):
    case(world)
    client.force_login(world.office)
    for query in (
        "?page=%00",
        "?unit=99999999999999999999999",
        "?level=<script>",
        "?due=x&state=y",
        "?q=" + "长" * 500,
    ):
        assert client.get("/work/sentiment/" + query).status_code == 200
    assert client.get("/hdjl/hygq/?page=abc").status_code == 200


def test_office_round_page_and_marking(world, client):
    c = case(world, hours_ago=24 * 3)
    item = services.add_commitment(
        c, actor=world.office, content="公开整改", owner_unit=world.town, due_on=timezone.localdate()
    )
    pub = release_item(world, "整改情况公告")
    services.fulfil(item, actor=world.editor, evidence="已整改", result_publication=pub)
    client.force_login(world.office)
    r = client.post(
        "/work/sentiment/checks/", {"title": "年度核查", "cutoff": timezone.localdate().isoformat()}
    )
    assert r.status_code == 302
    round_ = c.commitments.get().checks.get().round
    check = round_.checks.get()
    assert (
        client.post(
            f"/work/sentiment/checks/{round_.pk}/mark/{check.pk}/", {"result": "verified"}
        ).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.check_result == "verified"
    client.force_login(world.editor)
    assert client.get("/work/sentiment/checks/").status_code == 403


def test_overdue_commitment_card_on_the_office_home_and_reminders(world, client):
    c = case(world, hours_ago=24 * 5)
    services.add_commitment(
        c,
        actor=world.office,
        content="逾期未兑现的承诺",
        owner_unit=world.town,
        due_on=timezone.localdate() - timedelta(days=1),
    )
    services.remind()
    client.force_login(world.office)
    home = client.get("/work/").content.decode()
    assert "舆情回应承诺已逾期未兑现" in home and "逾期未兑现的承诺" in home
    assert "已逾期" in client.get("/work/sentiment/").content.decode()
    client.force_login(world.editor)
    assert "舆情回应承诺已逾期未兑现" in client.get("/work/").content.decode()
    assert "逾期未兑现的承诺" in client.get("/work/sentiment/").content.decode()  # the town's reminder
    client.force_login(world.other_editor)
    assert "逾期未兑现的承诺" not in client.get("/work/").content.decode()
    assert "逾期未兑现的承诺" not in client.get("/work/sentiment/").content.decode()
