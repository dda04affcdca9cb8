"""Every refusal of the JSON API, mapped to its one error shape (common/api_errors.py) in one
place, whichever router raised it: the same body for a bad query parameter of the search,
a missing plan, a viewer trying to edit, a body that does not match its schema.

| raised                                   | status | errors                     |
|------------------------------------------|--------|----------------------------|
| ninja's ValidationError (schema)         | 400    | one per field              |
| BadInput (a router's own check)          | 400    | the field                  |
| InvalidFilter / InvalidSearch            | 400    | the query parameter        |
| an unreadable body (multipart, too big)  | 400    | `body`                     |
| ninja's AuthenticationError              | 401    | none                       |
| NotAllowed (lessons' access service)     | 403/404| none (404 when hidden)     |
| Http404, HttpError                       | theirs | none                       |
"""

from functools import partial

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from common.api_errors import BadInput, bad_input_body, error_body
from lessons.api.save_limit import saving_too_fast
from lessons.services.access import NotAllowed
from lessons.services.save_limit import SavingTooFast
from library.filters import InvalidFilter

# Django raises these while reading a body (for the CSRF check or for the payload); left
# alone they become the site's HTML "Bad Request" page.
UNREADABLE_BODY = (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent)


def _field(loc) -> str:
    """pydantic's error location as the field a client sent: `body.payload.title` → title,
    `query.offset` → offset."""
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 2 else parts[1:]
    elif parts and parts[0] in ("query", "path", "form"):
        parts = parts[1:]
    return ".".join(str(part) for part in parts) or "body"


def schema_mismatch(exc: ValidationError) -> tuple[int, dict]:
    errors = [
        {"field": _field(error.get("loc", ())), "message": error["msg"]} for error in exc.errors
    ]
    return 400, bad_input_body(errors)


def bad_input(exc: BadInput) -> tuple[int, dict]:
    return 400, bad_input_body(exc.errors)


def bad_parameter(exc: InvalidFilter) -> tuple[int, dict]:
    return 400, error_body(exc.message, [{"field": exc.param, "message": exc.message}])


def unreadable_body(exc: Exception) -> tuple[int, dict]:
    """A body Django cannot read (multipart without a boundary, more than the upload
    limit) is bad input like any other."""
    if isinstance(exc, RequestDataTooBig):
        message = _("The request is too large.")
    else:
        message = _("The body could not be read: send JSON with Content-Type: application/json.")
    return 400, bad_input_body([{"field": "body", "message": message}])


def not_allowed(exc: NotAllowed) -> tuple[int, dict]:
    if exc.hidden:
        return 404, error_body("Not Found")
    return 403, error_body(exc.message)


def not_found(exc: Http404) -> tuple[int, dict]:
    return 404, error_body("Not Found")


def http_error(exc: HttpError) -> tuple[int, dict]:
    return exc.status_code, error_body(str(exc))


HANDLERS = {
    ValidationError: schema_mismatch,
    BadInput: bad_input,
    InvalidFilter: bad_parameter,
    NotAllowed: not_allowed,
    Http404: not_found,
    HttpError: http_error,  # AuthenticationError (401) and the CSRF refusal (403) among them
    **dict.fromkeys(UNREADABLE_BODY, unreadable_body),
}


def _answer(request: HttpRequest, exc: Exception, api: NinjaAPI, shape) -> HttpResponse:
    status, body = shape(exc)
    return api.create_response(request, body, status=status)


def install(api: NinjaAPI) -> None:
    """Answer every refusal of `api`, all routers alike, in the one shape."""
    for exception, shape in HANDLERS.items():
        api.add_exception_handler(exception, partial(_answer, api=api, shape=shape))
    # A save over the per-person limit: the same shape, plus when to try again (a header too).
    api.add_exception_handler(SavingTooFast, partial(saving_too_fast, api=api))
