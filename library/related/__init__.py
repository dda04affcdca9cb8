"""Related materials that fit: what a teacher might use next to a page, worked out once
per publish and stored (RelatedMaterial), so a material page reads a list instead of
ranking the library on every view.

- ranking.py: which pages may be related (the same textbook unit first, then the same
  stage — never an elementary game beside a junior-high one) and in what order: text
  similarity through the search backend's "more like this" (registered by search, which
  the library may not import), then the plain tier queries to fill up, or alone when
  the search backend cannot answer;
- store.py: computing and storing a page's list, and finding the lists that name pages
  that have gone (unpublished, deleted, moved, made private) so they are refreshed.

The background task is library/tasks.py `refresh_related_materials`; the signals that
enqueue it are in library/signals.py; `manage.py refresh_related` redoes every list.
Whatever a list says, the cards are read through the privacy rule
(`LibraryPageQuerySet.related_cards`), so a page made private is never shown even before
its neighbours' lists are refreshed.
"""

from .ranking import RankingUnavailable, register_ranker
from .store import pages_naming, refresh_all, refresh_related

__all__ = [
    "RankingUnavailable",
    "pages_naming",
    "refresh_all",
    "refresh_related",
    "register_ranker",
]
