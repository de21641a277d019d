"""Builders of the registers' tests: records through the services, uploads in memory."""

from __future__ import annotations

import io
from datetime import date

from gongkai.registers import services


def docx_bytes(text: str = "培训课件") -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class Upload(io.BytesIO):
    def __init__(self, name: str, data: bytes):
        super().__init__(data)
        self.name = name
        self.size = len(data)


def training(
    w, unit=None, *, actor=None, held_on=date(2026, 3, 10), topic="政务公开业务培训", attendees=None, **kw
):
    unit = unit or w.town
    actor = actor if actor is not None else (w.editor if unit == w.town else w.dept_editor)
    return services.record_training(
        unit,
        actor=actor,
        held_on=held_on,
        topic=topic,
        form=kw.pop("form", "special"),
        attendances=attendees if attendees is not None else [(unit, 10, "")],
        **kw,
    )


def supervision(w, unit=None, *, issued_on=date(2026, 3, 6), days=5, **kw):
    fields = {"kind": "criticism", "issuer": "县人民政府办公室", "findings": "栏目长期未更新。", **kw}
    return services.issue_supervision(
        unit or w.town, actor=w.office, issued_on=issued_on, rectify_workdays=days, **fields
    )
