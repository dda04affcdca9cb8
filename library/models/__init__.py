"""Library content: Wagtail page types and the taxonomy they are tagged with.

A package split by concern; everything public is re-exported here so other code says
`from library.models import HomePage`.
"""

from .home import HomePage

__all__ = ["HomePage"]
