"""Who may do what in the policy library (``access``), the refusals of the services, and the read side kept free of
the actions (no selectors → services import, not even inside a function)."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.policies import access, services
from gongkai.policies.errors import PolicyError
from gongkai.publishing.tests.conftest import make_user
from gongkai.roles import Role

from .factories import make_document, make_interpretation

PEOPLE = ("editor", "reviewer", "both", "leader", "dept_editor", "dept_reviewer", "office")


@pytest.fixture
def w(world):
    return world


def _allowed(w, rule) -> set[str]:
    return {name for name in PEOPLE if rule(getattr(w, name))}


@pytest.mark.django_db
def test_each_rule_names_its_posts(w):
    doc = make_document(w, doc_number="城政〔2024〕1号")
    interp = make_interpretation(w, [doc])
    question = services.save_question(
        w.town, actor=w.editor, question="补贴标准是多少？", answer="<p>每亩100元。</p>"
    )
    editors = {"editor", "both", "office"}
    managers = editors | {"reviewer", "leader"}
    assert _allowed(w, lambda u: access.can_draft(u, w.town)) == editors
    assert _allowed(w, lambda u: access.can_manage_document(u, doc)) == managers
    assert _allowed(w, lambda u: access.can_record_relation(u, target=doc)) == managers
    assert _allowed(w, lambda u: access.can_edit_interpretation(u, interp)) == editors
    assert _allowed(w, lambda u: access.can_edit_question(u, question)) == editors
    assert _allowed(w, lambda u: access.can_publish_question(u, question)) == managers
    assert _allowed(w, access.can_administer) == {"office"}
    # A relation changes the target's status: its issuing unit (or the office) records it, whichever unit's
    # document makes it; the other unit only proposes it.
    other = make_document(w, title="县发改委文件", unit=w.dept, doc_number="示发改〔2024〕1号")
    assert _allowed(w, lambda u: access.can_record_relation(u, target=doc, source=other)) == managers
    assert _allowed(w, lambda u: access.can_propose_relation(u, source=other, target=doc)) == {
        "dept_editor",
        "dept_reviewer",
    }
    assert access.can_administer(None) and access.can_manage_document(None, doc)


@pytest.mark.django_db
def test_services_refuse_with_the_policy_error(w):
    doc = make_document(w, doc_number="城政〔2024〕2号")
    with pytest.raises(PolicyError, match="信息编辑、保密审查员、单位负责人") as exc:
        services.set_admin_basis(doc, actor=make_user("town_foi", w.town, Role.FOI_OFFICER), value=False)
    assert exc.value.code == "forbidden"
    with pytest.raises(PolicyError, match="不是该单位的工作人员"):
        services.set_admin_basis(doc, actor=w.dept_editor, value=False)
    with pytest.raises(PolicyError, match="政务公开办"):
        services.update_rules(actor=w.leader, default_years=4)
    with pytest.raises(PolicyError, match="信息编辑") as exc:
        services.create_document(w.town, actor=w.reviewer, title="不应保存的文件")
    assert exc.value.code == "forbidden"


@pytest.mark.django_db
def test_views_answer_403_for_a_visible_document_without_the_post(client, w):
    doc = make_document(w, doc_number="城政〔2024〕3号")
    client.force_login(make_user("town_foi", w.town, Role.FOI_OFFICER))
    assert client.get(reverse("policies:detail", args=[doc.pk])).status_code == 200
    assert client.get(reverse("policies:edit", args=[doc.pk])).status_code == 403
    assert client.get(reverse("policies:rules")).status_code == 403


@pytest.mark.django_db
def test_a_refusal_lands_beside_its_form_field(client, w):
    make_document(w, doc_number="城政〔2024〕4号")
    client.force_login(w.editor)
    response = client.post(
        reverse("policies:new"),
        {"unit": w.town.pk, "title": "重复文号的文件", "doc_number": "城政[2024]第4号", "kind": "normative"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "已被" in " ".join(form.errors["doc_number"]) and not form.non_field_errors()


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function, relative ones resolved to the package."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = ("gongkai.policies." if node.level else "") + (node.module or "")
            found |= {base.rstrip(".")} | {f"{base}.{a.name}".replace("..", ".") for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def test_selectors_never_import_the_actions():
    selectors = Path(services.__file__).with_name("selectors.py")
    imported = _imports(selectors)
    assert not {
        m for m in imported if m.startswith(("gongkai.policies.services", "gongkai.policies.actions"))
    }
    assert "gongkai.policies.models" in imported  # the check reads the real import lines


@pytest.mark.django_db
def test_only_the_target_owners_see_the_delete_button(client, w):
    doc = make_document(w, doc_number="城政〔2024〕5号")
    other = make_document(w, title="县发改委文件", unit=w.dept, doc_number="示发改〔2024〕2号")
    with pytest.raises(PolicyError, match="须由对方单位确认"):
        services.add_relation(doc, actor=w.dept_editor, kind="repeals", source=other)
    proposal = services.propose_relation(doc, actor=w.dept_editor, kind="repeals", source=other)
    rel = services.accept_proposal(proposal, actor=w.editor)
    remove = reverse("policies:relation_remove", args=[rel.pk])
    client.force_login(w.dept_editor)
    assert remove not in client.get(reverse("policies:detail", args=[other.pk])).content.decode()
    with pytest.raises(PolicyError, match="不是该单位的工作人员"):
        services.remove_relation(rel, actor=w.dept_editor, reason="误登记")
    client.force_login(w.editor)
    page = client.get(reverse("policies:detail", args=[doc.pk])).content.decode()
    assert "县发改委文件" in page and remove in page
    services.remove_relation(rel, actor=w.editor, reason="误登记")
