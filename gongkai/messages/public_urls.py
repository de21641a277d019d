from django.urls import path

from . import public_views as views

app_name = "ly"

urlpatterns = [
    path("", views.index, name="index"),
    path("xie/", views.write, name="write"),
    path("chaxun/", views.track, name="track"),
    path("<int:pk>/", views.detail, name="detail"),
]
