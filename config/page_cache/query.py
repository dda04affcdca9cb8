"""The query string a cached page is keyed and rendered with: only what the page reads.

Why: the key used to hold the full query string, so any parameter a page ignores
(`/library/?utm=<random>`), a repeated one (`?grade=ES5&grade=ES5`) or the same ones in
another order made a new entry, and a stranger could fill the cache at will. Each cached
view now says which parameters it reads, and before the page is looked up *or rendered* the
request's query is cut down to those — names in order, each value once, values in order. So
`/library/?utm=x` is exactly the page `/library/` is (its links, the language switch's
`next` among them, are the same), and is answered from the same entry.

Who says what they read (the cache asks; nothing here names a parameter):
- a view function: its `query_parameters` attribute (the search page, search/views.py);
- a Wagtail page type: its `query_parameters()` class method (the section indexes read the
  listing's filters, library/listing.py). A page type that says nothing reads nothing.

A page may also say how it understood its parameters (`request.query_as_read`): a list
that dropped an unknown value was not asked for exactly, and its answer is not stored, so
made-up values (`?grade=<random>`) cost a render each but never fill the cache.

Wagtail's one view serves every page type, and which page a path is needs the database. The
lookup therefore keeps what any page type reads; once Wagtail has found the page, a
`before_serve_page` hook (wagtail_hooks.py) cuts the query down to that page's own, and the
answer is stored under the key of what the page really read. A cacheable view that declares
nothing keeps all its parameters (normalised only): wrongly cached is worse than uncached.
"""

from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django.urls import Resolver404, ResolverMatch, resolve

from . import rules

WAGTAIL_VIEW = "wagtail_serve"
# Set on a request whose query this module normalised: the hook narrows only those.
NORMALISED = "_page_cache_query"


def _declared(owner) -> frozenset[str] | None:
    names = getattr(owner, "query_parameters", None)
    if callable(names):
        names = names()
    return None if names is None else frozenset(names)


def page_parameters(page_class) -> frozenset[str]:
    return _declared(page_class) or frozenset()


@lru_cache(maxsize=1)
def any_page_parameters() -> frozenset[str]:
    """What some page type reads: all the lookup can go by before the page is known."""
    from wagtail.models import get_page_models

    return frozenset().union(*(page_parameters(model) for model in get_page_models()))


def cached_view(request: HttpRequest) -> ResolverMatch | None:
    """The view at this path if its pages may be cached, else None."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match if match.view_name in rules.CACHEABLE_VIEWS else None


def parameters_of(match: ResolverMatch) -> frozenset[str] | None:
    """What the view reads (None: it does not say, so every parameter is kept)."""
    if match.view_name == WAGTAIL_VIEW:
        return any_page_parameters()
    return _declared(match.func)


def normalised(query: QueryDict, keep: Iterable[str] | None) -> str:
    """`query` with only the names in `keep` (all when None), sorted, each value once."""
    names = sorted(query if keep is None else set(query) & set(keep))
    pairs = [(name, value) for name in names for value in sorted(set(query.getlist(name)))]
    return urlencode(pairs)


def read_only(request: HttpRequest, keep: Iterable[str] | None) -> None:
    """Make the request carry only the normalised query: the view reads it, the key is
    built from it, and links built from the request's path show it."""
    query_string = normalised(request.GET, keep)
    request.META["QUERY_STRING"] = query_string
    request.GET = QueryDict(query_string)
    setattr(request, NORMALISED, True)


def read_as_given(request: HttpRequest) -> bool:
    """False when the view says it understood less than it was given (it sets
    `request.query_as_read`, e.g. a list that dropped an unknown grade): that answer is
    not stored, so made-up values of a parameter the page reads cannot fill the cache."""
    as_read = getattr(request, "query_as_read", None)
    return as_read is None or normalised(as_read, None) == request.META.get("QUERY_STRING", "")


def narrow_to_page(request: HttpRequest, page) -> None:
    """Wagtail found the page: keep only what this page type reads."""
    if getattr(request, NORMALISED, False):
        read_only(request, page_parameters(type(page)))
