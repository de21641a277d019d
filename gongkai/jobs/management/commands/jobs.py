"""``gongkai jobs …``: the background and scheduled jobs (后台作业).

gongkai jobs list                 every registered job, its schedule and its last run
gongkai jobs run NAME [--queue]   run one job now in this process (or hand it to the worker) and print the result
gongkai jobs worker [-w N] [-n]   the worker: huey's consumer with N threads and, unless -n, the periodic scheduler
"""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone
from huey.consumer_options import ConsumerConfig, OptionParserHandler

from gongkai.audit.context import audit_context
from gongkai.jobs import queue, registry, schedule, selectors, services
from gongkai.jobs.errors import JobError
from gongkai.jobs.models import JobRun
from gongkai.jobs.vocab import Status, Trigger

_TYPES = {"int": int, "float": float}
# A SQLite queue is polled; an idle worker looks again at most every this many seconds (huey's default is 10).
MAX_POLL_DELAY = 2.0


class Command(BaseCommand):
    help = "后台作业：list 列出作业与定时表；run 立即运行一个作业；worker 启动后台任务进程（含定时调度）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="子命令")
        sub.add_parser("list", help="列出已登记的作业、运行时间、最近一次运行和下次运行时间")
        run = sub.add_parser("run", help="立即运行一个作业（默认在本进程内运行并打印结果）")
        run.add_argument("name", help="作业名称，如 publishing.publish_due（见 gongkai jobs list）")
        run.add_argument("--queue", action="store_true", help="交给后台任务进程运行，只打印运行记录编号")
        worker = sub.add_parser("worker", help="启动后台任务进程：执行排队的作业，并按定时表发起定时作业")
        # The same options as huey's own consumer (huey_consumer / run_huey).
        handler = OptionParserHandler()
        for group in (
            handler.get_logging_options(),
            handler.get_worker_options(),
            handler.get_scheduler_options(),
        ):
            for short, full, kwargs in group:
                kwargs = dict(kwargs)
                if short == "-v":
                    short, full = "-V", "--huey-verbose"
                if "type" in kwargs:
                    kwargs["type"] = _TYPES[kwargs["type"]]
                kwargs.setdefault("default", None)
                worker.add_argument(full, short, **kwargs)

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _list(self, **_):
        now = timezone.now()
        for row in selectors.overview(None, now):
            last = row.last
            last_text = (
                f"{last.get_status_display()} {timezone.localtime(last.queued_at):%Y-%m-%d %H:%M}"
                if last
                else "尚未运行"
            )
            next_text = f"{timezone.localtime(row.next_run):%Y-%m-%d %H:%M}" if row.next_run else "—"
            self.stdout.write(f"{row.job.name}　{row.job.label}")
            self.stdout.write(f"    运行时间：{row.when}；下次：{next_text}；最近：{last_text}")

    def _run(self, name, queue=False, **_):
        if not registry.exists(name):
            known = "、".join(j.name for j in registry.all_jobs())
            raise CommandError(f"没有名为 {name} 的作业。已登记的作业：{known}")
        if queue:
            with audit_context(channel="cli"):
                run = services.start(name, actor=None, trigger=Trigger.MANUAL)
            self.stdout.write(f"已交给后台任务进程：运行记录 #{run.pk}（gongkai jobs list 查看结果）。")
            return
        try:
            with audit_context(channel="cli"):
                run = services.run_inline(name, actor=None)
        except JobError as exc:
            raise CommandError(str(exc)) from None
        except Exception:  # the run recorded the failure; report it below
            run = JobRun.objects.filter(job=name).order_by("-id").first()
            run.refresh_from_db()
        if run.status == Status.FAILED:
            raise CommandError(f"作业失败（运行记录 #{run.pk}）：{run.error}")
        self.stdout.write(
            f"{run.get_status_display()}（运行记录 #{run.pk}，用时 {run.duration_text}）：{run.result}"
        )

    def _worker(self, **options):
        if settings.GONGKAI_JOBS_IMMEDIATE:
            raise CommandError(
                "GONGKAI_JOBS_IMMEDIATE 已开启：作业在发起时即在本进程运行，不需要后台任务进程。"
            )
        values = {key: options[key] for key in ConsumerConfig._fields if options.get(key) is not None}
        values.setdefault("workers", settings.GONGKAI_JOBS_WORKERS)
        values.setdefault("max_delay", MAX_POLL_DELAY)
        config = ConsumerConfig(**values)
        try:
            config.validate()
        except ValueError as exc:
            raise CommandError(f"后台任务进程参数有误：{exc}") from None
        logger = logging.getLogger("huey")
        if not logger.handlers:
            config.setup_logger(logger)
            logger.propagate = False  # printed once, in huey's format, not again by the root handler
        huey = queue.get_huey()
        self.stdout.write(
            f"后台任务进程：队列 {huey.name}（{settings.GONGKAI_JOBS_BACKEND}），{config.workers} 个 {config.worker_type} 工作线程，"
            f"定时调度{'开启' if config.periodic else '关闭（-n）'}。"
        )
        if config.periodic:
            for entry in schedule.SCHEDULE:
                declared = registry.get(entry.job)
                self.stdout.write(
                    f"  {schedule.in_words(entry, declared.working_days_only)}：{declared.label}"
                )
        self.stdout.flush()
        connections.close_all()  # process workers fork: no inherited database connection
        huey.create_consumer(**config.values).run()
