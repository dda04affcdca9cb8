"""Addresses printed on paper and the addresses templates use for files they embed.

Relative links in a printout resolve against the site's public address (SITE_URL, which
Wagtail also uses), so a link or QR code on paper opens the real site on a phone, whatever
host name the request that printed it came in on. Kept free of WeasyPrint so template tags
can use it without importing the renderer.
"""

from urllib.parse import quote, urljoin

from django.conf import settings


def print_base_url() -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://localhost"
    return base.rstrip("/") + "/"


def absolute_url(path_or_url: str) -> str:
    """An address a phone can open from paper: relative paths joined to the site's."""
    return urljoin(print_base_url(), path_or_url)


def storage_url(name: str) -> str:
    """The address a PDF template uses for a file the view allowed for this render."""
    return urljoin(print_base_url(), settings.MEDIA_URL) + quote(name)
