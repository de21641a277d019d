"""The figures the assessment reads (gongkai.common.figures), against hand counts: per unit and for the county,
period bounds inclusive, the requirement per unit kind from the setting, and the drill-down list showing exactly the
counted records."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.common import figures
from gongkai.registers import services

from .factories import supervision, training

pytestmark = pytest.mark.django_db

YEAR = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}
KEYS = [
    "registers.trainings_held",
    "registers.evaluations_done",
    "registers.hearings",
    "registers.articles_adopted",
    "registers.cases",
    "registers.supervision_open",
    "registers.supervision_records",
]


def value(key, unit, **period):
    return figures.compute(key, unit=unit, **(period or YEAR)).value


def test_every_key_is_registered():
    assert {s.key for s in figures.available()} >= set(KEYS)


def test_trainings_held_against_hand_counts_and_requirement_by_kind(world, settings):
    y25 = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}
    training(world, held_on=date(2025, 1, 1))  # first day: counted
    training(world, held_on=date(2025, 12, 31))  # last day: counted
    training(world, held_on=date(2024, 12, 31))  # year before: not counted
    training(world, held_on=date(2026, 1, 1))  # year after: not counted
    training(world, world.dept, held_on=date(2025, 5, 5))
    # Attending is not organising: the town attends the department's training, it is not the town's.
    training(world, world.dept, held_on=date(2025, 6, 6), attendees=[(world.town, 4, "")])
    assert value("registers.trainings_held", world.town, **y25) == 2
    assert value("registers.trainings_held", world.dept, **y25) == 2
    assert value("registers.trainings_held", None, **y25) == 4
    assert value("registers.trainings_held", world.town, start=date(2025, 1, 2), end=date(2025, 12, 30)) == 0
    settings.GONGKAI_REGISTERS_TRAININGS_PER_YEAR = {"township": 3, "*": 2}
    town = figures.compute("registers.trainings_held", unit=world.town, **y25)
    assert town.extra == {"required": 3} and town.note == "少于要求的3次"
    dept = figures.compute("registers.trainings_held", unit=world.dept, **y25)
    assert dept.extra == {"required": 2} and dept.note == ""
    # A unit id works like the unit.
    assert figures.compute("registers.trainings_held", unit=world.town.pk, **y25).extra == {"required": 3}


def test_detail_url_lists_exactly_the_counted_records(world, client):
    training(world, held_on=date(2026, 3, 1), topic="计入的培训")
    training(world, held_on=date(2025, 3, 1), topic="上年的培训")
    training(world, world.dept, held_on=date(2026, 3, 1), topic="别的单位的培训")
    fig = figures.compute("registers.trainings_held", unit=world.town, **YEAR)
    assert fig.detail_url.startswith(reverse("registers:trainings"))
    client.force_login(world.office)
    body = client.get(fig.detail_url).content.decode()
    assert "计入的培训" in body and "上年的培训" not in body and "别的单位的培训" not in body


def test_hearings_evaluations_articles_cases(world):
    from gongkai.policies.tests.factories import make_document

    for day in (date(2026, 2, 1), date(2026, 8, 1)):
        services.record_hearing(
            world.town,
            actor=world.editor,
            kind="report",
            meeting="常务会",
            held_on=day,
            leaders="镇长",
            topics="x",
        )
    doc = make_document(world)
    for day in (date(2026, 4, 1), date(2025, 4, 1)):
        services.record_evaluation(
            world.town,
            actor=world.editor,
            done_on=day,
            policy=doc,
            results="好",
            methods=["data"],
            findings="继续",
            conclusion="continue",
        )
    # Adopted in 2026 (sent in 2025) counts; sent in 2026 and adopted in 2027-to-be does not; not adopted does not.
    a = services.record_submission(
        world.town, actor=world.editor, kind="znl", title="a", outlet="o", submitted_on=date(2025, 12, 20)
    )
    services.mark_adopted(a, actor=world.editor, adopted_on=date(2026, 1, 5))
    services.record_submission(
        world.town, actor=world.editor, kind="info", title="b", outlet="o", submitted_on=date(2026, 3, 1)
    )
    services.record_submission(
        world.dept,
        actor=world.dept_editor,
        kind="info",
        title="c",
        outlet="o",
        submitted_on=date(2026, 3, 1),
        adopted_on=date(2026, 3, 9),
    )
    services.record_case(
        world.town,
        actor=world.editor,
        title="案例",
        level="city",
        issuer="市",
        recognised_on=date(2026, 9, 9),
    )
    assert value("registers.hearings", world.town) == 2
    assert value("registers.evaluations_done", world.town) == 1
    assert figures.compute("registers.evaluations_done", unit=world.town, **YEAR).extra == {"required": 2}
    assert value("registers.articles_adopted", world.town) == 1
    assert value("registers.articles_adopted", None) == 2
    assert figures.compute("registers.articles_adopted", unit=None, **YEAR).extra == {
        "by_kind": {"znl": 1, "info": 1}
    }
    assert value("registers.cases", world.town) == 1 and value("registers.cases", world.dept) == 0


def test_supervision_open_as_at_the_period_end_and_records(world):
    a = supervision(world, issued_on=date(2026, 3, 6), days=5)  # due 03-13
    supervision(world, issued_on=date(2026, 5, 6), days=5, kind="interview")
    supervision(world, world.dept, issued_on=date(2026, 3, 6), days=5, kind="inspection")
    services.complete_rectification(a, actor=world.editor, completed_on=date(2026, 4, 1), note="已整改")
    # At the end of Q1, record a was still open and overdue (due 03-13); the May record did not exist yet.
    q1 = figures.compute(
        "registers.supervision_open", unit=world.town, start=date(2026, 1, 1), end=date(2026, 3, 31)
    )
    assert (q1.value, q1.extra["overdue"], q1.note) == (1, 1, "含1件逾期")
    # At the end of the year: a is done, the May one is open and overdue.
    year = figures.compute("registers.supervision_open", unit=world.town, **YEAR)
    assert (year.value, year.extra["overdue"]) == (1, 1)
    assert value("registers.supervision_open", None) == 2
    records = figures.compute("registers.supervision_records", unit=world.town, **YEAR)
    assert records.value == 2 and records.extra["by_kind"] == {"通报批评": 1, "约谈": 1}
    assert value("registers.supervision_records", None) == 3


def test_overview_agrees_with_the_single_unit_figures(world):
    from gongkai.registers.figures import SOURCES, overview

    training(world, held_on=date(2026, 3, 1))
    training(world, world.dept, held_on=date(2026, 4, 1))
    training(world, world.dept, held_on=date(2026, 5, 1))
    a = supervision(world, issued_on=date(2026, 3, 6), days=5)
    supervision(world, world.dept, issued_on=date(2026, 5, 6), days=5)
    services.complete_rectification(a, actor=world.editor, completed_on=date(2026, 3, 20), note="已整改")
    s = services.record_submission(
        world.dept, actor=world.dept_editor, kind="info", title="c", outlet="o", submitted_on=date(2026, 3, 1)
    )
    services.mark_adopted(s, actor=world.dept_editor, adopted_on=date(2026, 3, 9))
    for period in (YEAR, {"start": date(2026, 1, 1), "end": date(2026, 3, 31)}):
        table = overview([world.town, world.dept], **period)
        for unit in (world.town, world.dept):
            for (key, *_), got in zip(SOURCES, table[unit.pk], strict=True):
                want = figures.compute(key, unit=unit, **period)
                assert (got.value, got.note, got.detail_url) == (want.value, want.note, want.detail_url), key
                assert {k: v for k, v in want.extra.items() if not k.startswith("by_")} == got.extra, key
