"""The JSON API under /api/v1/: one NinjaAPI, one OpenAPI schema, a router per app.

Session authentication with CSRF for anything that changes data; reading the public
library needs no log-in.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Kyozai API",
    version="1",
    description="Search Kyozai's teaching-material library and manage lesson plans.",
    urls_namespace="api",
)
api.add_router("/search/", "search.api.router")
api.add_router("/lessons/", "lessons.api.router")
