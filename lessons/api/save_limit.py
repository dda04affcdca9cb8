"""The API's answer to a save over the per-person limit (services/save_limit.py): 429 with
Retry-After and the usual {"detail": …} body. In its own module, beside errors.py, so the
API's other error shapes stay where they are."""

from django.http import HttpRequest, HttpResponse
from ninja import Schema

from lessons.services.save_limit import SavingTooFast


def saving_too_fast(request: HttpRequest, exc: SavingTooFast, api) -> HttpResponse:
    body = {"detail": exc.message, "retry_after": exc.retry_after}
    response = api.create_response(request, body, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


class SaveLimitOut(Schema):
    detail: str
    retry_after: int


# For the `response=` of every endpoint that saves a plan: the schema lists the 429.
SAVE_LIMITED = {429: SaveLimitOut}
