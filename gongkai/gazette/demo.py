"""Demo of the government gazette (政府公报演示): three issues of the year built from the policy library's published
documents — two published (with their distribution log: the county library, the archives, the service hall's
政务公开专区) and one being composed. Through the services; deterministic; a second run adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

NOTES = ("（演示）本期刊登规范性文件", "（演示）本期刊登规范性文件和政策文件", "（演示）编辑中")
RECIPIENTS = (
    ("示范县图书馆", "library", 20),
    ("示范县档案馆", "archives", 5),
    ("示范县政务服务中心政务公开专区", "service_hall", 30),
)


def load(out) -> None:
    from gongkai.policies import selectors as policies

    from . import services
    from .models import Issue

    if Issue.objects.filter(note__in=NOTES).exists():
        out.write("政府公报：演示公报已存在，跳过。\n")
        return
    documents = list(
        policies.public_documents().select_related("publication").order_by("publication__published_at", "pk")
    )
    if len(documents) < 3:
        out.write("政府公报：已公开的政策文件不足3份（请先加载 gongkai.policies.demo），跳过。\n")
        return
    today = timezone.localdate()
    normative = [d for d in documents if d.kind == "normative"]
    others = [d for d in documents if d.kind != "normative"]
    batches = (
        normative[:2] or documents[:2],
        (normative[2:4] + others[:1]) or documents[2:3],
        (normative[4:5] + others[1:2]) or documents[-1:],
    )
    days_ago = (60, 20, 0)
    for note, batch, days in zip(NOTES, batches, days_ago, strict=True):
        issued_on = today - timedelta(days=days)
        issue = services.create_issue(actor=None, year=issued_on.year, issued_on=issued_on, note=note)
        services.add_entries(issue, actor=None, publications=[d.publication for d in batch])
        if days:
            services.publish_issue(issue, actor=None)
            for recipient, kind, copies in RECIPIENTS:
                services.record_distribution(
                    issue,
                    actor=None,
                    recipient=recipient,
                    kind=kind,
                    copies=copies,
                    sent_on=issued_on + timedelta(days=2),
                )
    out.write("政府公报：新建演示公报3期（已出版2期，编辑中1期），赠阅登记6条。\n")
