from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("generate/", views.generate, name="generate"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/inputs/", views.inputs, name="inputs"),
    path("<int:pk>/regenerate/", views.regenerate, name="regenerate"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/return/", views.return_draft, name="return"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/correct/", views.correct, name="correct"),
    path("<int:pk>/report.<str:fmt>", views.download, name="download"),
    path("board/", views.board, name="board"),
    path("board/generate/", views.generate_all, name="generate_all"),
    path("board/export.xlsx", views.board_xlsx, name="board_xlsx"),
    path("batches/", views.batches, name="batches"),
    path("batches/<int:pk>/", views.batch, name="batch"),
    path("batches/<int:pk>/export.xlsx", views.batch_xlsx, name="batch_xlsx"),
]
