"""The 公开目录 tick list is the catalogue tree, each checkbox inside its label (issue 12)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from gongkai.publishing import services
from gongkai.publishing.models import CatalogNode
from gongkai.publishing.selectors import tree_rows

pytestmark = pytest.mark.django_db


def test_tick_list_is_the_tree_in_catalogue_order_with_checkboxes_in_their_labels(client, world):
    w = world
    # A unit node added last, and a template node moved to the front, still sit under their parents.
    parent = CatalogNode.objects.get(code="art20-11")
    services.create_node(w.town, actor=w.editor, name="城关镇补充事项", parent=parent, sort_order=-5)
    nodes = services.nodes_for_unit(w.town)
    expected = [(n.name, depth) for n, depth in tree_rows(nodes)]
    client.force_login(w.editor)
    soup = BeautifulSoup(client.get(reverse("publishing:create")).content.decode(), "html.parser")
    tree = soup.select_one(".node-choices > ul.node-tree")
    shown = []

    def walk(ul, depth):
        for li in ul.find_all("li", recursive=False):
            label = li.find("label", recursive=False)
            box = label.find("input", attrs={"type": "checkbox", "name": "nodes"})
            assert box is not None, "every checkbox sits inside its own label"
            shown.append((label.get_text(strip=True), depth))
            child = li.find("ul", recursive=False)
            if child is not None:
                walk(child, depth + 1)

    walk(tree, 0)
    assert shown == expected
    assert len(shown) == len(nodes) and max(d for _, d in shown) >= 1
    own = shown.index(("城关镇补充事项", 1))
    assert shown[own - 1][1] >= 1 and parent.name in [name for name, d in shown[:own] if d == 0][-1:]
    # Parents come before their children, in sort order.
    top = [name for name, depth in shown if depth == 0]
    assert top == [
        n.name
        for n in sorted(
            (n for n in nodes if n.parent_id is None),
            key=lambda n: (n.unit_id is not None, n.sort_order, n.pk),
        )
    ]


def test_ticked_nodes_stay_ticked_when_the_form_comes_back(client, world):
    w = world
    node = CatalogNode.objects.get(code="art20-11")
    client.force_login(w.editor)
    response = client.post(
        reverse("publishing:create"), {"unit": w.town.pk, "title": "", "nodes": [str(node.pk)]}
    )
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    checked = [box["value"] for box in soup.select('.node-tree input[name="nodes"][checked]')]
    assert checked == [str(node.pk)]
