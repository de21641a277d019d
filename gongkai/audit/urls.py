from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("export.<str:fmt>", views.export, name="export"),
    path("verify/", views.verify_chain, name="verify"),
]
