"""The disclosure catalog (政府信息公开目录): the county-wide template, a unit's own items, the .xlsx import."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai.audit import services as audit
from gongkai.orgs.models import Unit

from .. import access
from ..catalog import create_template
from ..catalog_io import CatalogFileError, read_catalog_xlsx
from ..errors import PublishingError
from ..models import CatalogNode
from .common import refuse

NODE_FIELDS = (
    "name",
    "elements",
    "basis",
    "time_limit",
    "subject",
    "channels",
    "audience",
    "mode",
    "level",
    "sort_order",
)


def ensure_template(*, actor=None) -> int:
    """Create the missing nodes of the county-wide template (第二十条/第二十一条 categories)."""
    with transaction.atomic():
        created = create_template(CatalogNode)
        if created:
            audit.record(
                actor=actor,
                action="publishing.catalog_template",
                object_type="publishing.catalognode",
                object_repr="全县统一标准目录",
                after={"created": created},
            )
    return created


def _check_node_rights(actor, unit: Unit | None) -> None:
    if access.can_edit_catalog(actor, unit):
        return
    if unit is None:
        raise PublishingError("全县统一标准目录只能由政务公开办维护。", code="forbidden")
    refuse(actor, unit, "信息编辑")


def create_node(unit: Unit | None, *, actor, parent: CatalogNode | None = None, **fields) -> CatalogNode:
    """A catalog item of ``unit`` (``None``: of the county-wide template)."""
    _check_node_rights(actor, unit)
    if not (fields.get("name") or "").strip():
        raise PublishingError("请填写公开事项名称。", field="name")
    if parent is not None and not (parent.unit_id is None or parent.unit_id == getattr(unit, "pk", None)):
        raise PublishingError("上级事项不属于本单位目录。", field="parent")
    with transaction.atomic():
        node = CatalogNode.objects.create(
            unit=unit,
            parent=parent,
            **{k: v for k, v in fields.items() if k in NODE_FIELDS or k == "applies_to"},
        )
        audit.record(
            actor=actor,
            action="publishing.catalog_node_create",
            obj=node,
            unit=unit,
            after={k: getattr(node, k) for k in NODE_FIELDS} | {"parent": parent.pk if parent else None},
        )
    return node


def update_node(node: CatalogNode, *, actor, **fields) -> CatalogNode:
    _check_node_rights(actor, node.unit)
    with transaction.atomic():
        node = CatalogNode.objects.select_for_update().get(pk=node.pk)
        before = {k: getattr(node, k) for k in NODE_FIELDS + ("is_active",)}
        for key, value in fields.items():
            if key in NODE_FIELDS or key == "is_active":
                setattr(node, key, value)
        if not node.name.strip():
            raise PublishingError("请填写公开事项名称。", field="name")
        node.save()
        b, a = audit.diff(before, {k: getattr(node, k) for k in NODE_FIELDS + ("is_active",)})
        if a:
            audit.record(
                actor=actor,
                action="publishing.catalog_node_update",
                obj=node,
                unit=node.unit,
                before=b,
                after=a,
            )
    return node


@dataclass
class CatalogImportResult:
    created: int
    updated: int
    rows: int


def import_catalog(
    unit: Unit | None, *, actor, data: bytes, filename: str = "目录.xlsx"
) -> CatalogImportResult:
    """Import rows of the standard column layout; 一级/二级 names find or create the nodes (nothing half-saved)."""
    _check_node_rights(actor, unit)
    try:
        rows = read_catalog_xlsx(data, filename)
    except CatalogFileError as exc:
        raise PublishingError(str(exc), field="file") from None
    created = updated = 0
    with transaction.atomic():
        visible = (
            CatalogNode.objects.filter(unit__isnull=True)
            if unit is None
            else CatalogNode.objects.filter(unit__in=[unit.pk])
            | CatalogNode.objects.filter(unit__isnull=True)
        )
        by_key = {(n.parent_id, n.name): n for n in visible}
        for row in rows:
            l1 = by_key.get((None, row["matter_l1"]))
            if l1 is None:
                l1 = CatalogNode.objects.create(unit=unit, name=row["matter_l1"], sort_order=900 + created)
                by_key[(None, l1.name)] = l1
                created += 1
            target = l1
            if row["matter_l2"]:
                l2 = by_key.get((l1.pk, row["matter_l2"]))
                if l2 is None:
                    l2 = CatalogNode.objects.create(
                        unit=unit, parent=l1, name=row["matter_l2"], sort_order=created
                    )
                    by_key[(l1.pk, l2.name)] = l2
                    created += 1
                elif l2.unit_id != getattr(unit, "pk", None):
                    continue  # a template row read back into a unit's file: the template is not the unit's to edit
                target = l2
            elif target.unit_id != getattr(unit, "pk", None):
                continue
            changed = False
            for key in (
                "elements",
                "basis",
                "time_limit",
                "subject",
                "channels",
                "audience",
                "mode",
                "level",
            ):
                if row.get(key) and getattr(target, key) != row[key]:
                    setattr(target, key, row[key])
                    changed = True
            if changed:
                target.save()
                updated += 1
        audit.record(
            actor=actor,
            action="publishing.catalog_import",
            object_type="publishing.catalognode",
            object_repr=f"{unit.name if unit else '全县统一标准目录'}（{filename}）",
            unit=unit,
            after={"rows": len(rows), "created": created, "updated": updated},
        )
    return CatalogImportResult(created, updated, len(rows))


def nodes_for_unit(unit: Unit):
    """The unit's effective catalog: applicable template nodes and its own, active ones only."""
    nodes = CatalogNode.objects.filter(is_active=True).filter(unit__isnull=True) | CatalogNode.objects.filter(
        is_active=True, unit=unit
    )
    return [n for n in nodes.select_related("parent").order_by("sort_order", "id") if n.applies_to_unit(unit)]
