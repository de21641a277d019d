from django.urls import path

from . import public_views as views

app_name = "zhaocuo"

urlpatterns = [
    path("", views.report, name="report"),
    path("chaxun/", views.track, name="track"),
    path("tongji/", views.summary, name="summary"),
]
