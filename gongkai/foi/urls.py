from django.urls import path

from . import views

app_name = "foi"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("export.xlsx", views.export, name="export"),
    path("new/", views.register, name="register"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/act/<slug:action>/", views.act, name="act"),
    path("<int:pk>/files/<int:att_id>/", views.attachment, name="attachment"),
    path("<int:pk>/letters/<int:letter_id>/", views.letter, name="letter"),
    path("<int:pk>/letters/<int:letter_id>/docx/", views.letter_docx, name="letter_docx"),
    path("<int:pk>/letters/<int:letter_id>/pdf/", views.letter_pdf, name="letter_pdf"),
    path("stats/", views.dashboard, name="dashboard"),
    path("subjects/", views.subjects, name="subjects"),
    path("appeals/", views.appeals, name="appeals"),
    path("appeals/notice.docx", views.appeals_notice, name="appeals_notice"),
    path("frequent/", views.frequent, name="frequent"),
    path("frequent/<int:topic_id>/status/", views.frequent_status, name="frequent_status"),
    path("notifications/", views.notifications, name="notifications"),
    path("templates/", views.templates, name="templates"),
    path("templates/<slug:kind>/", views.template_edit, name="template_edit"),
    path("settings/", views.policy, name="policy"),
    path("settings/units/<int:unit_id>/", views.unit_profile, name="unit_profile"),
]
