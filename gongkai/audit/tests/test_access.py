"""The rules of ``audit.access`` and the services that enforce them (``None`` is the system)."""

import pytest

from gongkai.audit import access, services
from gongkai.audit.errors import AuditError
from gongkai.audit.models import AuditEvent


def test_who_reads_exports_and_verifies(people, units):
    unit_a, _ = units
    assert access.visible_unit_ids(people["office"]) is None and access.visible_unit_ids(None) is None
    assert access.visible_unit_ids(people["leader_a"]) == {unit_a.pk}
    assert access.visible_unit_ids(people["editor_a"]) == set()
    for rule in (access.can_browse, access.can_export):
        assert rule(people["office"]) and rule(people["leader_a"]) and rule(None)
        assert not rule(people["editor_a"])
    assert access.can_verify(people["sysadmin"]) and access.can_verify(None)
    assert not access.can_verify(people["office"]) and not access.can_verify(people["leader_a"])


def test_the_services_refuse_and_record_nothing(people):
    with pytest.raises(AuditError) as refused:
        services.record_export(actor=people["editor_a"], fmt="csv", count=0, up_to_id=None, filters={})
    assert refused.value.code == "forbidden"
    with pytest.raises(AuditError):
        services.check_chain(actor=people["office"])
    assert not AuditEvent.objects.exists()
    check = services.check_chain(actor=people["sysadmin"])
    assert check.ok and AuditEvent.objects.get().action == "audit.verify"
