"""The private calendar feed: the subscribe page (its address, "make a new address") and
the feed itself, opened by calendar apps without a session — the signed token in the
address is the only key (lessons/calendar/feed_tokens.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from printing.links import site_url_for

from ..feed import build_feed
from ..feed_tokens import feed_for, make_token, renew, user_for_token


def feed_address(request, feed) -> str:
    path = reverse("calendar:feed", args=[make_token(feed)])
    return site_url_for(request).rstrip("/") + path


@login_required
@require_GET
def subscribe(request):
    feed = feed_for(request.user)
    address = feed_address(request, feed)
    return render(
        request,
        "lessons/calendar/subscribe.html",
        {"address": address, "webcal": "webcal://" + address.split("://", 1)[-1]},
    )


@login_required
@require_POST
def renew_address(request):
    renew(request.user)
    messages.success(request, _("Your calendar has a new address. The old one no longer works."))
    return redirect(reverse("calendar:subscribe"))


@require_GET
def feed(request, token):
    user = user_for_token(token)
    if user is None:
        raise Http404("No such calendar.")
    response = HttpResponse(
        build_feed(user, site_url_for(request)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="kyozai.ics"'
    # The address is the secret: keep it out of shared caches (the site's Referrer-Policy,
    # same-origin, already keeps it from other sites).
    response["Cache-Control"] = "private, no-store"
    return response
