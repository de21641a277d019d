from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("xxgk/", views.xxgk_index, name="xxgk"),
    path("xxgk/zhinan/", views.zhinan_index, name="zhinan"),
    path("xxgk/zhinan/<int:unit_id>/", views.zhinan_unit, name="zhinan_unit"),
    path("xxgk/jgzn/", views.jgzn_index, name="jgzn"),
    path("xxgk/jgzn/<int:unit_id>/", views.jgzn_unit, name="jgzn_unit"),
    path("xxgk/ldxx/", views.ldxx, name="ldxx"),
    path("xxgk/zhidu/", views.zhidu, name="zhidu"),
    path("xxgk/fdzdgk/", views.fdzdgk, name="fdzdgk"),
    path("xxgk/nianbao/", views.nianbao, name="nianbao"),
    path("a11y/elderly/", views.toggle_elderly, name="toggle_elderly"),
    path("healthz", views.healthz, name="healthz"),
]
