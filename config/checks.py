"""System checks for the site as a whole (registered by config/apps.py).

Warnings, not errors: the site runs without what they ask for, and `manage.py check
--deploy --fail-level WARNING` (CI) still refuses to ship it that way by accident.
"""

from django.conf import settings
from django.core.checks import Warning, register


@register("mail", deploy=True)
def check_mail_is_sent(app_configs=None, **kwargs) -> list[Warning]:
    """Without EMAIL_URL, production prints mail instead of sending it (see the README):
    fine for a trial, but nobody receives a password reset or an invitation."""
    if getattr(settings, "EMAIL_URL", ""):
        return []
    return [
        Warning(
            "EMAIL_URL is not set: e-mail (password resets, invitations) is printed to "
            "the log instead of being sent.",
            hint="Set EMAIL_URL=smtp://user:password@mail.example.org:587 (or smtps://…:465).",
            id="kyozai.W001",
        )
    ]
