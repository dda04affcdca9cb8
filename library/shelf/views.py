"""A teacher's shelf: "Save" a library page and "I used this in class", and the Saved list.

Library pages are the same HTML for every visitor, so they can be cached whole. The
per-user buttons are therefore a fragment htmx loads after the page (`hx-trigger="load"`);
the page itself only holds a link to it. Without JavaScript that link opens the fragment
as a small page of its own, whose forms POST and come back: everything works unscripted.

The "used in class" count lives in the fragment, not in the page: it changes on every
toggle, and keeping it out of the page means a cached page never goes stale and never
needs purging when a teacher clicks.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.paging import page_of
from library.listing import PAGE_SIZE
from library.models import ClassUse, LibraryPage, SavedMaterial, Viewer

# Each shelf mark: the model recording it, and what the teacher is told without htmx.
MARKS: dict[str, type[models.Model]] = {"save": SavedMaterial, "used": ClassUse}
STATES = {"on": True, "off": False}


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def visible_page_or_404(request: HttpRequest, page_id: int) -> LibraryPage:
    """Only pages this person may read can be shelved: drafts, unpublished pages and pages
    private to others are "not found", the answer a reader of the page itself would get."""
    return get_object_or_404(LibraryPage.objects.visible_to(Viewer.of_request(request)), pk=page_id)


def shelf_context(request: HttpRequest, page: LibraryPage) -> dict:
    user = request.user
    mine = {"save": False, "used": False}
    if user.is_authenticated:
        mine["save"] = SavedMaterial.objects.filter(user=user, page=page).exists()
        mine["used"] = ClassUse.objects.filter(user=user, page=page).exists()
    page_url = page.get_url(request) or "/"
    return {
        "page": page,
        "page_url": page_url,
        "login_url": f"{reverse('accounts:login')}?{urlencode({'next': page_url})}",
        "saved": mine["save"],
        "used": mine["used"],
        "used_count": ClassUse.objects.filter(page=page).count(),
    }


def render_buttons(request: HttpRequest, page: LibraryPage, status: int = 200) -> HttpResponse:
    template = "library/shelf/buttons.html" if is_htmx(request) else "library/shelf/page.html"
    response = render(request, template, shelf_context(request, page), status=status)
    # One URL, two shapes (fragment or page), and never the same for two users.
    patch_vary_headers(response, ["HX-Request", "Cookie"])
    add_never_cache_headers(response)
    return response


@require_GET
def buttons(request: HttpRequest, page_id: int) -> HttpResponse:
    return render_buttons(request, visible_page_or_404(request, page_id))


@require_POST
def toggle(request: HttpRequest, page_id: int, mark: str) -> HttpResponse:
    """Set or clear one mark. The form says which state it wants (`state=on|off`), so a
    double click or a resent form lands where the teacher meant, not back where it began;
    without `state` the mark flips."""
    page = visible_page_or_404(request, page_id)
    if not request.user.is_authenticated:
        login = redirect_to_login(page.get_url(request))
        if is_htmx(request):
            # A redirect would be followed inside the fragment; send the whole tab instead.
            return HttpResponse(status=204, headers={"HX-Redirect": login["Location"]})
        return login
    model = MARKS[mark]
    records = model.objects.filter(user=request.user, page=page)
    wanted = request.POST.get("state")
    if wanted is None:
        turn_on = not records.exists()
    elif wanted in STATES:
        turn_on = STATES[wanted]
    else:
        return HttpResponseBadRequest(_("Unknown state: use “on” or “off”."))
    if turn_on:
        model.objects.get_or_create(user=request.user, page=page)
    else:
        records.delete()

    if is_htmx(request):
        return render_buttons(request, page)
    messages.success(request, confirmation(mark, turn_on))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = page.get_url(request) or "/"
    return redirect(next_url)


def confirmation(mark: str, turned_on: bool) -> str:
    if mark == "save":
        return _("Saved to your shelf.") if turned_on else _("Removed from your saved materials.")
    return _("Marked as used in class. Thank you!") if turned_on else _("No longer marked as used.")


@login_required
@require_GET
def saved(request: HttpRequest) -> HttpResponse:
    """The teacher's saved materials, most recently saved first. Pages unpublished since
    they were saved, or made private to others since, drop out of the list rather than
    leading to a "not found"."""
    mine = SavedMaterial.objects.filter(user=request.user)
    pages = (
        LibraryPage.objects.visible_to(Viewer.of_request(request))
        .filter(pk__in=mine.values("page_id"))
        .annotate(saved_at=Subquery(mine.filter(page=OuterRef("pk")).values("saved_at")[:1]))
        .order_by("-saved_at", "-pk")
    )
    listing = page_of(Paginator(pages.with_card_data(), PAGE_SIZE), request.GET.get("page"))
    return render(request, "library/shelf/saved.html", {"saved_pages": listing})
