from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.index, name="index"),
    path("schemes/<int:pk>/", views.scheme, name="scheme"),
    path("schemes/<int:pk>/edit/", views.scheme_edit, name="scheme_edit"),
    path("schemes/<int:pk>/indicators/new/", views.indicator_new, name="indicator_new"),
    path("indicators/<int:pk>/remove/", views.indicator_remove, name="indicator_remove"),
    path("periods/<int:pk>/", views.period, name="period"),
    path("periods/<int:pk>/run/", views.period_run, name="period_run"),
    path("periods/<int:pk>/scores.xlsx", views.scores_xlsx, name="scores_xlsx"),
    path("periods/<int:pk>/notice.<str:fmt>", views.notice, name="notice"),
    path("periods/<int:pk>/units/<int:unit_pk>/", views.period_unit, name="period_unit"),
    path("periods/<int:pk>/units/<int:unit_pk>/enter/", views.entry_new, name="entry_new"),
    path("entries/<int:pk>/confirm/", views.entry_confirm, name="entry_confirm"),
    path("entries/<int:pk>/evidence/", views.entry_evidence, name="entry_evidence"),
]
