"""Every URL the site answers, read from the URL configuration itself.

The security tests are built on this list rather than on a hand-kept one, so a view added
tomorrow shows up here at once and fails the matrix until someone decides who may use it.
Django ninja registers its operations as ordinary URL patterns (one per operation name, all
pointing at one view per path), so the JSON API is discovered the same way; for it we also
read which HTTP methods each path answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.urls import URLPattern, URLResolver, get_resolver
from ninja.operation import PathView

ADMIN_PREFIX = "admin/"
STATE_CHANGING = ("post", "put", "patch", "delete")


@dataclass
class Route:
    """One URL pattern: its full pattern text (the matrix key), names and view."""

    pattern: str
    names: list[str] = field(default_factory=list)
    callback: object = None
    api_methods: set[str] = field(default_factory=set)  # ninja paths only

    @property
    def is_admin(self) -> bool:
        return self.pattern.startswith(ADMIN_PREFIX)

    @property
    def is_api(self) -> bool:
        return bool(self.api_methods)

    @property
    def csrf_exempt(self) -> bool:
        return getattr(self.callback, "csrf_exempt", False)


def _ninja_methods(callback) -> set[str]:
    """The methods a ninja path answers, read from the PathView its view closes over."""
    for cell in getattr(callback, "__closure__", None) or ():
        contents = cell.cell_contents
        if isinstance(contents, PathView):
            return {method.lower() for op in contents.operations for method in op.methods}
    return set()


def _walk(resolver: URLResolver, prefix: str, namespace: str, found: dict[str, Route]) -> None:
    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = entry.namespace
            spaced = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            _walk(entry, text, spaced, found)
            continue
        assert isinstance(entry, URLPattern)
        route = found.setdefault(text, Route(pattern=text, callback=entry.callback))
        if entry.name:
            route.names.append(f"{namespace}:{entry.name}" if namespace else entry.name)
        route.api_methods |= _ninja_methods(entry.callback)


@cache
def discover() -> tuple[Route, ...]:
    """Every distinct URL pattern of the site, in resolution order."""
    found: dict[str, Route] = {}
    _walk(get_resolver(), "", "", found)
    return tuple(found.values())


def site_routes() -> list[Route]:
    """Kyozai's own routes plus Wagtail's page serving and documents: all but /admin/."""
    return [route for route in discover() if not route.is_admin]


def admin_routes() -> list[Route]:
    return [route for route in discover() if route.is_admin]
