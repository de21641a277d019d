"""Integrated publishing (政策+解读+办事): the service items (办事事项) a unit links to its documents, and the
openness office's themed packages (政策包) of documents, Q&A and services."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from gongkai.orgs.models import Unit

from .. import access
from ..errors import PolicyError
from ..models import Package, ServiceItem
from .common import EDITOR_POSTS, record, refuse, refuse_office, web_url


def save_service(
    unit: Unit, *, actor, item: ServiceItem | None = None, documents=None, **fields
) -> ServiceItem:
    """Create or edit (``item``) a service item of ``unit`` with its guide link and documents."""
    if not access.can_draft(actor, unit):
        refuse(actor, unit, EDITOR_POSTS)
    name = " ".join((fields.get("name") or "").split())
    if not name:
        raise PolicyError("请填写事项名称。", field="name")
    fields["name"] = name
    fields["guide_url"] = web_url(fields.get("guide_url", ""), "办事指南链接", field="guide_url")
    with transaction.atomic():
        before = None
        if item is None:
            item = ServiceItem(unit=unit)
        else:
            if item.unit_id != unit.pk:
                raise PolicyError("不能修改其他单位的办事事项。", code="forbidden")
            before = {k: getattr(item, k) for k in fields}
        for key, value in fields.items():
            setattr(item, key, value)
        item.save()
        if documents is not None:
            item.documents.set(documents)
        record(actor, "service_save", item, unit, before, {k: getattr(item, k) for k in fields})
    return item


def save_package(
    package: Package | None = None, *, actor, documents=None, questions=None, services=None, **fields
) -> Package:
    """Create (``package=None``) or edit a themed package."""
    if not access.can_administer(actor):
        refuse_office()
    title = " ".join((fields.get("title") or "").split())
    if not title or not fields.get("slug"):
        raise PolicyError("请填写名称和网址标识。", field="title" if not title else "slug")
    with transaction.atomic():
        before = None
        if package is None:
            package = Package(created_by=actor)
        else:
            before = {k: getattr(package, k) for k in fields}
        for key, value in fields.items():
            setattr(package, key, value)
        package.title = title
        try:
            with transaction.atomic():
                package.save()
        except IntegrityError:
            raise PolicyError(f"网址标识“{package.slug}”已被其他政策包使用。", field="slug") from None
        if documents is not None:
            package.documents.set(documents)
        if questions is not None:
            package.questions.set(questions)
        if services is not None:
            package.services.set(services)
        record(actor, "package_save", package, None, before, {k: getattr(package, k) for k in fields})
    return package
