from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .context_processors import ELDERLY_COOKIE


def home(request):
    return render(request, "portal/home.html")


@require_POST
def toggle_elderly(request):
    """Switch the elderly-friendly mode (适老化模式); a cookie keeps it across pages and visits."""
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.COOKIES.get(ELDERLY_COOKIE) == "1":
        response.delete_cookie(ELDERLY_COOKIE)
    else:
        response.set_cookie(ELDERLY_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax", secure=request.is_secure())
    return response
