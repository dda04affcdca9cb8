"""Which requests may be answered from the cache, and which responses may be stored.

Both lists err on the side of not caching: a page that is not cached is only slower, a
page cached wrongly shows one person's page to another.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re

# Views whose pages are the same for every anonymous visitor.
CACHEABLE_VIEWS = {"wagtail_serve", "search:page"}
# Never looked up: signed-in areas, uploads, the API, the admin (and Wagtail's preview).
SKIPPED_PREFIXES = (
    "/admin/",
    "/accounts/",
    "/lessons/",
    "/share/",
    "/shelf/",
    "/api/",
    "/documents/",
    "/print/",
    "/language/",
    "/static/",
    "/media/",
    "/previews/",
    "/_util/",
)
# Request headers a response may vary on: the key already covers them (language, the
# anonymous cookie state, htmx).
COVERED_VARY = {"accept-language", "cookie", "hx-request"}
REFUSED_CACHE_CONTROL = {"private", "no-store", "no-cache"}


def session_is_empty(request: HttpRequest) -> bool:
    """A session holding anything (a signed-in user, messages, a page password) makes the
    visitor someone in particular. Without a session cookie this reads no database."""
    session = getattr(request, "session", None)
    return session is None or not session.keys()


def is_anonymous_visitor(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated) and session_is_empty(request)


def may_use_cache(request: HttpRequest) -> bool:
    """Whether to look this request up (and maybe store its answer)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(SKIPPED_PREFIXES):
        return False
    if getattr(request, "is_dummy", False) or getattr(request, "is_preview", False):
        return False
    return is_anonymous_visitor(request) and not _has_messages(request)


def may_store(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether this response is the same page any anonymous visitor would get."""
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and match is not None
        and match.view_name in CACHEABLE_VIEWS
        and not getattr(request, "is_preview", False)
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and b"csrfmiddlewaretoken" not in response.content
        and not _cache_control_refuses(response)
        and _vary_is_covered(response)
        and is_anonymous_visitor(request)
        and not _messages_were_shown(request)
    )


def _has_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _messages_were_shown(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and (storage.used or len(storage) > 0)


def _cache_control_refuses(response: HttpResponse) -> bool:
    directives = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.headers.get("Cache-Control", ""))
    }
    return bool(directives & REFUSED_CACHE_CONTROL)


def _vary_is_covered(response: HttpResponse) -> bool:
    vary = {part.strip().lower() for part in cc_delim_re.split(response.headers.get("Vary", ""))}
    vary.discard("")
    return vary <= COVERED_VARY
