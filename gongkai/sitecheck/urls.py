from django.urls import path

from . import views

app_name = "sitecheck"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("matrix.xlsx", views.matrix_xlsx, name="matrix_xlsx"),
    path("rules/", views.rules, name="rules"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("events/new/", views.event_new, name="event_new"),
]
