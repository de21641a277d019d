"""Test data for the policy library: documents and interpretations taken through the real publishing workflow."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from gongkai.policies import services
from gongkai.publishing import services as publishing

ALL_PASS = dict.fromkeys(("political", "legal", "policy", "secrecy", "wording"), (True, ""))
ALL_ELEMENTS = {
    key: {"state": "present"}
    for key in (
        "background",
        "goals",
        "content",
        "scope",
        "standards",
        "benefits",
        "differences",
        "procedure",
    )
}

SUBSIDY_V1 = """示范县耕地地力保护补贴管理办法
第一条　为规范耕地地力保护补贴资金管理，根据有关规定，制定本办法。
第二条　本办法适用于本县行政区域内的耕地地力保护补贴。
第三条　补贴对象为拥有耕地承包权的种地农民。
第四条　补贴标准为每亩100元。
第五条　补贴资金通过“一卡通”发放。
第六条　本办法自发布之日起施行。"""

SUBSIDY_V2 = """示范县耕地地力保护补贴管理办法
第一条　为规范耕地地力保护补贴资金管理，根据有关规定，制定本办法。
第二条　本办法适用于本县行政区域内的耕地地力保护补贴。
第三条　补贴对象为拥有耕地承包权的种地农民。
第四条　补贴标准为每亩120元。
第五条　补贴资金通过社会保障卡发放。
第六条　乡镇人民政府负责补贴面积的核实和公示。
第七条　本办法自发布之日起施行。"""


def html(text: str) -> str:
    return "".join(f"<p>{line}</p>" for line in text.splitlines())


def aware(d: date, hour=10) -> datetime:
    return timezone.make_aware(datetime(d.year, d.month, d.day, hour))


def make_document(w, title="示范县耕地地力保护补贴管理办法", text=SUBSIDY_V1, unit=None, **fields):
    unit = unit or w.town
    editor = w.editor if unit == w.town else w.dept_editor
    fields.setdefault("formed_date", date(2024, 1, 2))
    fields.setdefault("topic", "农业、林业、水利")
    return services.create_document(unit, actor=editor, title=title, body=html(text), **fields)


def approve(w, pub, unit=None):
    unit = unit or pub.unit
    editor = w.editor if unit == w.town else w.dept_editor
    reviewer = w.reviewer if unit == w.town else w.dept_reviewer
    publishing.submit(pub, actor=editor)
    publishing.decide_review(pub, actor=reviewer, checks=ALL_PASS, verdict="approved")
    return reviewer


def publish_document(w, doc, when: date | None = None):
    reviewer = approve(w, doc.publication)
    publishing.publish(doc.publication, actor=reviewer, now=aware(when) if when else None)
    doc.refresh_from_db()
    return doc


def add_leaders(w):
    """The unit leaders of a publishing test world: they approve extensions of a term and sign off
    interpretations (审定)."""
    from gongkai.publishing.tests.conftest import make_user
    from gongkai.roles import Role

    w.leader = make_user("town_leader", w.town, Role.LEADER, full_name="钟振华")
    w.dept_leader = make_user("dept_leader", w.dept, Role.LEADER, full_name="周建国")
    return w


def leader_of(w, unit):
    return w.leader if unit == w.town else w.dept_leader


def make_interpretation(w, docs, form="graphic", title=None, unit=None, sign_off=None, **fields):
    """An interpretation draft; signed off (审定) by the unit leader when its checklist is complete, unless
    ``sign_off`` says otherwise."""
    unit = unit or docs[0].publication.unit
    editor = w.editor if unit == w.town else w.dept_editor
    fields.setdefault("elements", ALL_ELEMENTS)
    fields.setdefault("formed_date", date(2024, 1, 2))
    fields.setdefault("media_url", "https://www.example.gov.cn/media/1.mp4" if form != "text" else "")
    interp = services.create_interpretation(
        unit,
        actor=editor,
        documents=docs,
        title=title or f"图解：{docs[0].publication.title}",
        body="<p>一图读懂补贴标准调整。</p>",
        form=form,
        **fields,
    )
    if sign_off is None:
        sign_off = not services.missing_elements(interp)
    if sign_off:
        services.sign_off_interpretation(interp, actor=leader_of(w, unit), approve=True)
        interp.refresh_from_db()
    return interp


def extend_through_notice(w, doc, *, until, note="实施效果良好，需继续执行", today=None, published=None):
    """The whole extension: the evaluation's 延续, the leader's approval, the notice drafted, reviewed and published
    (on ``published``, default now). Returns the request."""
    unit = doc.publication.unit
    reviewer = w.reviewer if unit == w.town else w.dept_reviewer
    editor = w.editor if unit == w.town else w.dept_editor
    evaluation = services.decide_evaluation(
        doc, actor=reviewer, decision="extend", note=note, extended_until=until, today=today
    )
    ext = evaluation.extension
    services.decide_extension(ext, actor=leader_of(w, unit), approve=True, today=today)
    notice = services.draft_extension_notice(ext, actor=editor, today=today)
    approve(w, notice)
    publishing.publish(notice, actor=reviewer, now=aware(published) if published else None)
    ext.refresh_from_db()
    doc.refresh_from_db()
    return ext
