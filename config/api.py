"""The JSON API under /api/v1/: one NinjaAPI, one OpenAPI schema, a router per app.

Session authentication with CSRF for anything that changes data; reading the public
library needs no log-in.
"""

from functools import partial

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError

from lessons.api.errors import UNREADABLE_BODY, unreadable_body, validation_errors
from lessons.api.save_limit import saving_too_fast
from lessons.services.save_limit import SavingTooFast

api = NinjaAPI(
    title="Kyozai API",
    version="1",
    description="Search Kyozai's teaching-material library and manage lesson plans.",
    urls_namespace="api",
    # Swagger UI comes from django-ninja's own static files ("ninja" in INSTALLED_APPS), so
    # the docs page works under the site's strict Content-Security-Policy. No validator
    # badge: it would send the schema's address to a third party.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("/search/", "search.api.router")
api.add_router("/lessons/", "lessons.api.router")
# Lesson-plan endpoints answer schema mismatches with 400 naming the field (issue #5);
# other routers keep ninja's default 422.
api.add_exception_handler(ValidationError, partial(validation_errors, api=api))
for unreadable in UNREADABLE_BODY:
    api.add_exception_handler(unreadable, partial(unreadable_body, api=api))
# A save over the per-person limit (lessons/services/save_limit.py): 429 with Retry-After.
api.add_exception_handler(SavingTooFast, partial(saving_too_fast, api=api))


@csrf_exempt
def no_such_endpoint(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any /api/ address no endpoint answers — a misspelt path, a plan id that is not a
    number — gets ninja's JSON 404, not the library's HTML page: API clients (and the
    OpenAPI schema, which promises JSON) never see HTML. Exempt from CSRF because it changes
    nothing, so a POST to a wrong address is a 404, not a 403."""
    return JsonResponse({"detail": "Not Found"}, status=404)
