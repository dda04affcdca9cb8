"""Addresses printed on paper and the addresses templates use for files they embed.

A link or QR code on paper must open the site a teacher printed from, so relative links in
a printout resolve against the *print's site address*: SITE_URL when it is set, else the
scheme, host and port the print request came in on (Django has checked the host against
ALLOWED_HOSTS). A default such as http://127.0.0.1:8000 would print dead links on a site
served anywhere else (issue 16.7).

The render runs later in a background worker, which has no request: the print job keeps
the address (`PrintJob.site_url`) and the worker renders inside `printing_for(address)`.
Everything below reads it from there, so templates, blocks and layouts call
`absolute_url` without passing it along. Kept free of WeasyPrint so template tags can use
it without importing the renderer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import quote, urljoin

from django.conf import settings

# The site address of the print being rendered in this thread or task ("" outside one).
_print_site: ContextVar[str] = ContextVar("kyozai_print_site", default="")
FALLBACK_SITE_URL = "http://localhost"


def _with_slash(url: str) -> str:
    return url.rstrip("/") + "/"


def site_url_for(request) -> str:
    """The address to print for a print asked for by `request`: SITE_URL when it is set,
    else the scheme, host and port the request came in on."""
    configured = getattr(settings, "KYOZAI_SITE_URL", "")
    return _with_slash(configured or request.build_absolute_uri("/"))


@contextmanager
def printing_for(site_url: str) -> Iterator[None]:
    """Print (and compute print keys) for the site at `site_url`; "" means the settings'
    address (SITE_URL, WAGTAILADMIN_BASE_URL)."""
    token = _print_site.set(_with_slash(site_url) if site_url else "")
    try:
        yield
    finally:
        _print_site.reset(token)


def print_base_url() -> str:
    """The site address printouts link to, ending in "/"."""
    base = (
        _print_site.get()
        or getattr(settings, "KYOZAI_SITE_URL", "")
        or getattr(settings, "WAGTAILADMIN_BASE_URL", "")
        or FALLBACK_SITE_URL
    )
    return _with_slash(base)


def absolute_url(path_or_url: str) -> str:
    """An address a phone can open from paper: relative paths joined to the site's."""
    return urljoin(print_base_url(), path_or_url)


def storage_url(name: str) -> str:
    """The address a PDF template uses for a file the view allowed for this render."""
    return urljoin(print_base_url(), settings.MEDIA_URL) + quote(name)
