"""Policy documents (政策文件): a publication draft plus its policy data — the 文号 (unique per issuer and year),
dates and term, co-issuers, flags — and the 行政管理依据 mark."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from gongkai.audit import services as audit
from gongkai.core.docread import DocNumber
from gongkai.orgs.models import Unit
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Publication
from gongkai.publishing.vocab import State

from .. import access
from ..errors import PolicyError
from ..models import PolicyDocument
from ..vocab import DocKind
from .common import EDITOR_POSTS, MANAGER_POSTS, PUBLICATION_FIELDS, catalog_node, record, refuse
from .validity import refresh

DOC_NODE_CODE = "art20-01-01"  # 公开目录: 规范性文件
DOCUMENT_FIELDS = (
    "kind",
    "effective_date",
    "stated_years",
    "stated_end",
    "registration_number",
    "is_major",
    "interpretation_exempt",
    "exempt_reason",
)


def _parse_number(raw: str | None) -> DocNumber | None:
    return publishing.parse_doc_number(raw or "", error=PolicyError)


def _check_doc_number_free(number: DocNumber | None, doc: PolicyDocument | None) -> None:
    if number is None:
        return
    others = PolicyDocument.objects.filter(
        issuer_code=number.issuer_code, doc_year=number.year, doc_seq=number.number
    )
    if doc is not None:
        others = others.exclude(pk=doc.pk)
    clash = others.select_related("publication").first()
    if clash:
        raise PolicyError(
            f"文号“{number.standard}”已被《{clash.publication.title}》使用：同一发文机关同一年度的发文顺序号不能重复，"
            "请核对文号。",
            field="doc_number",
        )


def _set_number(doc: PolicyDocument, number: DocNumber | None) -> None:
    if number is None:
        doc.doc_number, doc.issuer_code, doc.doc_year, doc.doc_seq = "", "", None, None
    else:
        doc.doc_number = number.standard
        doc.issuer_code, doc.doc_year, doc.doc_seq = number.issuer_code, number.year, number.number


def _split(fields: dict) -> tuple[dict, dict, list[Unit] | None, str | None]:
    pub_fields = {k: fields.pop(k) for k in list(fields) if k in PUBLICATION_FIELDS}
    co_issuers = fields.pop("co_issuers", None)
    number = fields.pop("doc_number", None)
    unknown = set(fields) - set(DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    return pub_fields, fields, co_issuers, number


def _validate_document(doc: PolicyDocument) -> None:
    pub = doc.publication
    if doc.stated_years is not None and doc.stated_years < 1:
        raise PolicyError("写明的有效期应至少为1年。", field="stated_years")
    start = doc.effective_date or pub.formed_date
    if doc.effective_date and pub.formed_date and doc.effective_date < pub.formed_date:
        raise PolicyError(
            f"施行日期{doc.effective_date:%Y年%m月%d日}早于成文日期{pub.formed_date:%Y年%m月%d日}：请核对日期。",
            field="effective_date",
        )
    if doc.stated_end and start and doc.stated_end <= start:
        raise PolicyError("写明的有效期截止日应晚于施行日期。", field="stated_end")
    if doc.interpretation_exempt and not doc.exempt_reason.strip():
        raise PolicyError("标记为无需解读的，请说明理由。", field="exempt_reason")
    if not doc.interpretation_exempt:
        doc.exempt_reason = ""


def _snapshot(doc: PolicyDocument) -> dict:
    return {
        "doc_number": doc.doc_number,
        **{k: getattr(doc, k) for k in DOCUMENT_FIELDS},
        "co_issuers": sorted(doc.co_issuers.values_list("pk", flat=True)) if doc.pk else [],
    }


def _apply_co_issuers(doc: PolicyDocument, co_issuers) -> None:
    if co_issuers is None:
        return
    units = [u for u in co_issuers if u.pk != doc.publication.unit_id]
    doc.co_issuers.set(units)


def _save(doc: PolicyDocument) -> None:
    try:
        with transaction.atomic():
            doc.save()
    except IntegrityError:
        raise PolicyError(f"文号“{doc.doc_number}”已被使用，请核对文号。", field="doc_number") from None


def create_document(unit: Unit, *, actor, **fields) -> PolicyDocument:
    """A new policy document: a publication draft (scanned at once) plus its policy metadata."""
    if not access.can_draft(actor, unit):
        refuse(actor, unit, EDITOR_POSTS)
    pub_fields, doc_fields, co_issuers, raw_number = _split(dict(fields))
    number = _parse_number(raw_number)
    if not pub_fields.get("nodes"):
        pub_fields["nodes"] = catalog_node(DOC_NODE_CODE)
    with transaction.atomic():
        _check_doc_number_free(number, None)
        pub = publishing.create_draft(
            unit, actor=actor, doc_number=number.standard if number else "", **pub_fields
        )
        doc = PolicyDocument(publication=pub, **doc_fields)
        _set_number(doc, number)
        _validate_document(doc)
        _save(doc)
        _apply_co_issuers(doc, co_issuers)
        record(actor, "create", doc, unit, after=_snapshot(doc))
        refresh(doc)
    return doc


def update_document(document: PolicyDocument, *, actor, **fields) -> PolicyDocument:
    """Edit a document. Text and publication fields only while its publication is editable; the policy
    metadata (dates, term, flags) at any time, audited, and the derived status follows."""
    if not access.can_manage_document(actor, document):
        refuse(actor, document.publication.unit, MANAGER_POSTS)
    pub_fields, doc_fields, co_issuers, raw_number = _split(dict(fields))
    with transaction.atomic():
        doc = PolicyDocument.objects.select_for_update().select_related("publication").get(pk=document.pk)
        before = _snapshot(doc)
        if raw_number is not None and raw_number.strip() != doc.doc_number:
            number = _parse_number(raw_number)
            standard = number.standard if number else ""
            if standard != doc.doc_number:
                if not doc.publication.is_editable:
                    raise PolicyError(
                        "已提交审查或已发布的文件不能修改文号；如确需修改，请由审查员退回。",
                        field="doc_number",
                    )
                _check_doc_number_free(number, doc)
                _set_number(doc, number)
                pub_fields["doc_number"] = standard
        if pub_fields:
            publishing.update_draft(doc.publication, actor=actor, **pub_fields)
            doc.publication.refresh_from_db()
        for key, value in doc_fields.items():
            setattr(doc, key, value)
        _validate_document(doc)
        _save(doc)
        _apply_co_issuers(doc, co_issuers)
        b, a = audit.diff(before, _snapshot(doc))
        if a:
            record(actor, "update", doc, doc.publication.unit, b, a)
        refresh(doc)
    return doc


def set_admin_basis(document: PolicyDocument, *, actor, value: bool, reason: str = "") -> PolicyDocument:
    """Mark a document as a basis for administration (作为行政管理依据): only a published document may be."""
    if not access.can_manage_document(actor, document):
        refuse(actor, document.publication.unit, MANAGER_POSTS)
    with transaction.atomic():
        doc = PolicyDocument.objects.select_for_update().select_related("publication").get(pk=document.pk)
        if value and doc.publication.state != State.PUBLISHED:
            raise PolicyError(
                "未公开的文件不得作为行政管理依据（《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》）："
                "请先完成审查并发布该文件。"
            )
        if doc.is_admin_basis != value:
            record(
                actor,
                "admin_basis",
                doc,
                doc.publication.unit,
                {"is_admin_basis": doc.is_admin_basis},
                {"is_admin_basis": value},
                reason,
            )
            doc.is_admin_basis = value
            doc.save(update_fields=["is_admin_basis", "updated_at"])
    return doc


# --- publishing's pre-review check ------------------------------------------------------------------------------
def document_ready(pub: Publication) -> list[str]:
    doc = PolicyDocument.objects.filter(publication=pub).first()
    if doc is None:
        return []
    problems = []
    if doc.kind == DocKind.NORMATIVE and not doc.doc_number:
        problems.append("文号（行政规范性文件须有文号）")
    return problems
