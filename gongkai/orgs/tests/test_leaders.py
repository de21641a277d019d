"""机构职能 and 领导信息: kept on the unit record by the office (audited), published on the portal (issue 12)."""

import pytest
from bs4 import BeautifulSoup

from gongkai.audit.models import AuditEvent
from gongkai.orgs import services
from gongkai.orgs.errors import OrgsError
from gongkai.orgs.models import Leader

pytestmark = pytest.mark.django_db

ROWS = [
    {"post": "主任", "name": "周建国", "duties": "主持全面工作。"},
    {"post": "副主任", "name": "何丽娟", "duties": "负责价格监测、项目审批工作。"},
]


def test_save_leaders_replaces_the_list_in_order_and_is_audited(county, office_admin):
    fgw = county["fgw"]
    services.save_leaders(fgw, actor=office_admin, leaders=[*ROWS, {"post": "", "name": "", "duties": ""}])
    assert [(x.post, x.name) for x in fgw.leaders.all()] == [("主任", "周建国"), ("副主任", "何丽娟")]
    event = AuditEvent.objects.get(action="unit.leaders")
    assert event.after == {
        "leaders": ["主任 周建国：主持全面工作。", "副主任 何丽娟：负责价格监测、项目审批工作。"]
    }
    # The same list again: nothing changes, no event.
    services.save_leaders(fgw, actor=office_admin, leaders=ROWS)
    assert AuditEvent.objects.filter(action="unit.leaders").count() == 1
    services.save_leaders(fgw, actor=office_admin, leaders=list(reversed(ROWS)))
    assert [x.name for x in fgw.leaders.all()] == ["何丽娟", "周建国"]


def test_incomplete_row_saves_nothing(county, office_admin):
    fgw = county["fgw"]
    services.save_leaders(fgw, actor=office_admin, leaders=ROWS)
    with pytest.raises(OrgsError, match="第 2 位领导的职务未填写"):
        services.save_leaders(fgw, actor=office_admin, leaders=[ROWS[0], {"name": "王五", "post": ""}])
    assert [x.name for x in fgw.leaders.all()] == ["周建国", "何丽娟"]


def test_only_the_office_keeps_leaders(county, editor, client):
    with pytest.raises(OrgsError):
        services.save_leaders(county["fgw"], actor=editor, leaders=ROWS)
    assert not Leader.objects.exists()
    client.force_login(editor)
    assert client.get(f"/work/orgs/units/{county['fgw'].pk}/leaders/").status_code == 403


def test_leaders_page_saves_through_the_formset(county, office_admin, client):
    fgw = county["fgw"]
    client.force_login(office_admin)
    url = f"/work/orgs/units/{fgw.pk}/leaders/"
    assert client.get(url).status_code == 200
    data = {"leaders-TOTAL_FORMS": "3", "leaders-INITIAL_FORMS": "0", "leaders-MIN_NUM_FORMS": "0"}
    data["leaders-MAX_NUM_FORMS"] = "30"
    for i, row in enumerate(ROWS):
        data.update({f"leaders-{i}-{k}": v for k, v in row.items()})
    response = client.post(url, data)
    assert response.status_code == 302
    assert [x.name for x in fgw.leaders.all()] == ["周建国", "何丽娟"]
    # An incomplete row: the page comes back with the message, nothing saved.
    data["leaders-1-post"] = ""
    body = client.post(url, data, follow=True).content.decode()
    assert "第 2 位领导的职务未填写" in body
    assert fgw.leaders.count() == 2
    # Saving the page as shown (rows unchanged) keeps every leader.
    data["leaders-1-post"] = "副主任"
    data["leaders-INITIAL_FORMS"] = "2"
    client.post(url, data)
    assert [x.name for x in fgw.leaders.all()] == ["周建国", "何丽娟"]


def test_portal_pages_show_functions_leaders_and_contacts(county, office_admin, client):
    fgw = county["fgw"]
    services.update_unit(
        fgw,
        actor=office_admin,
        functions="拟订全县国民经济和社会发展规划。\n负责价格监测。",
        phone="0799-1234",
    )
    services.save_leaders(fgw, actor=office_admin, leaders=ROWS)
    soup = BeautifulSoup(client.get(f"/xxgk/jgzn/{fgw.pk}/").content.decode(), "html.parser")
    assert soup.h1.get_text(strip=True) == fgw.name
    assert [li.get_text(strip=True) for li in soup.select("ol.functions li")] == [
        "拟订全县国民经济和社会发展规划。",
        "负责价格监测。",
    ]
    rows = [
        [c.get_text(strip=True) for c in tr.find_all(["td", "th"])]
        for tr in soup.select("table.leaders tbody tr")
    ]
    assert rows == [
        ["主任", "周建国", "主持全面工作。"],
        ["副主任", "何丽娟", "负责价格监测、项目审批工作。"],
    ]
    assert "0799-1234" in soup.select_one(".contact").get_text()
    # A unit with nothing recorded says so.
    czj = BeautifulSoup(client.get(f"/xxgk/jgzn/{county['czj'].pk}/").content.decode(), "html.parser")
    assert [p.get_text(strip=True) for p in czj.select(".unit-profile .empty")] == ["暂未公布", "暂未公布"]
    # 领导信息 lists the units with leaders only.
    ldxx = BeautifulSoup(client.get("/xxgk/ldxx/").content.decode(), "html.parser")
    assert [h.get_text(strip=True) for h in ldxx.select(".unit-group h3")] == [fgw.name]
    index = client.get("/xxgk/jgzn/").content.decode()
    assert f'href="/xxgk/jgzn/{fgw.pk}/"' in index and "机构职能" in index
