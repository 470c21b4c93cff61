from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.health import healthz
from reviews.desk import preferences

handler500 = "config.outages.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # /api/
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("reviews.api.urls")),
    path("api/v1/public/", include("reviews.public.urls")),
    # the reader's language and preferences
    path("i18n/setlang/", preferences.language_set, name="set_language"),
    path("preferences/", preferences.preferences_view, name="preferences"),
    # public pages (no login), then the desk
    path("", include("reviews.public.pages_urls")),
    path("", include("reviews.desk.urls")),
]
