"""Shared fixtures of the permission sweep: two units, an outsider holding every unit-level role, a private marker."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from gongkai.audit import services as audit
from gongkai.orgs.models import Membership, Unit, User
from gongkai.roles import COUNTY_WIDE_ROLES, Role

DENIED = {403, 404}
MARKER = "乙单位内部草稿标记-7Q3"


@dataclass
class Rule:
    """How a member of another unit must be treated on one staff URL.

    kind: ``other_unit`` | ``office_only`` | ``sys_admin_only`` | ``any_staff`` | ``public_info``.
    kwargs: builds the URL kwargs from the context (objects belonging to unit B).
    """

    kind: str
    kwargs: Callable[["Ctx"], dict] | None = None


@dataclass
class Ctx:
    client: object
    unit_a: Unit
    unit_b: Unit
    user_a: User
    user_b: User
    marker: str = MARKER
    cache: dict = field(default_factory=dict)

    def url(self, name: str, rule: Rule) -> str:
        return reverse(name, kwargs=rule.kwargs(self) if rule.kwargs else None)

    def once(self, key: str, make: Callable[[], object]):
        """Create a unit-B object once per test (several rules may share it)."""
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]


def build_ctx(client, setups: list) -> Ctx:
    unit_a = Unit.objects.create(name="甲县发展和改革委员会", short_name="甲发改委", credit_code="")
    unit_b = Unit.objects.create(name="乙县自然资源局", short_name="乙资源局")
    user_a = User.objects.create_user("outsider", password="Outsider2026x", full_name="甲某")
    for role in Role:
        if role not in COUNTY_WIDE_ROLES:
            Membership.objects.create(user=user_a, unit=unit_a, role=role)
    user_b = User.objects.create_user("insider", password="Insider2026x", full_name="乙某")
    Membership.objects.create(user=user_b, unit=unit_b, role=Role.EDITOR)
    # Unit B's private trace: an audit event about a draft only unit B may see.
    audit.record(
        actor=user_b,
        action="test.draft_created",
        unit=unit_b,
        object_type="test.draft",
        object_id="1",
        object_repr=f"草稿 {MARKER}",
        after={"title": MARKER},
    )
    ctx = Ctx(client, unit_a, unit_b, user_a, user_b)
    for setup in setups:
        setup(ctx)
    client.force_login(user_a)
    return ctx
