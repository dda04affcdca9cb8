"""What a browser on one of the builder's pages holds: a CSRF cookie and the token the page
sends back in the X-CSRFToken header."""

from django.http import HttpRequest
from django.middleware.csrf import get_token


def csrf_pair() -> tuple[str, str]:
    """(cookie value, header value), made by Django itself so they match."""
    request = HttpRequest()
    token = get_token(request)
    return request.META["CSRF_COOKIE"], token
