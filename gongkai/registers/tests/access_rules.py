"""How a member of another unit is treated on each staff URL of the registers (see tests/access.py)."""

from datetime import date

from tests.access import Rule


def _objects(ctx):
    def make():
        from gongkai.registers import services
        from gongkai.registers.tests.factories import Upload, docx_bytes

        training = services.record_training(
            ctx.unit_b,
            actor=ctx.user_b,
            held_on=date(2026, 3, 10),
            topic=f"乙单位培训{ctx.marker}",
            form="special",
            attendances=[(ctx.unit_b, 5, ctx.marker)],
            materials=[Upload("课件.docx", docx_bytes(ctx.marker))],
        )
        hearing = services.record_hearing(
            ctx.unit_b,
            actor=ctx.user_b,
            kind="report",
            meeting=f"党组会{ctx.marker}",
            held_on=date(2026, 3, 11),
            leaders="局长",
            topics=ctx.marker,
            minutes=Upload("纪要.docx", docx_bytes(ctx.marker)),
        )
        submission = services.record_submission(
            ctx.unit_b,
            actor=ctx.user_b,
            kind="info",
            title=f"乙单位信息{ctx.marker}",
            outlet="市政务信息",
            submitted_on=date(2026, 3, 12),
        )
        services.record_case(
            ctx.unit_b,
            actor=ctx.user_b,
            title=f"乙单位案例{ctx.marker}",
            level="county",
            issuer="县政务公开办",
            recognised_on=date(2026, 3, 13),
        )
        record = services.issue_supervision(
            ctx.unit_b,
            actor=None,  # the office issues it
            kind="criticism",
            issued_on=date(2026, 3, 6),
            issuer="县政府办",
            findings=f"问题{ctx.marker}",
            rectify_workdays=5,
        )
        from gongkai.registers.models import Evaluation

        evaluation = Evaluation.objects.create(
            unit=ctx.unit_b,
            subject_title=f"乙单位文件{ctx.marker}",
            done_on=date(2026, 3, 14),
            methods=["survey"],
            findings=ctx.marker,
            conclusion="continue",
        )
        return {
            "training": training,
            "material": training.materials.get(),
            "hearing": hearing,
            "submission": submission,
            "record": record,
            "evaluation": evaluation,
        }

    return ctx.once("registers_objects", make)


def setup(ctx):
    _objects(ctx)


def _pk(name):
    return lambda ctx: {"pk": _objects(ctx)[name].pk}


RULES = {
    "registers:index": Rule("any_staff"),
    "registers:trainings": Rule("any_staff"),
    "registers:trainings_xlsx": Rule("any_staff"),
    "registers:training_new": Rule("any_staff"),
    "registers:training": Rule("other_unit", _pk("training")),
    "registers:training_material": Rule("other_unit", _pk("training")),
    "registers:training_link": Rule("other_unit", _pk("training")),
    "registers:material": Rule("other_unit", _pk("material")),
    "registers:hearings": Rule("any_staff"),
    "registers:hearings_xlsx": Rule("any_staff"),
    "registers:hearing_new": Rule("any_staff"),
    "registers:hearing_minutes": Rule("other_unit", _pk("hearing")),
    "registers:evaluations": Rule("any_staff"),
    "registers:evaluations_xlsx": Rule("any_staff"),
    "registers:evaluation_new": Rule("any_staff"),
    "registers:evaluation": Rule("other_unit", _pk("evaluation")),
    "registers:articles": Rule("any_staff"),
    "registers:articles_xlsx": Rule("any_staff"),
    "registers:article_new": Rule("any_staff"),
    "registers:article_adopt": Rule("other_unit", _pk("submission")),
    "registers:cases": Rule("any_staff"),
    "registers:cases_xlsx": Rule("any_staff"),
    "registers:case_new": Rule("any_staff"),
    "registers:supervision_list": Rule("any_staff"),
    "registers:supervision_list_xlsx": Rule("any_staff"),
    "registers:supervision_new": Rule("office_only"),
    "registers:supervision": Rule("other_unit", _pk("record")),
}
