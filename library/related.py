"""Related materials: what a teacher might use next to the page they are reading.

Closest first, in the order a teacher would look for them: pages for the same textbook
unit (the same lesson next week), then pages sharing tags (the same topic), then pages for
the same grade *and* activity type (another game for this class). Within each tier, the
page sharing the most wins, then the newest. Only live, public pages; never the page itself.
"""

from __future__ import annotations

from django.db.models import Count, QuerySet

from library.listing import with_card_data
from library.models.pages import LibraryPage

MAX_RELATED = 6


def related_pages(page: LibraryPage, limit: int = MAX_RELATED) -> list[LibraryPage]:
    if page.pk is None:  # a preview of a page never saved has nothing to compare with
        return []
    candidates = LibraryPage.objects.live().public().exclude(pk=page.pk)
    unit_ids = [unit.pk for unit in page.textbook_units.all()]
    tag_ids = [tag.pk for tag in page.tags.all()]
    grade_ids = [grade.pk for grade in page.grades.all()]
    type_ids = [activity.pk for activity in page.activity_types.all()]

    newest = ("-first_published_at", "-pk")
    tiers: list[QuerySet] = []
    if unit_ids:
        tiers.append(
            candidates.filter(textbook_units__in=unit_ids)
            .annotate(shared=Count("textbook_units"))
            .order_by("-shared", *newest)
        )
    if tag_ids:
        tiers.append(
            candidates.filter(tagged_items__tag__in=tag_ids)
            .annotate(shared=Count("tagged_items"))
            .order_by("-shared", *newest)
        )
    if grade_ids and type_ids:
        tiers.append(
            candidates.filter(pk__in=LibraryPage.objects.filter(grades__in=grade_ids).values("pk"))
            .filter(pk__in=LibraryPage.objects.filter(activity_types__in=type_ids).values("pk"))
            .order_by(*newest)
        )

    chosen: list[int] = []
    for tier in tiers:
        if len(chosen) >= limit:
            break
        chosen += tier.exclude(pk__in=chosen).values_list("pk", flat=True)[: limit - len(chosen)]
    if not chosen:
        return []
    cards = with_card_data(LibraryPage.objects.filter(pk__in=chosen))
    by_pk = {related.pk: related for related in cards}
    return [by_pk[pk] for pk in chosen if pk in by_pk]
