from django.urls import path

from . import views_public as v

app_name = "foi_public"
urlpatterns = [
    path("", v.index, name="index"),
    path("new/", v.apply, name="apply"),
    path("done/", v.done, name="done"),
    path("track/", v.track, name="track"),
]
