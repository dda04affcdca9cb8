"""Site-wide views that belong to no single app: error pages and the language switch."""

from django.conf import settings
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: whatever broke may be one of them.
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_GET
def switch_language(request, language: str):
    """Set the language cookie and go back to where the reader was.

    A plain link rather than Django's POST-only set_language form, so anonymous pages carry
    no CSRF token and can be served from the full-page cache. Switching language changes
    nothing a user owns, so there is nothing for a forged request to abuse.
    """
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
