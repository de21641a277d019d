from django.urls import path

from . import views_staff as v

app_name = "foi"
urlpatterns = [
    path("", v.case_list, name="list"),
    path("export.xlsx", v.export, name="export"),
    path("new/", v.register, name="register"),
    path("<int:pk>/", v.case, name="case"),
    path("<int:pk>/act/<slug:action>/", v.act, name="act"),
    path("<int:pk>/files/<int:att_id>/", v.attachment, name="attachment"),
    path("<int:pk>/letters/<int:letter_id>/", v.letter, name="letter"),
    path("<int:pk>/letters/<int:letter_id>/docx/", v.letter_docx, name="letter_docx"),
    path("<int:pk>/letters/<int:letter_id>/pdf/", v.letter_pdf, name="letter_pdf"),
    path("stats/", v.dashboard, name="dashboard"),
    path("frequent/", v.frequent, name="frequent"),
    path("frequent/<int:topic_id>/status/", v.frequent_status, name="frequent_status"),
    path("notifications/", v.notifications, name="notifications"),
    path("templates/", v.templates, name="templates"),
    path("templates/<slug:kind>/", v.template_edit, name="template_edit"),
    path("settings/", v.policy, name="policy"),
    path("settings/units/<int:unit_id>/", v.unit_profile, name="unit_profile"),
]
