"""The public form (issue 12): the limit that will apply per body, every error at once (files included), the
rate limit counting accepted applications only."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.foi import services
from gongkai.foi.models import InfoRequest

from .conftest import person
from .test_views import PNG, form_data

pytestmark = pytest.mark.django_db


def test_the_form_shows_each_bodys_own_limit(client, county):
    services.update_unit_profile(county.zrzy, actor=county.admin, reply_limit=15)
    body = client.get("/ysqgk/new/").content.decode()
    option = re.search(rf'<option value="{county.zrzy.pk}"[^>]*>', body).group(0)
    assert 'data-limit="15"' in option
    assert f"{county.zrzy.name}（15个工作日内答复）" in body
    other = re.search(rf'<option value="{county.fgw.pk}"[^>]*>', body).group(0)
    assert 'data-limit="20"' in other
    assert "<strong data-reply-limit>20个工作日</strong>" in body


def test_every_error_is_reported_at_once_files_included(client, county):
    files = [
        SimpleUploadedFile("a.exe", b"MZ\x90\x00binary", content_type="application/octet-stream"),
        SimpleUploadedFile("b.pdf", PNG, content_type="application/pdf"),
    ]
    response = client.post("/ysqgk/new/", form_data(person(phone="", description="太短"), id_proof=files))
    body = response.content.decode()
    assert response.status_code == 400
    assert "请填写联系电话" in body and "至少6个字" in body
    assert "文件“a.exe”是可执行程序，此处不能使用" in body
    assert "文件“b.pdf”的扩展名是 .pdf，但内容不是 PDF 文件（实际是 PNG 图片）" in body
    assert not InfoRequest.objects.exists()


def test_only_accepted_applications_count_against_the_limit(client, county, settings):
    settings.GONGKAI_FOI_APPLY_PER_HOUR = 2
    for _ in range(6):  # six refused forms cost nothing
        assert client.post("/ysqgk/new/", form_data(person(phone=""))).status_code == 400
    for i in range(2):
        data = form_data(person(description=f"第{i}份：城关镇老旧小区改造项目资金使用情况"))
        assert client.post("/ysqgk/new/", data).status_code == 302
    third = client.post(
        "/ysqgk/new/", form_data(person(description="第三份：城关镇老旧小区改造项目资金使用情况"))
    )
    assert third.status_code == 429 and InfoRequest.objects.count() == 2


def test_a_valid_upload_is_still_stored_after_the_form_checked_it(client, county):
    proof = SimpleUploadedFile("身份证.png", PNG, content_type="image/png")
    assert client.post("/ysqgk/new/", form_data(person(), id_proof=proof)).status_code == 302
    stored = InfoRequest.objects.get().attachments.get()
    assert stored.size == len(PNG)
