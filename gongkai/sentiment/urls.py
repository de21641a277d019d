from django.urls import path

from . import views

app_name = "sentiment"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.register, name="register"),
    path("ledger.xlsx", views.ledger, name="ledger"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/assess/", views.assess, name="assess"),
    path("<int:pk>/units/", views.set_units, name="units"),
    path("<int:pk>/respond/", views.respond, name="respond"),
    path("<int:pk>/commit/", views.commit, name="commit"),
    path("<int:pk>/screenshots/", views.add_screenshots, name="screenshots"),
    path("<int:pk>/screenshots/<int:shot_pk>/", views.screenshot, name="screenshot"),
    path("<int:pk>/finish/", views.finish, name="finish"),
    path("<int:pk>/close/", views.close, name="close"),
    path("commitments/", views.commitments, name="commitments"),
    path("commitments/<int:pk>/fulfil/", views.fulfil, name="fulfil"),
    path("commitments/<int:pk>/link/", views.link_result, name="link"),
    path("commitments/<int:pk>/evidence/", views.evidence, name="evidence"),
    path("checks/", views.rounds, name="rounds"),
    path("checks/<int:pk>/", views.round_detail, name="round"),
    path("checks/<int:pk>/mark/<int:check_pk>/", views.mark, name="mark"),
    path("checks/<int:pk>/close/", views.close_round, name="close_round"),
]
