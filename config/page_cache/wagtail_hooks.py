"""Once Wagtail knows which page a path is, the cache narrows the query to what that page
type reads (query.py explains why the lookup cannot know it yet)."""

from wagtail import hooks

from . import query


@hooks.register("before_serve_page")
def read_only_what_the_page_reads(page, request, serve_args, serve_kwargs) -> None:
    query.narrow_to_page(request, page)
