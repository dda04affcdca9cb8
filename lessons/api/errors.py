"""Errors the lesson-plan API answers with: 400 naming the field, never 422 or a 500.

Ninja answers a request that does not match the schema with 422 and pydantic's raw error
list. The lesson-plan endpoints promise 400 with one entry per field instead, the same shape
as the checks the endpoints make themselves (unknown grade, unknown material…), so a client
handles every refusal one way. config/api.py installs `validation_errors` for the API;
other routers keep ninja's default answer.
"""

from django.http import HttpRequest, HttpResponse
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


def forbidden(message: str) -> HttpError:
    return HttpError(403, message)
