import threading

import pytest
from django.db import transaction

from gongkai.audit import services as audit
from gongkai.jobs import registry
from gongkai.jobs.registry import Job, JobResult
from gongkai.orgs.models import Membership, Unit, User
from gongkai.roles import Role, permissions

PASSWORD = "Jobs2026test"


class Samples:
    """Jobs that exist only in these tests, and what they saw while running."""

    def __init__(self):
        self.calls: dict[str, int] = {}
        self.delays: list[float] = []
        self.attempts_seen: list[int] = []
        self.release = threading.Event()

    def count(self, name):
        self.calls[name] = self.calls.get(name, 0) + 1


def _declare(samples: Samples) -> list[Job]:
    def record(ctx):
        samples.count("record")
        with transaction.atomic():
            audit.record(
                actor=ctx.actor,
                action="jobs_test.recorded",
                object_type="jobs_test.sample",
                object_id=str(ctx.run.pk),
                after={"note": ctx.params.get("note", "")},
            )
        return JobResult(f"已记录：{ctx.params.get('note', '')}", "/work/audit/")

    def always_fails(ctx):
        samples.count("always_fails")
        samples.delays.append(ctx.task.retry_delay if ctx.task is not None else 0)
        samples.attempts_seen.append(ctx.run.attempts)
        raise ValueError("样例数据源不可用（连接被拒绝）")

    def fails_then_waits(ctx):
        samples.count("fails_then_waits")
        raise RuntimeError("第一次尝试失败")

    def waits(ctx):
        samples.count("waits")
        ctx.progress(3, 10, "条样例已处理")
        if not samples.release.wait(60):
            raise RuntimeError("测试没有放行")
        ctx.progress(10, 10, "条样例已处理")
        return JobResult("样例处理完成：10 条。")

    def weekday(ctx):
        samples.count("weekday")
        return "工作日样例已运行。"

    return [
        Job("jobs_test.record", "样例：记录一条审计事件", "测试用作业。", record, access=lambda user: True),
        Job(
            "jobs_test.always_fails",
            "样例：总是失败",
            "测试用作业：每次都抛出异常。",
            always_fails,
            retries=2,
            retry_delay=0.5,
            retry_backoff=2,
        ),
        Job(
            "jobs_test.fails_then_waits",
            "样例：失败后长时间等待重试",
            "测试用作业。",
            fails_then_waits,
            retries=1,
            retry_delay=600,
        ),
        Job(
            "jobs_test.waits",
            "样例：报告进度后等待",
            "测试用作业。",
            waits,
            reports_progress=True,
            access=permissions.is_office_admin,
        ),
        Job("jobs_test.weekday", "样例：仅工作日", "测试用作业。", weekday, working_days_only=True),
    ]


@pytest.fixture
def samples():
    samples = Samples()
    declared = [registry.register(job) for job in _declare(samples)]
    yield samples
    samples.release.set()
    for job in declared:
        registry.unregister(job.name)


def make_user(username, unit, *roles):
    user = User.objects.create_user(username, password=PASSWORD, full_name=username)
    for role in roles:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def people(db):
    class People:
        pass

    p = People()
    p.office_unit = Unit.objects.create(name="示范县人民政府办公室", kind="office")
    p.unit = Unit.objects.create(name="示范县自然资源局", short_name="县自然资源局")
    p.office = make_user("jobs_office", p.office_unit, Role.OFFICE_ADMIN)
    p.sysadmin = make_user("jobs_sysadmin", p.office_unit, Role.SYS_ADMIN)
    p.editor = make_user("jobs_editor", p.unit, Role.EDITOR, Role.LEADER)
    return p
