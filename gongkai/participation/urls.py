from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("", views.index, name="index"),
    path("consultations/new/", views.consultation_new, name="consultation_new"),
    path("consultations/<int:pk>/", views.consultation, name="consultation"),
    path("consultations/<int:pk>/edit/", views.consultation_edit, name="consultation_edit"),
    path("consultations/<int:pk>/final-document/", views.final_document, name="final_document"),
    path("consultations/<int:pk>/record/", views.opinion_record, name="opinion_record"),
    path("consultations/<int:pk>/final/", views.final, name="final"),
    path("consultations/<int:pk>/feedback/publish/", views.feedback_publish, name="feedback_publish"),
    path("consultations/<int:pk>/feedback.docx", views.feedback_file, {"fmt": "docx"}, name="feedback_docx"),
    path("consultations/<int:pk>/feedback.pdf", views.feedback_file, {"fmt": "pdf"}, name="feedback_pdf"),
    path("consultations/<int:pk>/opinions/<int:op_pk>/decide/", views.opinion_decide, name="opinion_decide"),
    path("consultations/<int:pk>/opinions/<int:op_pk>/hide/", views.opinion_hide, name="opinion_hide"),
    path("consultations/<int:pk>/opinions/<int:op_pk>/merge/", views.opinion_merge, name="opinion_merge"),
    path("catalogs/", views.catalogs, name="catalogs"),
    path("catalogs/<int:pk>/", views.catalog, name="catalog"),
    path("catalogs/<int:pk>/publish/", views.catalog_publish, name="catalog_publish"),
    path("catalogs/<int:pk>/export.xlsx", views.catalog_xlsx, name="catalog_xlsx"),
    path("decisions/<int:pk>/", views.decision, name="decision"),
    path("decisions/<int:pk>/adjust/", views.decision_adjust, name="decision_adjust"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:pk>/sessions/new/", views.session_new, name="session_new"),
    path("meetings/new/", views.meeting_new, name="meeting_new"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("sessions/<int:pk>/signups.xlsx", views.signups_xlsx, name="signups_xlsx"),
    path("sessions/<int:pk>/checkin/", views.session_action, {"what": "checkin"}, name="session_checkin"),
    path("sessions/<int:pk>/cancel/", views.session_action, {"what": "cancel"}, name="session_cancel"),
    path(
        "sessions/<int:pk>/suggestion/",
        views.session_action,
        {"what": "suggestion"},
        name="session_suggestion",
    ),
    path("sessions/<int:pk>/respond/", views.session_action, {"what": "respond"}, name="session_respond"),
    path("sessions/<int:pk>/result/", views.session_action, {"what": "result"}, name="session_result"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/select/", views.meeting_action, {"what": "select"}, name="meeting_select"),
    path("meetings/<int:pk>/poll/", views.meeting_action, {"what": "poll"}, name="meeting_poll"),
    path("meetings/<int:pk>/opinion/", views.meeting_action, {"what": "opinion"}, name="meeting_opinion"),
    path("meetings/<int:pk>/respond/", views.meeting_action, {"what": "respond"}, name="meeting_respond"),
    path("meetings/<int:pk>/publish/", views.meeting_action, {"what": "publish"}, name="meeting_publish"),
]
