"""The print views every printout shares: the dialog, the PDF (or its page-1 picture) by
options, and a print job's progress page, file and picture.

Apps mount them with their own printout and addresses (lessons/printing/urls.py,
library/printing/urls.py): `dialog_view(PlanPrintout)`, `result_view(PlanPrintout)`.
Printing changes nothing a teacher wrote, so they are all GET. Each one asks the printout
whether the visitor may read the printed thing — job addresses too, on every request: a
job id alone opens nothing (404, as for the thing itself).

What the views answer:
- the result of a finished job: the PDF (or PNG) itself;
- a job still waiting: 303 to its progress page, which polls with htmx and, without
  JavaScript, refreshes itself; ready, it opens or downloads the file;
- a refusal (too long to print, remembered) or bad options: 400 and "Cannot print this";
- too many prints waiting for one person: 429 and a page saying what to do;
- `?format=json` (or an Accept header asking for JSON only): the job's state as JSON, with
  the same status codes.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .jobs import TooManyPrints, request_print
from .models import PrintJob
from .printouts import Printout
from .registry import UnknownPrintout, printout_class
from .responses import file_response, png_response, print_error

THEN = ("open", "download")


def _see_other(url: str) -> HttpResponseRedirect:
    """303: "the answer is over there", and the browser GETs it (the job's page)."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return request.GET.get("format") == "json" or (
        "application/json" in accept and "text/html" not in accept
    )


def _private(response, printout: Printout):
    response["Cache-Control"] = printout.cache_control
    return response


def _job_urls(job: PrintJob) -> dict[str, str]:
    return {
        "job": reverse("printing:job", args=[job.pk]),
        "pdf": reverse("printing:job_pdf", args=[job.pk]),
        "preview": reverse("printing:job_preview", args=[job.pk]),
    }


def _problem(job: PrintJob) -> str:
    if job.is_refused:
        return job.refusal_message()
    if job.is_failed:
        return _("Something went wrong while printing this. Please try again in a minute.")
    return ""


def _job_json(job: PrintJob) -> JsonResponse:
    status = 200 if job.is_done else 400 if job.is_refused else 503 if job.is_failed else 202
    urls = _job_urls(job)
    return JsonResponse(
        {
            "status": job.status,
            "message": _problem(job),
            "job": urls["job"],
            "pdf": urls["pdf"] if job.is_done else None,
            "preview": urls["preview"] if job.is_done else None,
            "pages": job.pages,
        },
        status=status,
    )


def _cannot_print(request, printout: Printout, message: str, status: int = 400):
    return _private(print_error(request, message, printout.back_links(), status=status), printout)


def _too_many(request, printout: Printout, busy: TooManyPrints):
    if _wants_json(request):
        return JsonResponse({"status": "too_many", "message": str(busy)}, status=429)
    response = print_error(
        request,
        str(busy),
        printout.back_links(),
        status=429,
        heading=_("Please wait for your other prints"),
    )
    response["Retry-After"] = "10"
    return _private(response, printout)


def _send(printout: Printout, job: PrintJob, what: str, download: bool):
    if what == "preview":
        response = png_response(job.read_preview())  # a small picture: sent whole
    else:
        response = file_response(
            job.pdf.open("rb"), "application/pdf", filename=job.filename, download=download
        )
    return _private(response, printout)


def _answer(request, printout: Printout, job: PrintJob, what: str):
    """The file when the job is done; otherwise where to wait, or why it will not print."""
    download = request.GET.get("download") == "1"
    if _wants_json(request):
        return _job_json(job)
    if job.is_done:
        return _send(printout, job, what, download)
    if job.is_refused or job.is_failed:
        return _cannot_print(request, printout, _problem(job), 400 if job.is_refused else 503)
    then = "" if what == "preview" else "download" if download else "open"
    return _see_other(_job_urls(job)["job"] + (f"?then={then}" if then else ""))


def _dialog(request, printout: Printout, form):
    job, busy = None, ""
    valid = form.is_valid()
    query = form.query() if valid else {}
    if valid:
        try:
            job = request_print(printout, form, request)
        except TooManyPrints as error:
            busy = str(error)
    context = {
        "printout": printout,
        "form": form,
        "dialog": printout.dialog(query),
        "query": urlencode(query),
        "job": job,
        "problem": busy or (_problem(job) if job else ""),
    }
    response = render(request, "printing/dialog.html", context, status=200 if valid else 400)
    return _private(response, printout)


def dialog_view(printout_class: type[Printout], id_name: str = "object_id"):
    """The print dialog: options, a picture of page 1 once it is printed, the buttons.
    `id_name` is the URL's name for the printed thing's id (`plan_id`, `page_id`)."""

    @require_GET
    def print_dialog(request, **url_kwargs):
        printout = printout_class.for_request(request, url_kwargs[id_name])
        return _dialog(request, printout, printout.form(request.GET))

    return print_dialog


def result_view(
    printout_class: type[Printout], what: str = "pdf", id_name: str = "object_id", **fixed: str
):
    """The PDF (`what="pdf"`) or its page-1 PNG (`"preview"`) for the options in the query
    string; `fixed` options win over the query (e.g. `sheet="feedback"`)."""

    @require_GET
    def print_result(request, **url_kwargs):
        printout = printout_class.for_request(request, url_kwargs[id_name])
        data = request.GET.copy()
        for name, value in fixed.items():
            data[name] = value
        form = printout.form(data)
        if not form.is_valid():
            if printout.bad_options_show_dialog:
                return _dialog(request, printout, form)
            return _cannot_print(request, printout, form.first_error())
        try:
            job = request_print(printout, form, request)
        except TooManyPrints as busy:
            return _too_many(request, printout, busy)
        return _answer(request, printout, job, what)

    return print_result


# --- A job's own addresses -------------------------------------------------------------


def _job_for(request, job_id) -> tuple[PrintJob, Printout]:
    """The job, if the visitor may read what it prints — asked again every time."""
    job = get_object_or_404(PrintJob, pk=job_id)
    try:
        printout = printout_class(job.printout).for_request(request, job.object_id)
    except UnknownPrintout:
        raise Http404("No such print.") from None
    if printout.variant != job.variant:
        raise Http404("No such print.")
    return job, printout


@require_GET
def job_status(request, job_id):
    """Progress while the job waits; the links when it is ready (opened or downloaded at
    once when the teacher asked for that: `?then=open|download`)."""
    job, printout = _job_for(request, job_id)
    if _wants_json(request):
        return _private(_job_json(job), printout)
    then = request.GET.get("then", "")
    then = then if then in THEN else ""
    urls = _job_urls(job)
    file_url = urls["pdf"] + ("?download=1" if then == "download" else "")
    context = {
        "job": job,
        "printout": printout,
        "urls": urls,
        "then": then,
        "file_url": file_url,
        "problem": _problem(job),
        "back_links": printout.back_links(),
    }
    if request.headers.get("HX-Request"):
        response = render(request, "printing/includes/job_status.html", context)
        if job.is_done and then:
            response["HX-Redirect"] = file_url
    else:
        response = render(request, "printing/job.html", context)
    return _private(response, printout)


def _job_result(request, job_id, what: str):
    job, printout = _job_for(request, job_id)
    if job.is_done:
        return _send(printout, job, what, request.GET.get("download") == "1")
    return _see_other(_job_urls(job)["job"])


@require_GET
def job_pdf(request, job_id):
    return _job_result(request, job_id, "pdf")


@require_GET
def job_preview(request, job_id):
    return _job_result(request, job_id, "preview")
