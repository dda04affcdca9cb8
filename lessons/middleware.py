"""Pages answer a save refused by the save limit (services/save_limit.py) with 429.

In the middleware, not in each view: every view that saves a plan goes through the editing
services, which raise SavingTooFast, so a new view is covered without knowing about it.
An htmx save gets a message added to the page (the form, with what the teacher typed,
stays as it is); a plain form post gets a page saying how long to wait.
"""

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse

from lessons.services.save_limit import SavingTooFast


class SaveLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, SavingTooFast):
            return None
        context = {"message": exception.message}
        if request.headers.get("HX-Request"):
            html = render_to_string("lessons/includes/save_refused.html", context, request)
            response = HttpResponse(html, status=429)
            response["HX-Retarget"] = "#main"
            response["HX-Reswap"] = "afterbegin"
        else:
            response = TemplateResponse(
                request, "lessons/save_refused.html", context, status=429
            ).render()
        response["Retry-After"] = str(exception.retry_after)
        return response
