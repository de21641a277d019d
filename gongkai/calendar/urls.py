from django.urls import path

from . import views

app_name = "calendar"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.year_detail, name="year"),
    path("import/", views.import_notice, name="import"),
    path("calculator/", views.calculator, name="calculator"),
]
