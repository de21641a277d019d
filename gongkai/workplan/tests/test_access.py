"""The rules of ``workplan.access`` and the services that enforce them (``None`` is the system)."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.orgs.models import Unit
from gongkai.workplan import access, services
from gongkai.workplan.models import WorkPlan

from .conftest import XINGGUO
from .factories import make_plan

pytestmark = pytest.mark.django_db

OFFICE_RULES = (
    access.can_manage_plans,
    access.can_import,
    access.can_publish,
    access.can_see_county_dashboard,
    access.can_carry_forward,
    access.can_confirm_done,
    access.sees_every_task,
)


def test_the_office_runs_the_plans(office, fgw_editor):
    for rule in OFFICE_RULES:
        assert rule(office) and rule(None), rule.__name__
        assert not rule(fgw_editor), rule.__name__


def test_units_report_for_their_own_units_only(office, fgw_editor, zrzy_editor):
    fgw = Unit.objects.get(name="示范县发展和改革委员会")
    _, task = make_plan(fgw)
    assert access.reporting_units(fgw_editor, task) == [fgw] and access.can_report(fgw_editor, task, fgw)
    assert access.reporting_units(zrzy_editor, task) == [] and not access.can_report(zrzy_editor, task, fgw)
    assert access.reporting_units(office, task) == [fgw] and access.reporting_units(None, task) == [fgw]


def test_the_services_refuse_staff_and_save_nothing(fgw_editor):
    events = AuditEvent.objects.count()
    with pytest.raises(services.WorkPlanError) as refused:
        services.import_document(actor=fgw_editor, data=XINGGUO.read_bytes(), filename=XINGGUO.name)
    assert refused.value.code == "forbidden"
    plan, task = make_plan(Unit.objects.get(name="示范县发展和改革委员会"), state="draft")
    for call in (
        lambda: services.publish(plan, actor=fgw_editor),
        lambda: services.update_plan(plan, actor=fgw_editor, title="改名"),
        lambda: services.split_task(task, actor=fgw_editor, pieces=["甲。", "乙。"]),
    ):
        with pytest.raises(services.WorkPlanError, match="政务公开办"):
            call()
    assert WorkPlan.objects.get().state == "draft" and AuditEvent.objects.count() == events
