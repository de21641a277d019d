from django.urls import path

from . import views

app_name = "gazette"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.issue, name="issue"),
    path("<int:pk>/add/", views.add, name="add"),
    path("<int:pk>/entries/<int:entry_id>/remove/", views.remove, name="remove"),
    path("<int:pk>/entries/<int:entry_id>/move/", views.move, name="move"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/distribute/", views.distribute, name="distribute"),
    path("<int:pk>/issue.pdf", views.pdf, name="pdf"),
]
