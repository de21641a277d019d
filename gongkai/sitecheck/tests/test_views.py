"""Staff pages of the due matrix: the page, the .xlsx, the office's rule editor, the dashboard card."""

import io
from datetime import date

from django.urls import reverse
from openpyxl import load_workbook

from gongkai.publishing.models import CatalogNode
from gongkai.sitecheck.cards import due_cards
from gongkai.sitecheck.models import NodeRule

from .fixtures import publish_on, rule

CODE = "art20-11"


def test_matrix_page_and_xlsx_show_overdue_cells(world, client):
    rule(CODE, kind="monthly", day=15, statutory=True)
    client.force_login(world.office)
    page = client.get(reverse("sitecheck:matrix"))
    assert page.status_code == 200
    html = page.content.decode()
    assert world.town.name in html and world.dept.name in html and "逾期" in html
    book = load_workbook(io.BytesIO(client.get(reverse("sitecheck:matrix_xlsx")).content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "单位"
    states = {r[0]: r[6] for r in rows[1:]}
    assert states[world.town.name] == "逾期" and states[world.dept.name] == "逾期"


def test_unit_editor_sees_only_own_unit_and_cannot_edit_rules(world, client):
    rule(CODE, kind="monthly", day=15, statutory=True)
    publish_on(world, date.today(), CODE, world.town)
    client.force_login(world.editor)
    html = client.get(reverse("sitecheck:matrix")).content.decode()
    assert world.town.name in html and world.dept.name not in html
    node = CatalogNode.objects.get(code=CODE)
    assert client.get(reverse("sitecheck:rules")).status_code == 403
    assert client.post(reverse("sitecheck:rule_edit", args=[node.pk]), {"kind": "yearly"}).status_code == 403


def test_office_sets_a_rule_through_the_form_and_a_bad_one_shows_the_error(world, client):
    node = CatalogNode.objects.get(code=CODE)
    client.force_login(world.office)
    bad = client.post(
        reverse("sitecheck:rule_edit", args=[node.pk]), {"kind": "quarterly", "month": 5, "day": 10}
    )
    assert bad.status_code == 200 and "季度" in bad.content.decode()
    assert not NodeRule.objects.exists()
    ok = client.post(
        reverse("sitecheck:rule_edit", args=[node.pk]),
        {"kind": "yearly", "month": 1, "day": 31, "unit_kinds": ["township"], "statutory": "on"},
    )
    assert ok.status_code == 302
    saved = NodeRule.objects.get(node=node)
    assert (saved.kind, saved.month, saved.day, saved.unit_kinds, saved.statutory) == (
        "yearly",
        1,
        31,
        ["township"],
        True,
    )


def test_dashboard_card_counts_overdue_cells(world):
    rule(CODE, kind="monthly", day=15, statutory=True)
    cards = {c.title: c for c in due_cards(world.office, today=date(2026, 11, 20))}
    # Three units (镇, 发改委, 政府办) and nothing published: each overdue and empty.
    assert cards["应公开未公开（逾期）"].count == 3
    assert cards["法定主动公开内容为空"].count == 3
    assert due_cards(world.editor, today=date(2026, 11, 20))[0].count == 1


def test_new_media_pages_apply_file_and_flag_stale(world, client):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.sitecheck.models import NewMediaAccount

    client.force_login(world.editor)
    resp = client.post(
        reverse("sitecheck:account_new"),
        {
            "unit": world.town.pk,
            "platform": "weibo",
            "name": "城关微博",
            "account_id": "wb_1",
            "level": "乡镇级",
        },
    )
    acc = NewMediaAccount.objects.get()
    assert resp.status_code == 302 and acc.state == "applied"
    client.post(reverse("sitecheck:account_move", args=[acc.pk]), {"to": "reviewing"})
    client.force_login(world.office)
    client.post(reverse("sitecheck:account_move", args=[acc.pk]), {"to": "filed", "filing_number": "县备-07"})
    acc.refresh_from_db()
    assert (acc.state, acc.filing_number) == ("filed", "县备-07")
    old = timezone.localdate() - timedelta(days=20)
    client.post(reverse("sitecheck:account_update", args=[acc.pk]), {"last_update": old.isoformat()})
    html = client.get(reverse("sitecheck:accounts")).content.decode()
    assert "2周未更新" in html
    cards = {c.title: c for c in due_cards(world.office)}
    assert cards["政务新媒体2周未更新"].count == 1
    book = load_workbook(io.BytesIO(client.get(reverse("sitecheck:accounts_xlsx")).content))
    assert list(book.active.iter_rows(values_only=True))[1][-1] == "是"
    client.force_login(world.dept_editor)
    assert client.get(reverse("sitecheck:account", args=[acc.pk])).status_code == 404
