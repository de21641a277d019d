from tests.access import Rule

from .factories import make_plan, make_report


def _task(ctx):
    return ctx.once("workplan_task", lambda: make_plan(ctx.unit_b, marker=ctx.marker)[1])


def _plan(ctx):
    return {"pk": _task(ctx).plan_id}


def setup(ctx):
    task = _task(ctx)
    ctx.once("workplan_report", lambda: make_report(task, ctx.unit_b, marker=ctx.marker))


RULES = {
    "workplan:list": Rule("office_only"),
    "workplan:mine": Rule("any_staff"),
    "workplan:import": Rule("office_only"),
    "workplan:plan": Rule("office_only", _plan),
    "workplan:plan_edit": Rule("office_only", _plan),
    "workplan:assign": Rule("office_only", _plan),
    "workplan:publish": Rule("office_only", _plan),
    "workplan:archive": Rule("office_only", _plan),
    "workplan:dashboard": Rule("office_only", _plan),
    "workplan:xlsx": Rule("office_only", _plan),
    "workplan:bulletin": Rule("office_only", _plan),
    "workplan:compare": Rule("office_only", _plan),
    "workplan:carry": Rule("office_only", _plan),
    "workplan:item_units": Rule("office_only", lambda ctx: {"pk": _task(ctx).item_id}),
    "workplan:task": Rule("other_unit", lambda ctx: {"pk": _task(ctx).pk}),
    "workplan:task_edit": Rule("office_only", lambda ctx: {"pk": _task(ctx).pk}),
    "workplan:progress": Rule("other_unit", lambda ctx: {"pk": _task(ctx).pk}),
    "workplan:done": Rule("office_only", lambda ctx: {"pk": _task(ctx).pk}),
    "workplan:evidence": Rule(
        "other_unit",
        lambda ctx: {
            "pk": ctx.once(
                "workplan_report", lambda: make_report(_task(ctx), ctx.unit_b, marker=ctx.marker)
            ).pk
        },
    ),
}
