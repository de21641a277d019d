from gongkai.publishing import services
from gongkai.publishing.models import CatalogNode

from .factories import FORMED

ALL_PASS = dict.fromkeys(("political", "legal", "policy", "secrecy", "wording"), (True, ""))


def published(
    w, title, body="<p>正文</p>", code="art20-11", unit=None, editor=None, reviewer=None, when=None, **extra
):
    unit = unit or w.town
    editor = editor or (w.editor if unit == w.town else w.dept_editor)
    reviewer = reviewer or (w.reviewer if unit == w.town else w.dept_reviewer)
    fields = {
        "formed_date": FORMED,
        "topic": "综合政务",
        "nodes": [CatalogNode.objects.get(code=code)],
        **extra,
    }
    pub = services.create_draft(unit, actor=editor, title=title, body=body, **fields)
    services.submit(pub, actor=editor)
    services.decide_review(pub, actor=reviewer, checks=ALL_PASS, verdict="approved")
    return services.publish(pub, actor=reviewer, now=when)
