"""Remember a teacher's language choice when they log in."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

SESSION_LANGUAGE_KEY = "kyozai_language"


@receiver(user_logged_in)
def use_preferred_language(sender, request, user, **kwargs) -> None:
    """Store the user's preferred language so PreferredLanguageMiddleware can apply it.

    The language cookie, once the user flips the switch, still wins: the switch is the
    more recent and more explicit choice.
    """
    if request is not None and getattr(user, "preferred_language", ""):
        request.session[SESSION_LANGUAGE_KEY] = user.preferred_language
