"""The same limits for Wagtail's privacy passwords: an editor may protect a page or a
collection of documents with a shared password, and Wagtail checks it in two small views
that never call authenticate(), so axes never sees them. The restriction stands in for the
account: a guesser at one address waits after a few tries, other visitors do not.
"""

from django.utils import timezone

from . import records
from .handler import RETRY_AFTER
from .identity import client_address
from .policy import wait_seconds
from .refusal import refusal_response

# Wagtail's URL names for the password forms, and the view argument naming the restriction.
PASSWORD_VIEWS = {
    "wagtailcore_authenticate_with_password": "page_view_restriction_id",
    "wagtaildocs_authenticate_with_password": "restriction_id",
}
CHECKED = "kyozai_privacy_password_checked"


class PrivacyPasswordLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        checked = getattr(request, CHECKED, None)
        if checked is not None:
            subject, address = checked
            if response.status_code in (301, 302, 303):  # Wagtail lets the visitor through
                records.forget_account_from_address(subject, address)
            elif response.status_code == 200:  # the form again: a wrong password
                records.record_failure(subject, address, timezone.now())
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        argument = PASSWORD_VIEWS.get(match.url_name if match else None)
        if request.method != "POST" or argument is None:
            return None
        subject = f"{match.url_name}:{view_kwargs.get(argument)}"
        address = client_address(request)
        now = timezone.now()
        wait = wait_seconds(records.counts_for(subject, address, now), now)
        if wait:
            setattr(request, RETRY_AFTER, wait)
            return refusal_response(request)
        setattr(request, CHECKED, (subject, address))
        return None
