from django.urls import path

from . import public_views

app_name = "nianbao"

urlpatterns = [
    path("xxgk/nianbao/<int:pk>.<str:fmt>", public_views.download, name="download"),
]
