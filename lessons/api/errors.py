"""Errors the lesson-plan API answers with: 400 naming the field, never 422 or a 500.

Ninja answers a request that does not match the schema with 422 and pydantic's raw error
list. The lesson-plan endpoints promise 400 with one entry per field instead, the same shape
as the checks the endpoints make themselves (unknown grade, unknown material…), so a client
handles every refusal one way. config/api.py installs `validation_errors` for the API;
other routers keep ninja's default answer.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja.errors import HttpError, ValidationError

PREFIX = "/api/v1/lessons/"


class BadInput(Exception):
    """One or more fields the endpoint itself found wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.errors = [{"field": field, "message": message}]


def bad_input_body(errors: list[dict]) -> dict:
    fields = ", ".join(dict.fromkeys(error["field"] for error in errors))
    return {"detail": f"Invalid input: {fields}.", "errors": errors}


def _field(loc) -> str:
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 2 else parts[1:]
    elif parts and parts[0] in ("query", "path", "form"):
        parts = parts[1:]
    return ".".join(str(part) for part in parts) or "body"


def validation_errors(request: HttpRequest, exc: ValidationError, api) -> HttpResponse:
    if not request.path.startswith(PREFIX):
        return api.create_response(request, {"detail": exc.errors}, status=422)
    errors = [
        {"field": _field(error.get("loc", ())), "message": error["msg"]} for error in exc.errors
    ]
    return api.create_response(request, bad_input_body(errors), status=400)


# Django raises these while reading a body (for the CSRF check or for the payload); left
# alone they become the site's HTML "Bad Request" page.
UNREADABLE_BODY = (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent)


def unreadable_body(request: HttpRequest, exc: Exception, api) -> HttpResponse:
    """A body Django cannot read (multipart without a boundary, more than the upload
    limit) is bad input like any other: 400 in the documented shape, not an HTML page."""
    if isinstance(exc, RequestDataTooBig):
        message = _("The request is too large.")
    else:
        message = _("The body could not be read: send JSON with Content-Type: application/json.")
    return api.create_response(
        request, bad_input_body([{"field": "body", "message": message}]), status=400
    )


def forbidden(message: str) -> HttpError:
    return HttpError(403, message)
