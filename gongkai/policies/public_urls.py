"""Public URLs of the policy library, mounted at /zcwj/ (政策文件)."""

from django.urls import path

from . import public_views as views

app_name = "zc"
urlpatterns = [
    path("", views.library, name="library"),
    path("<int:pk>/", views.document, name="document"),
    path("xxml/", views.catalog, name="catalog"),
    path("xxml.xlsx", views.catalog_download, name="catalog_xlsx"),
    path("ql/", views.cleanups, name="cleanups"),
    path("ql/<int:pk>/", views.cleanup, name="cleanup"),
    path("wd/", views.qa, name="qa"),
    path("wd/<int:pk>/", views.question, name="question"),
    path("wd/<int:pk>/vote/", views.vote, name="vote"),
    path("zt/", views.packages, name="packages"),
    path("zt/<slug:slug>/", views.package, name="package"),
]
