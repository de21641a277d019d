from django.urls import path

from . import public_views as views

app_name = "hygq"

urlpatterns = [
    path("", views.index, name="index"),
]
