from django.urls import path

from . import campaign_views, views

app_name = "sitecheck"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("matrix.xlsx", views.matrix_xlsx, name="matrix_xlsx"),
    path("rules/", views.rules, name="rules"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("events/new/", views.event_new, name="event_new"),
    path("media/", views.accounts, name="accounts"),
    path("media/new/", views.account_new, name="account_new"),
    path("media/export.xlsx", views.accounts_xlsx, name="accounts_xlsx"),
    path("media/import/", views.accounts_import, name="accounts_import"),
    path("media/<int:pk>/", views.account, name="account"),
    path("media/<int:pk>/move/", views.account_move, name="account_move"),
    path("media/<int:pk>/update/", views.account_update, name="account_update"),
    path("inspections/", views.inspections, name="inspections"),
    path("inspections/start/", views.inspection_start, name="inspection_start"),
    path("inspections/<int:pk>/", views.inspection_run, name="run"),
    path("inspections/sites/new/", views.site_new, name="site_new"),
    path("tickets/", views.tickets, name="tickets"),
    path("tickets/<int:pk>/", views.ticket, name="ticket"),
    path("tickets/bulletin.docx", views.bulletin_docx, name="bulletin_docx"),
    path("campaigns/", campaign_views.campaigns, name="campaigns"),
    path("campaigns/<int:pk>/", campaign_views.campaign, name="campaign"),
    path("campaigns/<int:pk>/items/<int:item_id>/decide/", campaign_views.decide, name="zombie_decide"),
    path("campaigns/<int:pk>/close/", campaign_views.campaign_close, name="campaign_close"),
    path("campaigns/<int:pk>/export.xlsx", campaign_views.campaign_xlsx, name="campaign_xlsx"),
]
