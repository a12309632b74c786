from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from danchu.api.urls import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("bao-cao/", include("danchu.reports.urls")),
    path("dot-bao-cao/", include("danchu.collection.urls")),
    path("so/", include("danchu.registers.urls")),
    path("danh-muc/", include("danchu.catalog.urls")),
    path("", include("danchu.web.urls")),
    prefix_default_language=False,
)
