"""The API's answer to a save over the per-person limit (services/save_limit.py): 429 with
a Retry-After header and the API's one error shape (common/api_errors.py) with
`retry_after` added. Installed with every other refusal by config/api_errors.py."""

from django.http import HttpRequest, HttpResponse
from ninja import Schema

from common.api_errors import error_body
from lessons.services.save_limit import SavingTooFast


def saving_too_fast(request: HttpRequest, exc: SavingTooFast, api) -> HttpResponse:
    body = {**error_body(exc.message), "retry_after": exc.retry_after}
    response = api.create_response(request, body, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


class SaveLimitOut(Schema):
    detail: str
    retry_after: int


# For the `response=` of every endpoint that saves a plan: the schema lists the 429.
SAVE_LIMITED = {429: SaveLimitOut}
