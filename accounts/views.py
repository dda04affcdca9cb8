"""Sign-up, profile and e-mail confirmation pages. Log-in, log-out and password reset are
Django's own views."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from . import email_confirmation
from .email_confirmation import Outcome
from .forms import ProfileForm, SignUpForm
from .groups import TEACHERS


def _link_sent(request, address: str) -> None:
    """The one answer to typing an address, whether or not another account has it."""
    messages.info(
        request,
        _(
            "We have sent a link to %(address)s. Open it while logged in to confirm the "
            "address; until then it is not used for password resets or invitations."
        )
        % {"address": address},
    )


def _next_page(request) -> str:
    """Where to go after signing up: `next` if it is a page of this site (an invitation
    link sends people here and wants them back), else the home page."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else "/"


@require_http_methods(["GET", "POST"])
def sign_up(request):
    """Create a teacher account, sign the new teacher straight in, and mail the link that
    confirms their address."""
    if request.user.is_authenticated:
        return redirect(_next_page(request))
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            teachers, _created = Group.objects.get_or_create(name=TEACHERS)
            user.groups.add(teachers)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        email_confirmation.ask_to_confirm(request, user, user.unconfirmed_email)
        messages.success(request, _("Welcome to Kyozai, %(name)s!") % {"name": user.shown_name})
        _link_sent(request, user.unconfirmed_email)
        return redirect(_next_page(request))
    return render(request, "accounts/sign_up.html", {"form": form, "next": _next_page(request)})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your profile is saved."))
        if form.address_to_confirm:
            email_confirmation.ask_to_confirm(request, user, form.address_to_confirm)
            _link_sent(request, form.address_to_confirm)
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_POST
def send_confirmation_again(request):
    address = request.user.unconfirmed_email
    if address:
        email_confirmation.ask_to_confirm(request, request.user, address)
        _link_sent(request, address)
    return redirect("accounts:profile")


CONFIRM_MESSAGES = {
    Outcome.STALE: gettext_lazy(
        "This link is for an address your account no longer waits to confirm. The address "
        "on your profile is the one that counts."
    ),
    Outcome.TAKEN: gettext_lazy(
        "Another account has confirmed this address already, so it cannot be yours too."
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def confirm_email(request, token: str):
    """GET shows what will be confirmed; POST confirms it. A link alone changes nothing
    (mail scanners open links), and only the account it names can use it."""
    found = email_confirmation.read_token(token)
    if found is None:
        return render(request, "accounts/confirm_email.html", {"problem": "invalid"}, status=400)
    user_id, address = found
    if user_id != request.user.pk:
        return render(
            request, "accounts/confirm_email.html", {"problem": "other_account"}, status=403
        )
    if request.method == "POST":
        outcome = email_confirmation.confirm(request.user, address)
        if outcome is Outcome.CONFIRMED:
            messages.success(
                request, _("Thank you: %(address)s is confirmed.") % {"address": address}
            )
        else:
            messages.error(request, CONFIRM_MESSAGES[outcome])
        return redirect("accounts:profile")
    return render(request, "accounts/confirm_email.html", {"address": address})
