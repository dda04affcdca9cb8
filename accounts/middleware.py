"""Speak to a signed-in teacher in their preferred language unless they chose otherwise."""

from django.conf import settings
from django.utils import translation

from .signals import SESSION_LANGUAGE_KEY


class PreferredLanguageMiddleware:
    """Runs after LocaleMiddleware: the language cookie (set by the switch) always wins;
    without it, a signed-in user's profile language replaces the browser's guess."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            language = (
                request.session.get(SESSION_LANGUAGE_KEY) if hasattr(request, "session") else None
            )
            if language in dict(settings.LANGUAGES):
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
