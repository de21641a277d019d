"""Public URLs of active disclosure, mounted at the site root."""

from django.urls import path

from . import public_views as views

app_name = "info"
urlpatterns = [
    path("xxgk/info/", views.info_list, name="list"),
    path("xxgk/info/search/", views.info_search, name="search"),
    path("xxgk/info/<int:pk>/", views.info_detail, name="detail"),
    path("xxgk/info/<int:pk>/print/", views.info_print, name="print"),
    path("xxgk/info/<int:pk>/files/<int:att_id>/", views.info_attachment, name="attachment"),
    path("xxgk/ml/", views.catalog_units, name="catalog_units"),
    path("xxgk/ml/<int:unit_id>/", views.catalog_unit, name="catalog_unit"),
    path("xxgk/rss/<int:node_id>.xml", views.node_feed, name="rss"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<str:section>-<int:page>.xml", views.sitemap_section, name="sitemap_section"),
]
