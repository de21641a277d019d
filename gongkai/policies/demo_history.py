"""A demo document of earlier years (历年文件) whose term ran out in 2025: 县司法局's 2020 measures for five years.
It was in force on 31 December 2024 and lapsed by expiry on 28 February 2025, so the unit's 2025 annual report shows
the checker's 现行有效 warning (上年现行有效 + 制发 − 废止 ≠ 现行有效) and the note that explains it. Through the
services; idempotent."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

TITLE = "示范县行政执法公示办法"
DOC_NUMBER = "示司规〔2020〕1号"
FORMED = date(2020, 3, 2)


def load(out):
    from gongkai.orgs.models import Membership, Unit
    from gongkai.publishing import services as publishing
    from gongkai.publishing.models import Publication
    from gongkai.roles import Role

    from . import services

    unit = Unit.objects.filter(short_name="县司法局").first()
    if unit is None or Publication.objects.filter(unit=unit, title=TITLE).exists():
        return

    def staff(role):
        member = (
            Membership.objects.filter(unit=unit, role=role, user__is_active=True)
            .select_related("user")
            .first()
        )
        return member.user if member else None

    editor, reviewer = staff(Role.EDITOR), staff(Role.REVIEWER)
    if editor is None or reviewer is None:
        return
    doc = services.create_document(
        unit,
        actor=editor,
        title=TITLE,
        body="<p>第一条　为推行行政执法公示制度，制定本办法。</p><p>第二条　本办法自印发之日起施行，有效期五年。</p>",
        formed_date=FORMED,
        topic="综合政务",
        doc_number=DOC_NUMBER,
        effective_date=FORMED,
        stated_years=5,
        interpretation_exempt=True,
        exempt_reason="程序性规定，无需解读",
    )
    checks = dict.fromkeys(("political", "legal", "policy", "secrecy", "wording"), (True, ""))
    publishing.submit(doc.publication, actor=editor)
    publishing.decide_review(doc.publication, actor=reviewer, checks=checks, verdict="approved")
    publishing.publish(
        doc.publication, actor=reviewer, now=timezone.make_aware(datetime.combine(date(2020, 3, 5), time(10)))
    )
    out.write(f"政策文件（历年）：{TITLE}（{DOC_NUMBER}，2025年3月1日有效期届满）。\n")
