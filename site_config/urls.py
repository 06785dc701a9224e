from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import TemplateView

from education.clinics.views import infobutton
from education.pictures import serve as serve_picture
from education.sitemaps import sitemaps
from site_config.health import healthz

handler400 = "site_config.errors.bad_request"
handler403 = "site_config.errors.permission_denied"
handler404 = "site_config.errors.page_not_found"

admin.site.site_header = f"{settings.SITE_NAME} staff"
admin.site.site_title = f"{settings.SITE_NAME} staff"
admin.site.index_title = "Content"

# The patient's pages, in English with no prefix and in Spanish under /es/.
urlpatterns = i18n_patterns(
    path("", include("education.urls")),
    path("self-check/", include("triage.urls")),
    path("embed/self-check/", include("triage.embed_urls", namespace="triage-embed")),
    prefix_default_language=False,
)
urlpatterns += [
    path("api/v1/", include("triage.api_urls")),
    path("api/v1/", include("education.api_urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Health records link here by the HL7 Infobutton standard, in whichever language the record asks for.
    path("infobutton/", infobutton, name="infobutton"),
    path("media/<path:name>", serve_picture, name="picture"),
    # Browsers ask for /favicon.ico on pages that name no icon, such as the admin's.
    path("favicon.ico", lambda request: redirect(static("favicon.svg"))),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]
