"""Search endpoints of the JSON API (/api/v1/search/)."""

from ninja import Router

router = Router(tags=["search"])
