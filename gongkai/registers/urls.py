from django.urls import path

from . import views

app_name = "registers"

urlpatterns = [
    path("", views.index, name="index"),
    path("trainings/", views.trainings, name="trainings"),
    path("trainings/export.xlsx", views.trainings_xlsx, name="trainings_xlsx"),
    path("trainings/new/", views.training_new, name="training_new"),
    path("trainings/<int:pk>/", views.training, name="training"),
    path("trainings/<int:pk>/material/", views.training_material, name="training_material"),
    path("trainings/<int:pk>/link/", views.training_link, name="training_link"),
    path("materials/<int:pk>/", views.material, name="material"),
    path("hearings/", views.hearings, name="hearings"),
    path("hearings/export.xlsx", views.hearings_xlsx, name="hearings_xlsx"),
    path("hearings/new/", views.hearing_new, name="hearing_new"),
    path("hearings/<int:pk>/minutes/", views.hearing_minutes, name="hearing_minutes"),
    path("evaluations/", views.evaluations, name="evaluations"),
    path("evaluations/export.xlsx", views.evaluations_xlsx, name="evaluations_xlsx"),
    path("evaluations/new/", views.evaluation_new, name="evaluation_new"),
    path("evaluations/<int:pk>/", views.evaluation, name="evaluation"),
    path("articles/", views.articles, name="articles"),
    path("articles/export.xlsx", views.articles_xlsx, name="articles_xlsx"),
    path("articles/new/", views.article_new, name="article_new"),
    path("articles/<int:pk>/adopt/", views.article_adopt, name="article_adopt"),
    path("cases/", views.cases, name="cases"),
    path("cases/export.xlsx", views.cases_xlsx, name="cases_xlsx"),
    path("cases/new/", views.case_new, name="case_new"),
    path("supervision/", views.supervision_list, name="supervision_list"),
    path("supervision/export.xlsx", views.supervision_list_xlsx, name="supervision_list_xlsx"),
    path("supervision/new/", views.supervision_new, name="supervision_new"),
    path("supervision/<int:pk>/", views.supervision, name="supervision"),
]
