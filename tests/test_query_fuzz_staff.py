"""Issue 11 item 11, the staff half: every page under /work/, logged in as a user holding every role in the unit
whose objects the URLs name (the permission sweep's per-app objects), survives the corpus of malformed query
values (see tests/test_query_fuzz.py for how the parameters a view reads are found)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.orgs.models import Membership, User
from gongkai.roles import Role
from tests.test_query_fuzz import _fuzz, _names, read_parameters, recording  # noqa: F401 — the fixture, used below

pytestmark = pytest.mark.usefixtures("recording")


@pytest.mark.parametrize("name", _names(staff=True))
def test_staff_url_survives_malformed_query_values(db, client, name):
    from tests.access import build_ctx
    from tests.test_permissions_sweep import EXEMPT, declared_rules, setups

    if name in EXEMPT:
        url = reverse(name)
        failures = _fuzz(Client(), url)
        assert not failures, "\n".join(failures)
        return
    ctx = build_ctx(client, setups())
    # Someone who may see and do everything: every role, in unit B (whose objects the URLs name) and county-wide.
    boss = User.objects.create_user("fuzz_boss", password="FuzzBoss2026x", full_name="全权测试员")
    for role in Role:
        Membership.objects.create(user=boss, unit=ctx.unit_b, role=role)
    client.force_login(boss)
    url = ctx.url(name, declared_rules()[name])
    failures = _fuzz(client, url)
    assert not failures, "\n".join(failures)


def test_the_recorder_finds_what_views_read(db, client):
    """The fuzzing is not vacuous: a list filtered through the query reports its parameters, a form bound to the
    query its fields."""
    boss = User.objects.create_user("fuzz_boss", password="FuzzBoss2026x", full_name="全权测试员")
    Membership.objects.create(user=boss, unit=build_unit(), role=Role.OFFICE_ADMIN)
    client.force_login(boss)
    assert {"unit", "year", "subject", "q", "page"} <= read_parameters(client, reverse("foi:list"))
    assert {"actor", "unit", "q"} <= read_parameters(client, reverse("audit:list"))


def build_unit():
    from gongkai.orgs.models import Unit

    return Unit.objects.create(name="示范县人民政府办公室", short_name="县政府办", kind="office")
