from django.urls import path

from . import views

app_name = "errata"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/screenshot/", views.screenshot, name="screenshot"),
    path("<int:pk>/take-up/", views.take_up, name="take_up"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/reroute/", views.reroute, name="reroute"),
    path("<int:pk>/recheck/", views.recheck, name="recheck"),
]
