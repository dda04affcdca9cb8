"""Which pages are related to a page, closest first.

Bounds, in order: pages for the same textbook unit (the same lesson next week), then
pages for the same stage (ES / JHS / SHS: any grade of the stages the page is for). A page
with grades is never related across stages; a page without grades is bounded by its
units, then by nothing. Within a bound the search backend's "more like this" ranks the
candidates by the page's own text (search registers the ranker: `register_ranker`); the
plain tier queries then fill what text similarity left empty (same unit by units shared;
within the stage, shared tags, then the same grade and activity type), newest first.
Only pages the whole world may see are ever chosen (visible_to(None)).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from library.models import Grade, LibraryPage
from library.models.querysets import MAX_RELATED, NEWEST

logger = logging.getLogger("kyozai.library")


class RankingUnavailable(Exception):
    """The ranker (the search backend) could not answer; the reason is the message."""


# (page, within: filter name → values ORed, names ANDed, exclude: page ids, limit) → ids,
# most similar first. `within` uses the filter vocabulary of library/filters.py ("unit":
# unit ids, "grade": grade codes), which the search index stores as facets.
Ranker = Callable[[LibraryPage, Mapping[str, Sequence[str]], set[int], int], list[int]]
_rankers: list[Ranker] = []


def register_ranker(ranker: Ranker) -> None:
    """Rank by text similarity with `ranker` (search does, in its AppConfig.ready())."""
    _rankers[:] = [ranker]


@dataclass
class Bound:
    """One bound of related pages: what the ranker is asked within, and the tier queries
    that fill it (closest first)."""

    name: str
    within: dict[str, list[str]]
    tiers: list[QuerySet] = field(default_factory=list)


def bounds_of(page: LibraryPage, candidates: QuerySet) -> list[Bound]:
    """The bounds that apply to `page`, closest first (its values read from the page)."""
    unit_ids = [unit.pk for unit in page.textbook_units.all()]
    grades = list(page.grades.all())
    tag_ids = [tag.pk for tag in page.tags.all()]
    type_ids = [activity.pk for activity in page.activity_types.all()]
    bounds: list[Bound] = []
    if unit_ids:
        same_unit = (
            candidates.filter(textbook_units__in=unit_ids)
            .annotate(shared=Count("textbook_units"))
            .order_by("-shared", *NEWEST)
        )
        bounds.append(Bound("unit", {"unit": [str(pk) for pk in unit_ids]}, [same_unit]))
    everything = LibraryPage.objects
    if grades:
        stages = {grade.stage for grade in grades}
        codes = list(Grade.objects.filter(stage__in=stages).values_list("code", flat=True))
        in_stage = candidates.filter(pk__in=everything.filter(grades__code__in=codes).values("pk"))
        stage = Bound("stage", {"grade": codes})
    else:
        in_stage = candidates
        stage = Bound("library", {})
    if tag_ids:
        stage.tiers.append(
            in_stage.filter(tagged_items__tag__in=tag_ids)
            .annotate(shared=Count("tagged_items"))
            .order_by("-shared", *NEWEST)
        )
    if grades and type_ids:
        stage.tiers.append(
            in_stage.filter(pk__in=everything.filter(grades__in=grades).values("pk"))
            .filter(pk__in=everything.filter(activity_types__in=type_ids).values("pk"))
            .order_by(*NEWEST)
        )
    bounds.append(stage)
    return bounds


def _similar(page: LibraryPage, bound: Bound, exclude: set[int], limit: int) -> list[int]:
    """The ranker's answer within `bound`, or [] (logged) when there is none."""
    if not _rankers:
        return []
    try:
        return list(_rankers[0](page, bound.within, exclude, limit))
    except RankingUnavailable as why:
        logger.warning(
            "Related materials of page %s (%s) from the tier queries alone: %s",
            page.pk,
            bound.name,
            why,
        )
        return []


def _publicly_visible(ids: list[int]) -> list[int]:
    """`ids` that anyone may see, in the same order (one query)."""
    if not ids:
        return []
    visible = set(
        LibraryPage.objects.visible_to(None).filter(pk__in=ids).values_list("pk", flat=True)
    )
    return [pk for pk in ids if pk in visible]


def related_ids(page: LibraryPage, limit: int = MAX_RELATED) -> list[int]:
    """Up to `limit` ids of pages related to `page`, closest first; never the page itself,
    each page once, only pages anyone may see."""
    if page.pk is None:
        return []
    candidates = LibraryPage.objects.visible_to(None).exclude(pk=page.pk)
    chosen: list[int] = []
    for bound in bounds_of(page, candidates):
        wanted = limit - len(chosen)
        if wanted <= 0:
            break
        found = _publicly_visible(_similar(page, bound, {page.pk, *chosen}, wanted))[:wanted]
        for tier in bound.tiers:
            if len(found) >= wanted:
                break
            more = tier.exclude(pk__in=[*chosen, *found]).values_list("pk", flat=True)
            found += list(more[: wanted - len(found)])
        chosen += found
    return chosen[:limit]
