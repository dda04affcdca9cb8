"""Bounds for every number a client sends to page through a list.

A number with no upper bound reaches the database as it came: `?offset=` followed by 30
digits overflowed SQLite's and PostgreSQL's integers and answered 500 (issue #11.8). Every
list in Kyozai pages with these — the API's `limit`/`offset` (schema types with `ge`/`le`,
so ninja refuses the rest with the API's 400) and the HTML listings' `?page=`
(`page_number`, which never refuses: a page that is no number is page 1, one beyond the
end is the last).
"""

from typing import Annotated

from django.core.paginator import Page, Paginator
from pydantic import Field

# More than any list Kyozai shows could hold (Elasticsearch's result window is 10,000), and
# far below every database's integer range.
MAX_OFFSET = 100_000
MAX_PAGE_NUMBER = MAX_OFFSET
MAX_LIMIT = 100

Offset = Annotated[
    int, Field(ge=0, le=MAX_OFFSET, description=f"Items to skip, 0 to {MAX_OFFSET}.")
]


def limit(default: int = 50, highest: int = MAX_LIMIT):
    """A `limit` query parameter: at least 1, at most `highest`."""
    return Annotated[
        int, Field(default, ge=1, le=highest, description=f"Items to return, 1 to {highest}.")
    ]


def page_number(raw: object) -> int:
    """An HTML listing's `?page=` as a number from 1 to MAX_PAGE_NUMBER: anything that is not
    a plain whole number (text, "2.5", "1e9", thousands of digits) is page 1, a number
    beyond the bound is the bound (the paginator then shows the last page)."""
    text = str(raw if raw is not None else "").strip()
    if not (text.isascii() and text.isdigit()):
        return 1
    if len(text) > len(str(MAX_PAGE_NUMBER)):
        return MAX_PAGE_NUMBER  # int() of thousands of digits is refused, and slow
    return min(max(int(text), 1), MAX_PAGE_NUMBER)


def page_of(paginator: Paginator, raw: object) -> Page:
    """The page of `paginator` that `?page=raw` asks for, never an error."""
    return paginator.get_page(page_number(raw))
