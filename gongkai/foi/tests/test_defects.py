"""Issue 12, applications: every action shows its error; closing a case ends its pending requests (and the
leader's card); an action's date cannot precede the events it depends on."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.cards import foi_cards
from gongkai.foi.errors import FoiError
from gongkai.foi.models import Extension, Notification

from .conftest import person

D = date
SH = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def overdue_case_with_pending_extension(county, today):
    """Received 9/28 (due 10/30); extension asked on 10/29; the leader comes back on 11/3 — overdue."""
    today(D(2026, 10, 29))
    case = services.submit_online(person(), unit=county.zrzy, now=datetime(2026, 9, 28, 10, tzinfo=SH)).case
    services.assign(case, actor=county.officer, unit=county.zrzy, officer=county.officer, on=D(2026, 9, 28))
    extension = services.request_extension(
        case, actor=county.officer, days=10, reason="需调取档案", on=D(2026, 10, 29)
    )
    today(D(2026, 11, 3))
    return case, extension


def test_approving_on_an_overdue_case_shows_the_reason(client, county, today):
    case, extension = overdue_case_with_pending_extension(county, today)
    client.force_login(county.leader)
    page = client.get(reverse("foi:case", args=[case.pk])).content.decode()
    assert "已届满，不能再批准延期，只能不同意" in page
    response = client.post(
        reverse("foi:act", args=[case.pk, "ext_decision"]),
        {"extension": extension.pk, "on": "2026-11-03", "approve": "1", "note": ""},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="action-error"' in body and "“延期审批”未完成" in body
    assert "原答复期限（2026年10月30日（周五））已届满，不能再批准延期。" in body
    # Refusing it is still possible and ends the request.
    response = client.post(
        reverse("foi:act", args=[case.pk, "ext_decision"]),
        {"extension": extension.pk, "on": "2026-11-03", "approve": "0", "note": "已超期"},
    )
    assert response.status_code == 302
    extension.refresh_from_db()
    assert extension.status == Extension.Status.REJECTED


def test_every_refused_action_is_reported_at_the_top(client, county, today):
    today(D(2026, 10, 20))
    case = services.submit_online(person(), unit=county.zrzy, now=datetime(2026, 10, 12, 10, tzinfo=SH)).case
    client.force_login(county.officer)
    response = client.post(
        reverse("foi:act", args=[case.pk, "consult_end"]), {"consultation": "999", "opinion": "agree"}
    )
    assert response.status_code in (400, 404)
    response = client.post(reverse("foi:act", args=[case.pk, "fee_paid"]), {"fee": ""})
    body = response.content.decode()
    assert response.status_code == 400 and "“登记已缴费”未完成" in body


def test_replying_ends_pending_extension_requests_and_the_leaders_card(county, today):
    case, extension = overdue_case_with_pending_extension(county, today)
    assert Notification.objects.filter(user=county.leader, key=f"ext-{extension.pk}", read_at=None).exists()
    card = next(c for c in foi_cards(county.leader) if c.title == "待审批的延期申请")
    assert card.url and card.items and card.items[0][1].startswith(reverse("foi:case", args=[case.pk]))
    reply = services.draft_reply(case, actor=county.officer, outcome="grant", on=D(2026, 11, 3))
    services.send_reply(reply, actor=county.officer, on=D(2026, 11, 3))
    extension.refresh_from_db()
    assert extension.status == Extension.Status.LAPSED and extension.decided_on == D(2026, 11, 3)
    assert not Notification.objects.filter(
        user=county.leader, key=f"ext-{extension.pk}", read_at=None
    ).exists()
    assert all(c.title != "待审批的延期申请" for c in foi_cards(county.leader))
    assert all(c.url for c in foi_cards(county.leader))
    assert AuditEvent.objects.filter(action="foi.extension_lapsed").exists()
    with pytest.raises(FoiError, match="已审批|已终止"):
        services.decide_extension(extension, actor=county.leader, approve=False, on=D(2026, 11, 4))


def test_sending_cannot_precede_the_countersign(county, today):
    today(D(2026, 10, 20))
    case = services.submit_online(person(), unit=county.zrzy, now=datetime(2026, 10, 12, 10, tzinfo=SH)).case
    services.assign(case, actor=county.officer, unit=county.zrzy, officer=county.officer, on=D(2026, 10, 12))
    reply = services.draft_reply(
        case,
        actor=county.officer,
        outcome="partial",
        content="涉及第三方个人信息的部分不予公开",
        on=D(2026, 10, 14),
    )
    services.countersign(reply, actor=county.legal, approve=True, on=D(2026, 10, 16))
    with pytest.raises(
        FoiError, match=r"送达日期（2026-10-15）不能早于法律审核通过日期（2026-10-16）"
    ) as refused:
        services.send_reply(reply, actor=county.officer, on=D(2026, 10, 15))
    assert refused.value.field == "on"
    with pytest.raises(FoiError, match="法律审核日期（2026-10-13）不能早于拟定答复日期"):
        reply2 = services.draft_reply(
            case, actor=county.officer, outcome="partial", content="重新拟稿", on=D(2026, 10, 17)
        )
        services.countersign(reply2, actor=county.legal, approve=True, on=D(2026, 10, 13))
    case.refresh_from_db()
    assert case.replied_on is None
