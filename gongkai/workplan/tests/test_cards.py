"""Dashboard cards: overdue / due soon / report due before the cycle closes; late units for the office."""

from datetime import date

import pytest

from gongkai.orgs.models import Unit
from gongkai.workplan import services
from gongkai.workplan.cards import workplan_cards
from gongkai.workplan.models import WorkPlan

from .conftest import XINGGUO

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(office):
    from datetime import datetime

    from django.utils import timezone

    plan = services.import_document(actor=office, data=XINGGUO.read_bytes(), filename="x.txt", year=2024)
    services.assign_name(
        plan, actor=office, name="县政府有关部门", units=[Unit.objects.get(name="示范县财政局")]
    )
    task = plan.tasks.filter(task_units__unit__name="示范县发展和改革委员会").first()
    services.update_task(
        task, text=task.text, deadline=date(2024, 6, 28), deadline_text="6月底前", weight=None, actor=office
    )
    services.publish(plan, actor=office, at=timezone.make_aware(datetime(2024, 5, 28, 9)))
    return plan


def titles(cards):
    return {c.title: c for c in cards}


def test_unit_cards(plan, fgw_editor):
    before = titles(workplan_cards(fgw_editor, today=date(2024, 6, 3)))
    assert before["30天内到期的任务"].count == 1
    assert "本周期待报送进展的任务" not in before  # 20 working days left in June
    # From 5 working days before the monthly cycle closes (6月24日 Monday → 30日), June's report is due.
    late_june = titles(workplan_cards(fgw_editor, today=date(2024, 6, 24)))
    assert late_june["本周期待报送进展的任务"].count >= 1
    after = titles(workplan_cards(fgw_editor, today=date(2024, 7, 1)))
    assert after["本单位逾期的工作要点任务"].count == 1 and after["本单位逾期的工作要点任务"].tone == "danger"


def test_office_sees_late_units(plan, office, fgw_editor):
    cards = titles(workplan_cards(office, today=date(2024, 7, 10)))
    card = cards["2024年工作要点：落实滞后的单位"]
    assert card.count >= 1 and any("发改委" in label for label, _ in card.items)


def test_no_cards_without_published_plans(office, fgw_editor):
    assert not WorkPlan.objects.exists()
    assert workplan_cards(office) == [] and workplan_cards(fgw_editor) == []
