"""Demo work plans for 示范县: the 2024 兴国 work points published with progress in every status, and the 2023
丰城 work points archived with unfinished tasks for 回头看. Texts ship as package data (``data/``).

Deterministic and safe to run twice: a plan whose ``demo_key`` exists is left alone.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from pathlib import Path

from django.utils import timezone

from gongkai.orgs import resolver
from gongkai.orgs.models import Membership, Unit, User
from gongkai.roles import Role

from . import services
from .models import Task, TaskStatus, WorkPlan

DATA = Path(__file__).parent / "data"
PLANS = [
    # key, file, publish date, fixed names → unit names or "*" (all members of the group)
    (
        "xingguo-2024",
        "xingguo_2024.txt",
        date(2024, 5, 28),
        {"县政府有关部门": "*", "县直（驻县）各相关单位": "*"},
    ),
    (
        "fengcheng-2023",
        "fengcheng_2023.txt",
        date(2023, 4, 20),
        {"市政府各有关部门": "*", "市直各有关单位": "*"},
    ),
]
# Deadlines the office filled in where the text had none (工作时限 to fill in), by task number.
FILLED_DEADLINES = {"xingguo-2024": {3: (date(2024, 9, 30), "9月底前"), 10: (date(2024, 6, 30), "6月底前")}}


def _reporter(unit: Unit, office: User) -> User:
    member = (
        Membership.objects.filter(unit=unit, role__in=(Role.EDITOR, Role.LEADER))
        .select_related("user")
        .order_by("role", "user__username")
        .first()
    )
    return member.user if member else office


def _progress(plan: WorkPlan, office: User, year: int) -> dict:
    counts = {"reports": 0, "done": 0}
    for task in Task.objects.filter(plan=plan).order_by("order"):
        owners = [
            task_unit.unit
            for task_unit in task.task_units.select_related("unit").order_by("role", "unit__sort_order")[:3]
        ]
        pattern = task.seq % 6
        if pattern == 0 or not owners:  # no report at all: 未开始, or 逾期 / 持续推进中 by its time
            continue
        steps = {1: (40, 100), 2: (30,), 3: (60, 80), 4: (20,), 5: (50, 100)}[pattern]
        for step, percent in enumerate(steps):
            month = min(6 + 2 * step + pattern % 2, 12)
            for unit in owners[:2]:
                services.report_progress(
                    task,
                    unit=unit,
                    actor=_reporter(unit, office),
                    text=f"{unit.short_name or unit.name}已按要求推进：{task.text[:28]}……（第{step + 1}次报送）",
                    percent=percent,
                    on=date(year, month, 15),
                    evidence_link="https://www.shifan.gov.cn/zwgk/" if percent == 100 else "",
                )
                counts["reports"] += 1
        if pattern == 5 and task.status != TaskStatus.DONE:
            services.mark_done(task, actor=office, on=date(year, 11, 20))
        task.refresh_from_db()
        counts["done"] += task.status == TaskStatus.DONE
    return counts


def load(out):
    office = User.objects.filter(username="office").first()
    if office is None:
        out.write("工作要点：缺少演示账号 office，跳过。\n")
        return
    for key, filename, published, fixes in PLANS:
        if WorkPlan.objects.filter(demo_key=key).exists():
            out.write(f"工作要点：{key} 已存在，未改动。\n")
            continue
        data = (DATA / filename).read_bytes()
        plan = services.import_document(actor=office, data=data, filename=filename, demo_key=key)
        for name, target in fixes.items():
            if target == "*":
                ids = [unit_id for match in resolver.resolve(name) for unit_id in match.unit_ids]
                units = list(Unit.objects.filter(pk__in=ids))
            else:
                units = list(Unit.objects.filter(name=target))
            if units:
                with contextlib.suppress(services.WorkPlanError):
                    services.assign_name(plan, actor=office, name=name, units=units)
        for seq, (deadline, text) in FILLED_DEADLINES.get(key, {}).items():
            task = Task.objects.filter(plan=plan, seq=seq).first()
            if task:
                services.update_task(
                    task, text=task.text, deadline=deadline, deadline_text=text, weight=None, actor=office
                )
        # Tasks still without units (no annotation in the text) go to the office itself, as the drafter would.
        zfb = Unit.objects.filter(name="示范县人民政府办公室").first()
        for task in Task.objects.filter(plan=plan, task_units__isnull=True):
            services.set_task_units(task, lead=[zfb], responsible=[], actor=office)
        at = timezone.make_aware(datetime.combine(published, datetime.min.time().replace(hour=9)))
        services.publish(plan, actor=office, at=at)
        counts = _progress(plan, office, plan.year)
        if key == "fengcheng-2023":
            services.archive(plan, actor=office)
        out.write(
            f"工作要点：已导入《{plan.title}》（{plan.tasks.count()}项任务，{counts['reports']}条进展，"
            f"{counts['done']}项已完成{'，已归档' if plan.state == 'archived' else ''}）。\n"
        )
