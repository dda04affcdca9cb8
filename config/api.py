"""The JSON API under /api/v1/: one NinjaAPI, one OpenAPI schema, a router per app.

Session authentication with CSRF for anything that changes data; reading the public
library needs no log-in.
"""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Swagger

from common.api_errors import error_body

from . import api_errors

api = NinjaAPI(
    title="Kyozai API",
    version="1",
    description=(
        "Search Kyozai's teaching-material library and manage lesson plans.\n\n"
        "Every refusal, from every endpoint, has one shape: "
        '`{"detail": "what went wrong", "errors": [{"field": "title", "message": "..."}]}`. '
        "400: bad input (`errors` names each field or query parameter; never 422); "
        "401: not signed in; 403: not allowed (or the CSRF token is missing); "
        "404: no such thing, or not one you may see. `errors` is left out (an empty list) "
        "when no field is to blame."
    ),
    urls_namespace="api",
    # Swagger UI comes from django-ninja's own static files ("ninja" in INSTALLED_APPS), so
    # the docs page works under the site's strict Content-Security-Policy. No validator
    # badge: it would send the schema's address to a third party.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("/search/", "search.api.router")
api.add_router("/lessons/", "lessons.api.router")
api.add_router("/notifications/", "accounts.notifications.api.router")
api.add_router("/schools/", "schools.api.router")
api.add_router("/calendar/", "lessons.calendar.api.router")
# One error shape for every router (config/api_errors.py).
api_errors.install(api)


@csrf_exempt
def no_such_endpoint(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any /api/ address no endpoint answers — a misspelt path, a plan id that is not a
    number — gets ninja's JSON 404, not the library's HTML page: API clients (and the
    OpenAPI schema, which promises JSON) never see HTML. Exempt from CSRF because it changes
    nothing, so a POST to a wrong address is a 404, not a 403."""
    return JsonResponse(error_body("Not Found"), status=404)
