from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Gongkai 系统管理"
admin.site.site_title = "Gongkai 系统管理"
# The Django admin is for system administrators only; everyone else works in the workspace.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser

# Error pages in Chinese, in the portal's or (under /work/) the workspace's look.
handler400 = "gongkai.common.error_pages.bad_request"
handler403 = "gongkai.common.error_pages.permission_denied"
handler404 = "gongkai.common.error_pages.page_not_found"
handler500 = "gongkai.common.error_pages.server_error"

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("", include("gongkai.publishing.public_urls")),
    path("zcwj/", include("gongkai.policies.public_urls")),
    path("", include("gongkai.reports.public_urls")),
    path("xxgk/zfgb/", include("gongkai.gazette.public_urls")),
    path("work/", include("gongkai.workspace.urls")),
    path("work/orgs/", include("gongkai.orgs.urls")),
    path("work/audit/", include("gongkai.audit.urls")),
    path("work/calendar/", include("gongkai.calendar.urls")),
    path("work/plans/", include("gongkai.workplan.urls")),
    path("work/policies/", include("gongkai.policies.urls")),
    path("work/publishing/", include("gongkai.publishing.urls")),
    path("work/foi/", include("gongkai.foi.urls")),
    path("work/participation/", include("gongkai.participation.urls")),
    path("work/reports/", include("gongkai.reports.urls")),
    path("work/messages/", include("gongkai.messages.urls")),
    path("work/sitecheck/", include("gongkai.sitecheck.urls")),
    path("work/gazette/", include("gongkai.gazette.urls")),
    path("work/errata/", include("gongkai.errata.urls")),
    path("work/registers/", include("gongkai.registers.urls")),
    path("work/assessment/", include("gongkai.assessment.urls")),
    path("work/jobs/", include("gongkai.jobs.urls")),
    path("ysqgk/", include("gongkai.foi.public_urls")),
    path("hdjl/liuyan/", include("gongkai.messages.public_urls")),
    path("hdjl/zhaocuo/", include("gongkai.errata.public_urls")),
    path("work/sentiment/", include("gongkai.sentiment.urls")),
    path("hdjl/hygq/", include("gongkai.sentiment.public_urls")),
    path("hdjl/", include("gongkai.participation.public_urls")),
    path("sysadmin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
