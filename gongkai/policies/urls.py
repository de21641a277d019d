"""Workspace URLs of the policy library, mounted at /work/policies/."""

from django.urls import path

from . import views

app_name = "policies"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_new, name="new"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/relations/", views.relation_add, name="relation_add"),
    path("relations/<int:pk>/remove/", views.relation_remove, name="relation_remove"),
    path("proposals/<int:pk>/decide/", views.proposal_decide, name="proposal_decide"),
    path("proposals/<int:pk>/withdraw/", views.proposal_withdraw, name="proposal_withdraw"),
    path("<int:pk>/admin-basis/", views.admin_basis, name="admin_basis"),
    path("<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("extensions/<int:pk>/notice/", views.extension_notice, name="extension_notice"),
    path("interpretations/", views.interpretation_list, name="interpretations"),
    path("interpretations/new/", views.interpretation_new, name="interpretation_new"),
    path("interpretations/<int:pk>/edit/", views.interpretation_edit, name="interpretation_edit"),
    path("interpretations/<int:pk>/signoff/", views.interpretation_signoff, name="interpretation_signoff"),
    path("expiring/", views.expiring, name="expiring"),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/close/", views.campaign_close, name="campaign_close"),
    path("campaigns/items/<int:pk>/", views.campaign_item, name="campaign_item"),
    path("rates/", views.rates, name="rates"),
    path("rates.xlsx", views.rates_xlsx, name="rates_xlsx"),
    path("rules/", views.rules, name="rules"),
    path("questions/", views.question_list, name="questions"),
    path("questions/new/", views.question_form, name="question_new"),
    path("questions/<int:pk>/edit/", views.question_form, name="question_edit"),
    path("questions/<int:pk>/state/", views.question_state, name="question_state"),
    path("unanswered/", views.unanswered_list, name="unanswered"),
    path("unanswered/<int:pk>/", views.unanswered_handle, name="unanswered_handle"),
    path("services/", views.service_list, name="services"),
    path("services/new/", views.service_form, name="service_new"),
    path("services/<int:pk>/edit/", views.service_form, name="service_edit"),
    path("packages/", views.package_list, name="packages"),
    path("packages/new/", views.package_form, name="package_new"),
    path("packages/<int:pk>/edit/", views.package_form, name="package_edit"),
]
