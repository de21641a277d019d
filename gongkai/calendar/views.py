"""Staff pages of the working-day calendar: years, month grids, notice import, calculator. Thin: services decide."""

import calendar as pycal
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.common.errors import service_call
from gongkai.core.workdays import WEEKDAY_NAMES

from . import access, services
from .forms import CalculatorForm, CountForm, NoticeForm
from .models import HolidayCalendar, HolidayDay

MIN_YEAR, MAX_YEAR = 2000, 2100
KIND_TEXT = {
    "off": ("休", "放假"),
    "makeup_workday": ("班", "调休上班"),
    "weekend": ("", "周末"),
    "workday": ("", "工作日"),
}


@login_required
def index(request):
    years = HolidayCalendar.objects.annotate(
        off=Count("days", filter=Q(days__kind=HolidayDay.Kind.OFF)),
        makeup=Count("days", filter=Q(days__kind=HolidayDay.Kind.MAKEUP_WORKDAY)),
    ).order_by("-year")
    today = timezone.localdate()
    calendar = services.get_calendar()
    watch = [(year, calendar.covers(year)) for year in (today.year, today.year + 1)]
    return render(
        request,
        "calendar/index.html",
        {
            "years": years,
            "watch": watch,
            "can_import": access.can_import_notices(request.user),
            "today": today,
        },
    )


def _month_grid(calendar, year: int, month: int) -> dict:
    weeks = []
    for week in pycal.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append(None)
                continue
            kind = calendar.day_kind(day)
            short, long = KIND_TEXT[kind]
            name = calendar.names.get(day, "") if kind in ("off", "makeup_workday") else ""
            if calendar.is_estimated(day):
                name = f"{name}（法定，暂定）"
            weekday = WEEKDAY_NAMES[day.weekday()]
            cells.append(
                {
                    "date": day,
                    "kind": kind,
                    "short": short,
                    "name": name,
                    "label": f"{day.month}月{day.day}日{weekday}，{long}{('（' + name + '）') if name else ''}",
                }
            )
        weeks.append(cells)
    return {"month": month, "weeks": weeks}


@login_required
def year_detail(request, year: int):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("年份超出范围")
    calendar = services.get_calendar()
    record = HolidayCalendar.objects.filter(year=year).first()
    days = HolidayDay.objects.filter(date__year=year).order_by("date")
    estimated = [
        (day, calendar.names.get(day, "")) for day in sorted(calendar.estimated_off) if day.year == year
    ]
    return render(
        request,
        "calendar/year.html",
        {
            "year": year,
            "record": record,
            "covered": calendar.covers(year),
            "months": [_month_grid(calendar, year, month) for month in range(1, 13)],
            "weekdays": WEEKDAY_NAMES,
            "days": days,
            "reason": services.workdays.not_covered_reason(year, bool(estimated)),
            "estimated": estimated,
            "can_import": access.can_import_notices(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_notice(request):
    """Paste the notice → preview exactly what was understood → confirm (same text posted and parsed again)."""
    if not access.can_import_notices(request.user):
        raise PermissionDenied("只有政务公开办管理员或系统管理员可以导入节假日安排。")
    form = NoticeForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        text, replace = form.cleaned_data["text"], form.cleaned_data["replace"]
        # The preview stays on the page when saving is refused (an existing year shows its differences).
        with service_call(request, form):
            preview = services.preview_notice(text)
            if request.POST.get("action") == "confirm":
                result = services.import_notice(
                    text,
                    actor=request.user,
                    replace=replace,
                    override_reason=form.cleaned_data["override_reason"]
                    if request.POST.get("override") == "1"
                    else "",
                )
                messages.success(
                    request,
                    f"已导入{result.year}年节假日安排（{len(result.notice.days())}个日期）。"
                    + services.recompute_summary(result.recomputed),
                )
                for failed in (r for r in result.recomputed if r.error):
                    messages.error(
                        request,
                        f"{failed.label}的期限未能重新计算（{failed.error}），请系统管理员运行 gongkai calendar recompute。",
                    )
                return redirect("calendar:year", year=result.year)
    return render(
        request,
        "calendar/import.html",
        {
            "form": form,
            "preview": preview,
            "can_override": access.can_override_notice_problems(request.user),
        },
    )


@login_required
def calculator(request):
    """工作日计算器 (GET, so a result can be bookmarked or sent to a colleague)."""
    result = count = None
    form = CalculatorForm(request.GET if "start" in request.GET else None)
    count_form = CountForm(request.GET if "a" in request.GET else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        result = services.deadline(data["start"], data["days"], excluded=data["pauses"])
    if count_form.is_bound and count_form.is_valid():
        count = services.count_working_days(count_form.cleaned_data["a"], count_form.cleaned_data["b"])
    return render(
        request,
        "calendar/calculator.html",
        {"form": form, "count_form": count_form, "result": result, "count": count, "today": date.today()},
    )
