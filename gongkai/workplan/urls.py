from django.urls import path

from . import views

app_name = "workplan"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("import/", views.import_plan, name="import"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/assign/", views.assign_name, name="assign"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/ledger.xlsx", views.export_xlsx, name="xlsx"),
    path("<int:pk>/bulletin.docx", views.bulletin_docx, name="bulletin"),
    path("<int:pk>/compare/", views.compare, name="compare"),
    path("<int:pk>/carry/", views.carry, name="carry"),
    path("items/<int:pk>/units/", views.item_units, name="item_units"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/progress/", views.task_progress, name="progress"),
    path("tasks/<int:pk>/done/", views.task_done, name="done"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
]
