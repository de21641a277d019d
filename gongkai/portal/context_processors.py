from django.conf import settings

ELDERLY_COOKIE = "gk_elderly"


def site(request):
    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "site_icp": settings.GONGKAI_SITE_ICP,
        "site_code": settings.GONGKAI_SITE_CODE,
        # Server-side so the larger type is there on first paint, without a flash or a script.
        "elderly_mode": request.COOKIES.get(ELDERLY_COOKIE) == "1",
    }
