from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "orgs"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="orgs:unit_list"), name="index"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/export.<str:fmt>", views.unit_export, name="unit_export"),
    path("units/new/", views.unit_edit, name="unit_create"),
    path("units/import/", views.unit_import, name="unit_import"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/deactivate/", views.unit_set_active, {"active": False}, name="unit_deactivate"),
    path("units/<int:pk>/activate/", views.unit_set_active, {"active": True}, name="unit_activate"),
    path("units/<int:pk>/leaders/", views.unit_leaders, name="unit_leaders"),
    path("units/<int:pk>/staff/", views.unit_staff, name="unit_staff"),
    path("units/<int:pk>/staff/new/", views.staff_create, name="staff_create"),
    path("memberships/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("resolve/", views.resolve_tester, name="resolve"),
    path("logins/", views.login_protection, name="login_protection"),
    path("logins/unlock/", views.login_unlock, name="login_unlock"),
    path("password/", views.password_change, name="password_change"),
]
