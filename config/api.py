"""The JSON API under /api/v1/: one NinjaAPI, one OpenAPI schema, a router per app.

Session authentication with CSRF for anything that changes data; reading the public
library needs no log-in.
"""

from functools import partial

from ninja import NinjaAPI
from ninja.errors import ValidationError

from lessons.api.errors import validation_errors

api = NinjaAPI(
    title="Kyozai API",
    version="1",
    description="Search Kyozai's teaching-material library and manage lesson plans.",
    urls_namespace="api",
)
api.add_router("/search/", "search.api.router")
api.add_router("/lessons/", "lessons.api.router")
# Lesson-plan endpoints answer schema mismatches with 400 naming the field (issue #5);
# other routers keep ninja's default 422.
api.add_exception_handler(ValidationError, partial(validation_errors, api=api))
