"""街道 get the 第二十一条 township list; /xxgk/zhidu/ and /xxgk/nianbao/ are fed by their template items."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.test import Client

from gongkai.orgs.models import Unit
from gongkai.publishing import services
from gongkai.publishing.catalog import NIANBAO_CODE, ZHIDU_CODE, create_template, template_rows
from gongkai.publishing.models import CatalogNode

from .fixtures import published


def test_township_list_applies_to_townships_and_subdistricts():
    township_rows = [r for r in template_rows() if r["code"].startswith("art21t-")]
    assert len(township_rows) == 8
    assert all(set(r["applies_to"]) == {"township", "subdistrict"} for r in township_rows)
    county_rows = [r for r in template_rows() if r["code"].startswith("art21-")]
    assert all("subdistrict" not in r["applies_to"] for r in county_rows)


@pytest.mark.django_db
def test_a_subdistrict_catalogue_holds_the_township_list_and_not_the_county_one(world):
    street = Unit.objects.create(name="示范县城南街道办事处", short_name="城南街道", kind="subdistrict")
    codes = {n.code for n in services.nodes_for_unit(street)}
    assert {f"art21t-{i:02d}" for i in range(1, 9)} <= codes
    assert not any(c.startswith("art21-") for c in codes)
    assert {ZHIDU_CODE, NIANBAO_CODE} <= codes
    dept_codes = {n.code for n in services.nodes_for_unit(world.dept)}
    assert not any(c.startswith("art21t-") for c in dept_codes)


@pytest.mark.django_db
def test_the_data_migration_widens_stored_township_items_and_adopts_the_old_nianbao_item(world):
    # A database as it stood before: township items for 乡镇 only, the reports app's 年报 item without a code.
    CatalogNode.objects.filter(code__startswith="art21t-").update(applies_to=["township"])
    CatalogNode.objects.filter(code__in=[ZHIDU_CODE, NIANBAO_CODE]).delete()
    old = CatalogNode.objects.create(unit=None, name="政府信息公开工作年度报告", code="", sort_order=900)
    migration = importlib.import_module("gongkai.publishing.migrations.0008_subdistrict_and_column_items")
    migration.forward(django_apps, None)
    assert set(
        CatalogNode.objects.filter(code__startswith="art21t-").values_list("applies_to", flat=True)[0]
    ) == {
        "township",
        "subdistrict",
    }
    old.refresh_from_db()
    assert old.code == NIANBAO_CODE
    assert CatalogNode.objects.filter(unit=None, name="政府信息公开工作年度报告").count() == 1
    assert CatalogNode.objects.filter(code=ZHIDU_CODE).count() == 1
    assert create_template(CatalogNode) == 0  # a second run adds nothing


@pytest.mark.django_db
def test_zhidu_and_nianbao_pages_list_what_is_filed_under_their_items(world):
    published(world, "城关镇政府信息公开保密审查制度", code=ZHIDU_CODE)
    published(world, "城关镇人民政府2024年政府信息公开工作年度报告", code=NIANBAO_CODE)
    draft = services.create_draft(
        world.town,
        actor=world.editor,
        title="尚未发布的制度草稿",
        body="<p>草稿</p>",
        topic="综合政务",
        nodes=[CatalogNode.objects.get(code=ZHIDU_CODE)],
    )
    client = Client()
    zhidu = client.get("/xxgk/zhidu/").content.decode()
    assert "城关镇政府信息公开保密审查制度" in zhidu and draft.title not in zhidu
    assert "暂无内容" not in zhidu and "年度报告" not in zhidu
    nianbao = client.get("/xxgk/nianbao/").content.decode()
    assert "城关镇人民政府2024年政府信息公开工作年度报告" in nianbao and "保密审查制度" not in nianbao
    assert f"/xxgk/info/?code={ZHIDU_CODE}" in zhidu
