"""What a refused log-in attempt is told: wait N seconds, with 429 and Retry-After."""

from django import forms
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext

from .handler import RETRY_AFTER

# Set on the request by a log-in form that showed the refusal itself (LimitedLogInFormMixin).
SHOWN = "kyozai_login_refusal_shown"


def refusal_message(seconds: int) -> str:
    if seconds >= 120:
        minutes = (seconds + 59) // 60
        wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    else:
        wait = ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    return gettext(
        "Too many failed log-ins. Please wait %(wait)s and try again, or reset your password."
    ) % {"wait": wait}


class LimitedLogInFormMixin:
    """For an AuthenticationForm: when the log-in limits refused the attempt, say how long to
    wait instead of "wrong username or password" (no password was checked)."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            seconds = getattr(self.request, RETRY_AFTER, None)
            if not seconds:
                raise
            setattr(self.request, SHOWN, True)
            raise forms.ValidationError(
                refusal_message(seconds), code="too_many_failures"
            ) from None


def refusal_response(request, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: 429 with Retry-After. A log-in form that already explains the
    wait is kept (the teacher sees the form, their username still typed); any other log-in
    view gets a page that says it."""
    seconds = getattr(request, RETRY_AFTER, None) or 1
    if isinstance(original_response, HttpResponse) and getattr(request, SHOWN, False):
        response = original_response
        response.status_code = 429
    else:
        response = TemplateResponse(
            request,
            "accounts/login_refused.html",
            {"message": refusal_message(seconds)},
            status=429,
        ).render()
    response["Retry-After"] = str(seconds)
    return response
