from django.urls import path

from . import public_views as views

app_name = "zfgb"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/issue.pdf", views.pdf, name="pdf"),
]
