"""Units screens: who may see and change what."""

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.orgs.models import Membership, Unit, User
from gongkai.roles import Role

from .conftest import PASSWORD, make_user

HEADER = "上级单位,单位全称,简称,别名(、分隔),类型,统一社会信用代码,索引号前缀,办公地址,邮政编码,办公时间,咨询电话,传真,电子邮箱,网站"


def _login(client, user):
    client.force_login(user)
    return client


def test_anonymous_users_are_sent_to_login(client, county):
    response = client.get(reverse("orgs:unit_list"))
    assert response.status_code == 302 and "/work/login/" in response["Location"]


def test_editor_reads_the_unit_list_and_details_but_cannot_edit(client, county, editor):
    _login(client, editor)
    page = client.get(reverse("orgs:unit_list"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "测试县财政局" in body and "新建单位" not in body
    detail = client.get(reverse("orgs:unit_detail", args=[county["czj"].pk]))
    assert detail.status_code == 200 and "修改" not in detail.content.decode()
    for name in ("orgs:unit_edit", "orgs:unit_deactivate"):
        assert client.get(reverse(name, args=[county["czj"].pk])).status_code in (403, 405)
        assert client.post(reverse(name, args=[county["czj"].pk]), {"name": "改名"}).status_code == 403
    assert client.get(reverse("orgs:unit_create")).status_code == 403
    assert client.get(reverse("orgs:unit_import")).status_code == 403
    assert client.post(reverse("orgs:unit_import"), {"confirm": "1"}).status_code == 403
    county["czj"].refresh_from_db()
    assert county["czj"].name == "测试县财政局" and county["czj"].is_active
    assert not AuditEvent.objects.filter(action__startswith="unit.").exists()


def test_staff_lists_own_unit_only(client, county, editor):
    colleague = make_user("fgw_reviewer", county["fgw"], Role.REVIEWER)
    other = make_user("czj_editor", county["czj"], Role.EDITOR)
    _login(client, editor)
    own = client.get(reverse("orgs:unit_staff", args=[county["fgw"].pk]))
    assert own.status_code == 200 and colleague.full_name in own.content.decode()
    assert "撤销岗位" not in own.content.decode()
    assert client.get(reverse("orgs:unit_staff", args=[county["czj"].pk])).status_code == 404
    detail = client.get(reverse("orgs:unit_detail", args=[county["czj"].pk])).content.decode()
    assert other.full_name not in detail  # another unit's staff are not shown
    assert (
        client.post(
            reverse("orgs:unit_staff", args=[county["fgw"].pk]), {"user": other.pk, "role": "editor"}
        ).status_code
        == 403
    )
    membership = Membership.objects.get(user=colleague)
    assert client.post(reverse("orgs:membership_remove", args=[membership.pk])).status_code == 403
    assert client.get(reverse("orgs:staff_create", args=[county["fgw"].pk])).status_code == 403


def test_office_admin_edits_a_unit(client, county, office_admin):
    _login(client, office_admin)
    url = reverse("orgs:unit_edit", args=[county["czj"].pk])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "parent": county["gov"].pk,
        "name": "测试县财政局",
        "short_name": "县财政局",
        "aliases_text": "财政局、县财政",
        "kind": "department",
        "credit_code": "91110108551385082r",
        "sort_order": 20,
        "email": "czj@example.gov.cn",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "末位应为 Q" in response.content.decode()
    data["credit_code"] = "91110108551385082q"
    response = client.post(url, data)
    assert response.status_code == 302
    county["czj"].refresh_from_db()
    assert county["czj"].aliases == ["财政局", "县财政"]
    assert county["czj"].credit_code == "91110108551385082Q"
    assert AuditEvent.objects.filter(action="unit.update", object_id=str(county["czj"].pk)).exists()


def test_office_admin_creates_and_deactivates(client, county, office_admin):
    _login(client, office_admin)
    response = client.post(
        reverse("orgs:unit_create"),
        {
            "parent": county["gov"].pk,
            "name": "测试县统计局",
            "short_name": "县统计局",
            "kind": "department",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(name="测试县统计局")
    response = client.post(reverse("orgs:unit_deactivate", args=[county["gov"].pk]), follow=True)
    assert "下级单位" in response.content.decode()
    client.post(reverse("orgs:unit_deactivate", args=[unit.pk]))
    unit.refresh_from_db()
    assert not unit.is_active


def test_import_flow_preview_then_confirm(client, county, office_admin):
    _login(client, office_admin)
    url = reverse("orgs:unit_import")
    bad = (HEADER + "\n测试县人民政府,测试县林业局,县林业局,,部门,91440300708461136R,,,,,,,,\n").encode(
        "utf-8-sig"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(url, {"file": SimpleUploadedFile("u.csv", bad)})
    body = response.content.decode()
    assert "第2行【统一社会信用代码】校验位错误：末位应为 T" in body
    assert "确认导入" not in body
    good = (
        HEADER + "\n测试县人民政府,测试县林业局,县林业局,林业局,部门,91440300708461136T,,,,,,,,\n"
    ).encode("utf-8-sig")
    response = client.post(url, {"file": SimpleUploadedFile("u.csv", good)})
    body = response.content.decode()
    assert "确认导入" in body and "新建" in body
    assert not Unit.objects.filter(name="测试县林业局").exists()  # preview saves nothing
    token = client.session["orgs_import"]["token"]
    assert client.post(url, {"confirm": "1", "token": "wrong"}).status_code == 302
    assert not Unit.objects.filter(name="测试县林业局").exists()
    response = client.post(url, {"confirm": "1", "token": token})
    assert response.status_code == 302
    assert Unit.objects.get(name="测试县林业局").aliases == ["林业局"]


def test_export_downloads(client, county, editor):
    _login(client, editor)
    response = client.get(reverse("orgs:unit_export", args=["xlsx"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    response = client.get(reverse("orgs:unit_export", args=["csv"]) + "?q=财政")
    text = response.content.decode("utf-8-sig")
    assert "测试县财政局" in text and "测试县发展和改革委员会" not in text
    assert client.get(reverse("orgs:unit_export", args=["pdf"])).status_code == 404


def test_unit_list_filters_by_name_alias_and_kind(client, county, editor):
    _login(client, editor)
    body = client.get(reverse("orgs:unit_list"), {"q": "发改委"}).content.decode()
    assert "测试县发展和改革委员会" in body and "测试县财政局" not in body
    body = client.get(reverse("orgs:unit_list"), {"kind": "office"}).content.decode()
    assert "测试县人民政府办公室" in body and "测试县财政局" not in body


def test_resolve_tester_shows_units_groups_and_suggestions(client, county, editor):
    _login(client, editor)
    response = client.get(
        reverse("orgs:resolve"),
        {"phrase": "〔牵头单位：县政府办；责任单位：发改委、县政府有关部门、县财务局〕"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "测试县人民政府办公室" in body and "测试县发展和改革委员会" in body
    assert "需由政务公开办确定具体单位" in body
    assert "测试县财政局" in body  # suggested for the unknown 县财务局


def test_office_admin_creates_staff_with_a_checked_password(client, county, office_admin):
    _login(client, office_admin)
    url = reverse("orgs:staff_create", args=[county["czj"].pk])
    data = {
        "username": "czj_editor",
        "full_name": "钱七",
        "roles": ["editor"],
        "password1": "short",
        "password2": "short",
    }
    response = client.post(url, data)
    assert "密码太短" in response.content.decode()
    assert not User.objects.filter(username="czj_editor").exists()
    data["password1"] = data["password2"] = PASSWORD
    assert client.post(url, data).status_code == 302
    user = User.objects.get(username="czj_editor")
    assert user.memberships.get().unit == county["czj"]
    # Office admins cannot hand out county-wide roles.
    assert "office_admin" not in client.get(url).content.decode()


@pytest.mark.parametrize("name", ["orgs:unit_list", "orgs:resolve", "orgs:unit_import", "orgs:unit_create"])
def test_pages_render_for_the_office(client, county, office_admin, name):
    _login(client, office_admin)
    assert client.get(reverse(name)).status_code == 200


def test_staff_form_names_every_problem_of_the_account_at_once(client, county, office_admin, editor):
    _login(client, office_admin)
    url = reverse("orgs:staff_create", args=[county["czj"].pk])
    data = {
        "username": editor.username.upper(),  # taken (usernames are compared case-insensitively)
        "full_name": "钱七",
        "password1": "abcdefghijk",  # long enough, but no digit
        "password2": "abcdefghijk",
    }
    body = client.post(url, data).content.decode()
    assert "已被使用" in body and "字母和数字" in body
    assert User.objects.count() == 2  # nothing saved


def test_an_office_admin_cannot_take_away_their_own_admin_role(client, county, office_admin):
    _login(client, office_admin)
    own = Membership.objects.get(user=office_admin, role=Role.OFFICE_ADMIN)
    response = client.post(reverse("orgs:membership_remove", args=[own.pk]), follow=True)
    assert "不能撤销自己的管理角色" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()
