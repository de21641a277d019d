"""Staff URLs, mounted at /work/publishing/."""

from django.urls import path

from . import views

app_name = "publishing"
urlpatterns = [
    path("", views.publication_list, name="list"),
    path("new/", views.create, name="create"),
    path("import/", views.import_docx, name="import_docx"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/attachments/", views.upload, name="upload"),
    path("<int:pk>/attachments/<int:att_id>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/attachments/<int:att_id>/delete/", views.attachment_delete, name="attachment_delete"),
    path("<int:pk>/attachments/<int:att_id>/replace/", views.attachment_replace, name="attachment_replace"),
    path("<int:pk>/scan/", views.scan, name="scan"),
    path("<int:pk>/mask/", views.mask, name="mask"),
    path("<int:pk>/findings/<int:finding_id>/", views.finding_resolve, name="finding_resolve"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/reviews/<int:review_id>/sheet.<str:fmt>", views.review_sheet, name="review_sheet"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/schedule/", views.schedule, name="schedule"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/lifecycle/", views.lifecycle, name="lifecycle"),
    path("timeliness/", views.timeliness, name="timeliness"),
    path("cleanup/", views.cleanup, name="cleanup"),
    path("rescan/", views.rescan, name="rescan"),
    path("rescan/<int:pk>/", views.rescan_report, name="rescan_report"),
    path("catalog/", views.catalog, name="catalog"),
    path("catalog/export/", views.catalog_export, name="catalog_export"),
    path("catalog/import/", views.catalog_import, name="catalog_import"),
    path("catalog/nodes/new/", views.catalog_node_create, name="catalog_node_create"),
    path("catalog/nodes/<int:pk>/", views.catalog_node_edit, name="catalog_node_edit"),
    path("terms/", views.terms, name="terms"),
    path("terms/<int:pk>/", views.term_edit, name="term_edit"),
]
