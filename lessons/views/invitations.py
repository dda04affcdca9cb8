"""The page an invitation link opens: who invites you to what, and the button to join.

GET shows the invitation and changes nothing (mail scanners open links); POST, signed in,
accepts it. Signed out, the page offers log-in and sign-up, both coming back here.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lessons.services import invitations
from lessons.services.invitations import Outcome

from .helpers import editor_url

REFUSALS = {
    Outcome.WRONG_ACCOUNT: (
        403,
        gettext_lazy(
            "This invitation is for %(address)s, and the account you are logged in with has "
            "not confirmed that address. Log in with the account that has it, or add the "
            "address to your profile and confirm it, then open the link again."
        ),
    ),
    Outcome.TAKEN: (
        403,
        gettext_lazy(
            "Another account has confirmed %(address)s. Log in with that account to accept."
        ),
    ),
    Outcome.FULL: (
        409,
        gettext_lazy("The plan has as many co-planners as it can have. Ask its owner."),
    ),
}


def _page(request, invitation, status=200, problem=""):
    context = {"invitation": invitation, "problem": problem}
    if invitation is not None:
        here = request.get_full_path()
        context["sign_up_url"] = reverse("accounts:sign_up") + "?" + urlencode({"next": here})
        context["log_in_url"] = reverse("accounts:login") + "?" + urlencode({"next": here})
        context["holds_address"] = request.user.is_authenticated and invitation.address in {
            request.user.email.strip().lower(),
            request.user.unconfirmed_email.strip().lower(),
        }
    return render(request, "lessons/invitation.html", context, status=status)


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    found = invitations.find(token)
    if found is None:
        return _page(request, None, status=404)
    if request.method == "GET":
        return _page(request, found)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    outcome = invitations.accept(found, request.user)
    if outcome is Outcome.GONE:
        return _page(request, None, status=404)
    if outcome in REFUSALS:
        status, message = REFUSALS[outcome]
        return _page(
            request, found, status=status, problem=message % {"address": found.masked_address}
        )
    if outcome is Outcome.JOINED:
        messages.success(request, _("Welcome to “%(title)s”.") % {"title": found.plan.title})
    else:
        messages.info(request, _("You are on “%(title)s” already.") % {"title": found.plan.title})
    return redirect(editor_url(found.plan))
