"""Public URLs of the policy library, mounted at /zcwj/ (政策文件)."""

from django.urls import path  # noqa: F401

app_name = "zc"
urlpatterns: list = []
