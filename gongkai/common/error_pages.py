"""Error pages (错误页面) in Chinese, in the look of where the visitor was: the staff workspace for ``/work/`` URLs,
the public portal everywhere else. ``gongkai/urls.py`` names these as Django's ``handler400/403/404/500`` and
settings as ``CSRF_FAILURE_VIEW``.

A 500 is rendered without the request's context processors first trying the full page: when the database itself is
what failed, the navigation cannot be built, and a plain page in Chinese is served instead of a second error.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils.html import escape

logger = logging.getLogger(__name__)

PAGES = {
    400: (
        "请求有误",
        "浏览器发来的请求无法处理（地址或参数不完整、格式不对）。请检查网址，或返回上一页重新操作。",
    ),
    403: ("无权访问", "您没有权限查看或办理此页面的事项。如需办理，请联系本单位负责人或政务公开办。"),
    404: ("页面不存在", "您访问的页面不存在，或已被移除、更名。请检查网址，或从首页重新进入。"),
    500: ("系统出错了", "服务器处理请求时出错，我们已记录此问题。请稍后重试；如多次出现，请联系网站管理员。"),
}
CSRF_MESSAGE = "表单已过期或来源无法确认（可能停留过久或浏览器禁用了 Cookie）。请返回上一页，刷新后重新提交。"


def _in_workspace(request) -> bool:
    return request.path.startswith("/work/")


def _context(request, status: int, message: str = "") -> dict:
    title, text = PAGES[status]
    workspace = _in_workspace(request)
    return {
        "status": status,
        "title": title,
        "message": message or text,
        "base_template": "workspace/base.html" if workspace else "portal/base.html",
        "home_url": "/work/" if workspace else "/",
        "home_label": "返回工作台" if workspace else "返回首页",
        "page_title": title,
    }


def _render(request, status: int, message: str = "") -> HttpResponse:
    body = loader.render_to_string("errors/error.html", _context(request, status, message), request=request)
    return HttpResponse(body, status=status)


def _refusal(exception) -> str:
    """A PermissionDenied raised with a Chinese reason (``raise PermissionDenied("需要…岗位。")``) is shown."""
    text = str(exception or "")
    return text if text and any("\u4e00" <= ch <= "\u9fff" for ch in text) else ""


def bad_request(request, exception=None):
    return _render(request, 400)


def permission_denied(request, exception=None):
    return _render(request, 403, _refusal(exception))


def page_not_found(request, exception=None):
    return _render(request, 404)


def csrf_failure(request, reason=""):
    return _render(request, 403, CSRF_MESSAGE)


def server_error(request):
    try:
        return _render(request, 500)
    except Exception:  # the page's own context failed (database down …): a plain page, never a second error
        logger.exception("the 500 page could not be rendered in full")
        title, text = PAGES[500]
        body = (
            '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{title} - {escape(settings.GONGKAI_SITE_NAME)}</title>"
            '<link rel="stylesheet" href="/static/css/site.css"></head>'
            f'<body><main id="main" class="wrap"><h1>{title}</h1><p>{text}</p>'
            '<p><a href="/">返回首页</a></p></main></body></html>'
        )
        return HttpResponse(body, status=500)
