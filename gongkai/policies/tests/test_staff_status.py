from datetime import date

from django.urls import reverse

from .factories import make_document, publish_document


def test_a_draft_is_shown_as_not_public_not_as_in_force(world, client):
    w = world
    draft = make_document(
        w, title="起草中的补贴办法", doc_number="城政〔2026〕20号", formed_date=date(2026, 1, 5)
    )
    done = make_document(
        w, title="已发布的补贴办法", doc_number="城政〔2026〕21号", formed_date=date(2026, 1, 5)
    )
    publish_document(w, done)
    client.force_login(w.editor)
    body = client.get(reverse("policies:list")).content.decode()
    row = body.split(draft.publication.title)[1].split("</tr>")[0]
    assert "未公开（发布后按日期为有效）" in row
    row = body.split(done.publication.title)[1].split("</tr>")[0]
    assert 'class="status status-有效"' in row and "未公开" not in row
