from django.urls import path

from . import public_views as views

app_name = "hd"

urlpatterns = [
    path("", views.index, name="index"),
    path("yjzj/", views.consultations, name="consultations"),
    path("yjzj/chaxun/", views.track, name="track"),
    path("yjzj/<int:pk>/", views.consultation, name="consultation"),
    path("yjzj/<int:pk>/fankui/", views.feedback, name="feedback"),
    path("yjzj/<int:pk>/fankui.docx", views.feedback_file, {"fmt": "docx"}, name="feedback_docx"),
    path("yjzj/<int:pk>/fankui.pdf", views.feedback_file, {"fmt": "pdf"}, name="feedback_pdf"),
    path("jcml/", views.catalogs, name="catalogs"),
    path("jcml/<int:pk>/", views.catalog, name="catalog"),
    path("jcml/<int:pk>/ml.xlsx", views.catalog_xlsx, name="catalog_xlsx"),
    path("kfr/", views.open_days, name="open_days"),
    path("kfr/<int:pk>/", views.session, name="session"),
    path("kfr/<int:pk>/quxiao/", views.session_cancel, name="session_cancel"),
    path("toupiao/<int:pk>/", views.vote, name="vote"),
    path("lxhy/", views.meetings, name="meetings"),
    path("lxhy/<int:pk>/", views.meeting, name="meeting"),
]
