app_name = "sitecheck"

urlpatterns: list = []
