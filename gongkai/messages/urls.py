from django.urls import path

from . import views

app_name = "messages"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("channels/", views.channels, name="channels"),
    path("channels/<int:pk>/", views.channel_edit, name="channel_edit"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/dispatch/", views.dispatch, name="dispatch"),
    path("<int:pk>/transfer/", views.transfer, name="transfer"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/invalid/", views.invalid, name="invalid"),
    path("<int:pk>/extension/", views.extension, name="extension"),
    path("<int:pk>/extension/<int:ext_pk>/decide/", views.extension_decide, name="extension_decide"),
    path("<int:pk>/draft/", views.draft, name="draft"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("<int:pk>/policy-question/", views.policy_question, name="policy_question"),
    path("<int:pk>/follow-up/", views.follow_up_answer, name="follow_up_answer"),
]

urlpatterns += [
    path("hotline/", views.hotline_index, name="hotline_index"),
    path("hotline/<int:pk>/", views.hotline_detail, name="hotline_detail"),
    path("hotline/<int:pk>/mapping/", views.hotline_mapping, name="hotline_mapping"),
    path("hotline/<int:pk>/import/", views.hotline_import, name="hotline_import"),
    path("hotline/<int:pk>/export.xlsx", views.hotline_export, name="hotline_export"),
]
