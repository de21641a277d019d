"""Letters (文书): generating a numbered, frozen letter of a case, and the office's templates."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.audit import services as audit

from .. import letters as rendering
from ..errors import FoiError
from ..models import Letter, LetterTemplate
from .common import EventKind, actor_or_none, event, record, require_handle, require_manage, today


def generate_letter(case, *, actor, kind: str, on: date | None = None) -> Letter:
    on = on or today()
    with transaction.atomic():
        require_handle(actor, case)
        rendered = rendering.render(kind, case, on)
        number = Letter.objects.filter(request__unit=case.unit, dated__year=on.year).count() + 1
        letter = Letter.objects.create(
            request=case,
            kind=kind,
            number=f"{case.unit.display_name}依申请〔{on.year}〕{number}号",
            title=rendered.title,
            body=rendered.body,
            signature=rendered.signature,
            seal_note=rendered.seal_note,
            dated=on,
            created_by=actor_or_none(actor),
        )
        event(
            case,
            EventKind.LETTER,
            on,
            actor,
            f"生成文书：{letter.title}（{letter.number}）",
            data={"letter": letter.pk},
        )
        record(actor, "letter", case, after={"kind": kind, "number": letter.number})
    return letter


def save_template(kind: str, *, actor, title: str, body: str) -> LetterTemplate:
    """The office's version of a letter's template (placeholders from the fixed list only)."""
    require_manage(actor)
    if kind not in rendering.KINDS:
        raise FoiError("未知的文书类型。")
    rendering.validate(body)
    if not (title or "").strip():
        raise FoiError("请填写文书标题。", field="title")
    with transaction.atomic():
        saved, created = LetterTemplate.objects.get_or_create(
            kind=kind, defaults={"title": title, "body": body}
        )
        before = None if created else {"title": saved.title, "body": saved.body}
        saved.title, saved.body, saved.updated_by = title.strip(), body, actor_or_none(actor)
        saved.save()
        audit.record(
            actor=actor,
            action="foi.template_saved",
            obj=saved,
            before=before,
            after={"title": saved.title, "body": body},
        )
    return saved


def reset_template(kind: str, *, actor) -> None:
    """Back to the built-in template."""
    require_manage(actor)
    with transaction.atomic():
        saved = LetterTemplate.objects.filter(kind=kind).first()
        if saved:
            audit.record(
                actor=actor,
                action="foi.template_reset",
                obj=saved,
                before={"title": saved.title, "body": saved.body},
            )
            saved.delete()
