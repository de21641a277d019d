"""Staff pages of the job system (后台作业): the list of jobs, one run with its progress, "立即运行"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from gongkai.common.errors import service_call

from . import access, registry, selectors, services
from .vocab import Trigger


def _staff_only(request):
    if not access.can_view_jobs(request.user):
        raise PermissionDenied("后台作业仅限政务公开办和系统管理员查看。")


@login_required
@require_GET
def index(request):
    _staff_only(request)
    return render(
        request,
        "jobs/index.html",
        {
            "rows": selectors.overview(request.user),
            "runs": selectors.recent_runs(),
            "stale": selectors.stale_queue(),
        },
    )


@login_required
@require_POST
def start(request, name):
    if not registry.exists(name):
        raise Http404("没有这个后台作业。")
    declared = registry.get(name)
    if not access.can_run_now(request.user, declared):
        raise PermissionDenied("只有系统管理员可以立即运行后台作业。")
    with service_call(request) as call:
        run = services.start(name, actor=request.user, trigger=Trigger.MANUAL)
    if call.failed:
        return redirect("jobs:index")
    messages.success(request, f"已发起“{declared.label}”，进度见下。")
    return redirect(run)


def _run_context(request, run) -> dict:
    return {
        "run": run,
        "label": selectors.label_of(run.job),
        "show_traceback": access.can_view_jobs(request.user),
    }


@login_required
@require_GET
def run_detail(request, pk):
    run = selectors.get_run_for(request.user, pk)
    return render(request, "jobs/run.html", _run_context(request, run))


@login_required
@require_GET
def run_progress(request, pk):
    """The status block alone, polled by HTMX every second until the run has finished."""
    run = selectors.get_run_for(request.user, pk)
    return render(request, "jobs/_status.html", _run_context(request, run))
