"""Top-level URL map. Wagtail's page tree is last: it answers every path nobody else took."""

from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .api import api, no_such_endpoint

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("calendar/", include("lessons.calendar.urls")),
    path("lessons/", include("lessons.printing.urls")),
    path("lessons/", include("lessons.urls")),
    path("schools/", include("schools.urls")),
    path("search/", include("search.urls")),
    path("share/", include("library.sharing.urls")),
    path("shelf/", include("library.shelf.urls")),
    path("units/", include("library.units.urls")),
    path("previews/", include("library.previews.urls")),
    path("print/library/", include("library.printing.urls")),
    path("print/jobs/", include("printing.urls")),
    path("api/v1/", api.urls),
    # Only addresses ending in "/", so that APPEND_SLASH still sends /api/v1/search there;
    # [\s\S] because a path segment may hold any character, a newline too.
    re_path(r"^api/(?P<rest>[\s\S]*/)\Z", no_such_endpoint),
    path("language/<str:language>/", views.switch_language, name="switch_language"),
    # Uploaded files, in every mode, each checked against the pages that show it.
    path("", include("library.serving.urls")),
]

urlpatterns.append(path("", include(wagtail_urls)))

handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
