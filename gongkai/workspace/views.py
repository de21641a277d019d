from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.roles import permissions

from .forms import LoginForm
from .registry import cards_for


class LoginView(auth_views.LoginView):
    template_name = "workspace/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def dashboard(request):
    memberships = request.user.memberships.select_related("unit").order_by("unit__sort_order", "unit_id")
    return render(
        request,
        "workspace/dashboard.html",
        {
            "cards": cards_for(request.user),
            "memberships": memberships,
            "county_wide": permissions.is_county_wide(request.user),
        },
    )
