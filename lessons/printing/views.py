"""Print views for lesson plans: the dialog, the PDF, a picture of page 1 and the print
pack. Printing changes nothing, so all are GET with options in the query string
(`?layout=team_teaching|ryakuan|saian&paper=A4|B4|LETTER&language=en|ja`).

Who may print: whoever may read the plan (lessons.services.access.get_plan) — owner,
editors, viewers, and any teacher for a published template. Everyone else, signed in or
not, gets 404 for every print URL, as for the plan itself. A bad option is a 400 with a
message; a plan over the size limits is a 400 saying which limit.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lessons.services.access import get_plan
from printing.cache import PdfKey, cached_pdf
from printing.limits import PrintTooLarge
from printing.preview import page_png
from printing.responses import back_to, pdf_response, png_response, print_error

from .forms import PlanPrintForm
from .layouts import TEAM_TEACHING, content_version, plan_print
from .packs import build_pack, render_plan

PREVIEW_WIDTH = 1000


# The team-teaching plan is the English one: its headings default to English, whatever
# language the site is shown in (a JTE may choose Japanese headings).
DEFAULT_LANGUAGE = "en"


def _form(request) -> PlanPrintForm:
    return PlanPrintForm(request.GET, default_language=DEFAULT_LANGUAGE)


def _key(plan, version: str, options: dict, what: str) -> PdfKey:
    return PdfKey(
        "lesson_plan",
        plan.pk,
        version,
        f"{options['layout']}{what}",
        options["paper"].code,
        options["language"],
    )


def plan_pdf_bytes(plan, options: dict, version: str | None = None) -> bytes:
    """The plan in one layout, from the cache when this version was printed before."""
    version = version or content_version(plan)
    return cached_pdf(
        _key(plan, version, options, ""),
        lambda: render_plan(
            plan_print(plan, options["layout"], options["language"]), options["paper"]
        ),
    )


def _filename(plan, options: dict, suffix: str = "") -> str:
    names = {"team_teaching": "team-teaching", "ryakuan": "略案", "saian": "細案"}
    return f"{plan.title} {names.get(options['layout'], '')}{suffix}"


def _error(request, plan, message: str, status: int = 400) -> HttpResponse:
    return print_error(
        request,
        message,
        [
            (reverse("lesson_printing:dialog", args=[plan.pk]), _("Back to the print options")),
            (reverse("lessons:plan", args=[plan.pk]), back_to(plan.title)),
        ],
        status=status,
    )


def _private(response):
    # A plan is private data: no shared cache may keep it.
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def print_dialog(request, plan_id: int):
    """Choose the layout, paper and language; see page 1; open the PDF or the pack."""
    plan, access = get_plan(request.user, plan_id)
    form = _form(request) if request.GET else PlanPrintForm(default_language=DEFAULT_LANGUAGE)
    valid = form.is_bound and form.is_valid()
    options = form.options() if valid else None
    query = {
        "layout": options["layout"] if options else TEAM_TEACHING,
        "paper": options["paper"].code if options else "A4",
        "language": options["language"] if options else "en",
    }
    if options and query["layout"] != TEAM_TEACHING:
        query["language"] = form.cleaned_data["language"]
    encoded = urlencode(query)
    status = 400 if form.is_bound and not valid else 200
    return render(
        request,
        "lessons/print_dialog.html",
        {
            "plan": plan,
            "access": access,
            "form": form,
            "preview_url": (
                reverse("lesson_printing:preview", args=[plan.pk]) + "?" + encoded
                if status == 200
                else ""
            ),
            "pdf_url": reverse("lesson_printing:pdf", args=[plan.pk]) + "?" + encoded,
            "pack_url": reverse("lesson_printing:pack", args=[plan.pk]) + "?" + encoded,
            "step_count": plan.steps.count(),
        },
        status=status,
    )


@require_GET
def plan_pdf(request, plan_id: int):
    plan, _access = get_plan(request.user, plan_id)
    form = _form(request)
    if not form.is_valid():
        return _error(request, plan, form.first_error())
    options = form.options()
    try:
        pdf = plan_pdf_bytes(plan, options)
    except PrintTooLarge as error:
        return _error(request, plan, str(error))
    response = pdf_response(
        pdf, _filename(plan, options), download=request.GET.get("download") == "1"
    )
    return _private(response)


@require_GET
def plan_preview(request, plan_id: int):
    """A PNG of page 1 for the dialog, cached like the PDF."""
    plan, _access = get_plan(request.user, plan_id)
    form = _form(request)
    if not form.is_valid():
        return _error(request, plan, form.first_error())
    options = form.options()
    version = content_version(plan)
    try:
        png = cached_pdf(
            _key(plan, version, options, "_preview"),
            lambda: page_png(plan_pdf_bytes(plan, options, version), width_px=PREVIEW_WIDTH),
        )
    except PrintTooLarge as error:
        return _error(request, plan, str(error))
    return _private(png_response(png))


@require_GET
def plan_pack(request, plan_id: int):
    """The plan followed by every linked material's PDF files, with bookmarks."""
    plan, _access = get_plan(request.user, plan_id)
    form = _form(request)
    if not form.is_valid():
        return _error(request, plan, form.first_error())
    options = form.options()

    def assemble() -> bytes:
        printout = plan_print(plan, options["layout"], options["language"])
        return build_pack(printout, options["paper"]).pdf

    try:
        pdf = cached_pdf(_key(plan, content_version(plan), options, "_pack"), assemble)
    except PrintTooLarge as error:
        return _error(request, plan, str(error))
    response = pdf_response(
        pdf, _filename(plan, options, " pack"), download=request.GET.get("download") == "1"
    )
    return _private(response)
