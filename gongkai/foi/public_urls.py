from django.urls import path

from . import public_views

app_name = "foi_public"
urlpatterns = [
    path("", public_views.index, name="index"),
    path("new/", public_views.apply, name="apply"),
    path("done/", public_views.done, name="done"),
    path("track/", public_views.track, name="track"),
]
