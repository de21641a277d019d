"""Starting a job (发起后台作业): the one business action of the jobs app.

The run is recorded (``JobRun``, 排队中) and audited in the caller's transaction; the task reaches the queue only
after that transaction commits, so a worker never picks up a run whose data the request then rolled back.
"""

from __future__ import annotations

from django.db import transaction

from gongkai.audit import services as audit

from . import access, queue, registry, runner
from .errors import JobError
from .models import JobRun
from .vocab import Trigger


@transaction.atomic
def start(
    name: str,
    *,
    actor,
    params: dict | None = None,
    unit=None,
    trigger: str = Trigger.MANUAL,
    enqueue: bool = True,
) -> JobRun:
    """Queue the job ``name`` for the worker (run at once, in-process, in immediate mode).

    ``enqueue=False`` only records the run (one attempt) for the caller to execute: see :func:`run_inline`."""
    try:
        declared = registry.get(name)
    except LookupError as exc:
        raise JobError(f"{exc}请从作业列表中选择。", code="unknown") from None
    if not access.can_start(actor, declared):
        raise JobError(f"您没有发起“{declared.label}”的权限。", code="forbidden")
    huey = queue.get_huey() if enqueue else None
    # In-process runs (inline, immediate mode) get one attempt: there is no worker to retry them later.
    retries = declared.retries if huey is not None and not huey.immediate else 0
    task = queue.task_for(huey, name).s(retries=retries) if huey is not None else None
    run = JobRun.objects.create(
        job=name,
        trigger=trigger,
        params=params or {},
        unit=unit,
        started_by=actor if getattr(actor, "pk", None) else None,
        max_attempts=retries + 1,
        task_id=task.id if task is not None else "",
    )
    audit.record(
        actor=actor,
        action="jobs.started",
        obj=run,
        object_repr=f"{declared.label}（#{run.pk}）",
        unit=unit,
        after={"job": name, "trigger": trigger, "params": params or {}},
    )
    if huey is not None and task is not None:  # both or neither: a task is built only with a queue
        task.kwargs["run_id"] = run.pk
        transaction.on_commit(lambda: huey.enqueue(task))
    return run


def run_inline(name: str, *, actor, params: dict | None = None, unit=None) -> JobRun:
    """Record the job ``name`` and run it in this process now, one attempt, through the same runner as the worker
    (``gongkai jobs run``). The job's exception propagates once the run has recorded it."""
    run = start(name, actor=actor, params=params, unit=unit, trigger=Trigger.MANUAL, enqueue=False)
    runner.execute(name, run_id=run.pk)
    run.refresh_from_db()
    return run
