"""Links from library pages to the apps built on top of the library.

A material page offers "Add to a lesson plan" (lessons) and its tags search the library
(search), but the library is the lower app: it must not know its callers' URLs. So the
higher apps pass the links down: each registers a named link builder in its
AppConfig.ready() (`links.register("add_to_plan", …)`), and library templates ask for it
by name (`{% library_link "add_to_plan" page.id as add_url %}`). A link nobody registered
is "", and the templates leave the button out — the library works on its own.

Why a registry rather than context processors: the links depend on the page being shown
(its id, a tag's words), and library pages are rendered by Wagtail, not by views of the
apps that own those URLs.
"""

from collections.abc import Callable

_builders: dict[str, Callable[..., str]] = {}


def register(name: str, build: Callable[..., str]) -> None:
    """Offer the link `name`; `build(*args)` returns its URL."""
    _builders[name] = build


def link(name: str, *args: object) -> str:
    """The URL of the link `name` for `args`, or "" when no app offers it."""
    build = _builders.get(name)
    return build(*args) if build else ""
