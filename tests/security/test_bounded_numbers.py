"""Every number a client sends to page through a list is bounded (issue #11.8): 30 digits,
a negative, a word, a fraction… answer a clear 4xx or a page of the list, never a 500.

Found by URL, not listed by hand: the API's list parameters are read from the OpenAPI
schema (every GET operation's integer query parameters), and the paginated HTML pages are
every GET the permission matrix lets Sam open whose page shows a paginator.
"""

import itertools

import pytest
from django.core.paginator import Page
from django.test.utils import ContextList
from django.urls import reverse

from common.paging import MAX_OFFSET, MAX_PAGE_NUMBER, page_number
from config.api import api

from .matrix import MATRIX, OK, Target
from .world import OWNER

HUGE = "9" * 30
VARIATIONS = [
    HUGE,
    "-" + HUGE,
    "-1",
    "0",
    "abc",
    "1.5",
    "2.0",
    "1e9",
    "\uff19",  # a full-width digit
    "0x10",
    " 3 ",
    "9" * 5000,  # beyond what int() converts
    str(2**63),
    "",
]


def integer_query_parameters() -> list[tuple[str, str]]:
    """(path, parameter) for every integer query parameter of a GET operation."""
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    found = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None or "{" in path:
            continue
        for parameter in get.get("parameters", []):
            kind = parameter.get("schema", {})
            types = [kind.get("type")] + [part.get("type") for part in kind.get("anyOf", [])]
            if parameter["in"] == "query" and "integer" in types:
                found.append((path, parameter["name"]))
    return found


API_PARAMETERS = integer_query_parameters()


def test_the_discovery_finds_every_list_parameter_of_the_api():
    found = set(API_PARAMETERS)
    assert ("/api/v1/lessons/plans/", "offset") in found
    assert ("/api/v1/lessons/plans/", "limit") in found
    assert ("/api/v1/search/", "page") in found
    assert ("/api/v1/search/", "page_size") in found
    assert ("/api/v1/search/suggest/", "limit") in found


def test_an_api_number_out_of_bounds_is_a_400_in_the_one_error_shape(world):
    """One world for all of them: it takes a while to build."""
    client = world.client(OWNER)
    wrong = []
    for (path, parameter), value in itertools.product(API_PARAMETERS, VARIATIONS):
        response = client.get(path, {parameter: value})
        body = response.json()
        if response.status_code >= 500:
            wrong.append(f"{path}?{parameter}={value[:40]}: {response.status_code}")
        elif response.status_code == 400 and body["errors"][0]["field"] != parameter:
            wrong.append(f"{path}?{parameter}={value[:40]}: 400 blames {body['errors']}")
        elif response.status_code not in (200, 400):
            wrong.append(f"{path}?{parameter}={value[:40]}: {response.status_code}")
    assert not wrong, "\n".join(wrong)
    # The attack as reported: GET /api/v1/lessons/plans/?offset=<30 digits>.
    response = client.get("/api/v1/lessons/plans/", {"offset": HUGE})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "offset"
    at_the_bound = client.get("/api/v1/lessons/plans/", {"offset": MAX_OFFSET})
    assert at_the_bound.status_code == 200
    assert at_the_bound.json()["items"] == []


def _paginated(response) -> bool:
    context = response.context
    if context is None:
        return False
    if isinstance(context, ContextList):
        values = [context[key] for key in context.keys()]  # noqa: SIM118 - not a dict
    else:
        values = list(context.flatten().values())
    # A listing object holding the page (the library's Listing) counts too.
    held = [inner for value in values for inner in getattr(value, "__dict__", {}).values()]
    return any(isinstance(value, Page) for value in values + held)


def paginated_pages(world) -> list[str]:
    """Every GET in the matrix that Sam may open and whose page shows a paginator, plus the
    library's section listing (a Wagtail page, served at the section's own address)."""
    client = world.client(OWNER)
    addresses = {world.published.get_parent().specific.url}
    for checks in MATRIX.values():
        for check in checks:
            if check.method != "get" or check.json or check.expected[OWNER] != OK:
                continue
            addresses.add(check.url(world, Target.shared(world)))
    return sorted(
        address
        for address in addresses
        if not address.startswith("/api/") and _paginated(client.get(address))
    )


def test_every_paginated_page_takes_any_page_number(world):
    client = world.client(OWNER)
    pages = paginated_pages(world)
    # The discovery reaches the planner, the history, the shelf and the library listing.
    assert any(page.startswith("/lessons/") and "history" not in page for page in pages)
    assert any("/history/" in page for page in pages)
    assert any(page.startswith("/shelf/") for page in pages)
    assert len(pages) >= 4, pages
    # A listing shows a page whatever the number; the search page pages its results itself
    # (search/request.py) and may answer 400 saying what it ignored — never a 500.
    answers = dict.fromkeys(pages, (200,))
    answers[reverse("search:page") + "?q=bingo"] = (200, 400)
    wrong = []
    for address, allowed in answers.items():
        joiner = "&" if "?" in address else "?"
        for value in VARIATIONS:
            response = client.get(f"{address}{joiner}page={value}")
            if response.status_code not in allowed:
                wrong.append(f"{address} page={value[:40]}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        (None, 1),
        ("", 1),
        ("3", 3),
        (" 3 ", 3),
        ("0", 1),
        ("-3", 1),
        ("abc", 1),
        ("2.5", 1),
        ("1e9", 1),
        ("\uff19", 1),
        (HUGE, MAX_PAGE_NUMBER),
        ("9" * 5000, MAX_PAGE_NUMBER),
        (str(MAX_PAGE_NUMBER + 1), MAX_PAGE_NUMBER),
    ],
)
def test_a_page_number_is_always_a_bounded_whole_number(raw, number):
    assert page_number(raw) == number
