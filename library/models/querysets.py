"""The questions asked of library pages, on their QuerySet: which pass the filters, what a
card needs, which are related to a page.

`LibraryPage.objects` (and each page type's `objects`) is a manager of this QuerySet, so a
section lists `MaterialPage.objects.child_of(index).visible_to(None).filtered(chosen)
.for_listing()` and a material page asks `LibraryPage.objects.related_cards(page)`.

`visible_to(viewer)` is the one privacy rule (visibility.py): every list, link, print,
search document and file the library serves starts from it.
"""

from collections.abc import Mapping, Sequence
from typing import Self

from django.db.models import F, Prefetch
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from library.filters import FILTERS

from .visibility import Viewer, visible_pages

MAX_RELATED = 6
NEWEST = ("-first_published_at", "-pk")


class LibraryPageQuerySet(PageQuerySet):
    def visible_to(self, viewer: Viewer | None) -> Self:
        """The live pages `viewer` may see past page privacy (on the page or an ancestor);
        None is nobody in particular, what may be shown to the whole world."""
        return visible_pages(self, viewer)

    def filtered(self, chosen: Mapping[str, Sequence[str]]) -> Self:
        """Pages passing every chosen filter (library/filters.py; values ORed within a
        filter, filters ANDed). Each filter is a subquery on page ids, so a page tagged
        with two matching grades is listed once without a DISTINCT."""
        pages = self
        for name, values in chosen.items():
            if values:
                condition = FILTERS[name].condition(values)
                pages = pages.filter(pk__in=self.model.objects.filter(condition).values("pk"))
        return pages

    def counts_by_filter(
        self, chosen: Mapping[str, Sequence[str]], names: Sequence[str]
    ) -> dict[str, dict[str, int]]:
        """For each filter in `names`, how many of these pages have each of its values
        under the *other* filters in use (its own choice and its refinements' left out, so
        a teacher sees what choosing another grade or series would list). One aggregate
        query per filter, never one per value."""
        counts = {}
        for name in names:
            others = {
                other: values
                for other, values in chosen.items()
                if other != name and FILTERS[other].parent != name
            }
            counts[name] = FILTERS[name].count_in(self.filtered(others))
        return counts

    def with_card_data(self) -> Self:
        """What a card shows (grades, activity types, textbook units with their series and
        grade, the first file's preview), fetched
        in one query per relation whatever the number of pages."""
        # Found through the relation: LibraryAttachment lives beside LibraryPage, which
        # builds on this module.
        attachments = self.model._meta.get_field("attachments").related_model
        units = self.model._meta.get_field("textbook_units").related_model
        return self.prefetch_related(
            "grades",
            "activity_types",
            Prefetch("textbook_units", queryset=units.objects.select_related("series", "grade")),
            Prefetch(
                "attachments",
                queryset=attachments.objects.order_by("sort_order", "pk").only(
                    "pk", "page_id", "preview", "preview_pages", "preview_status", "sort_order"
                ),
            ),
        )

    def for_listing(self) -> Self:
        """Newest first, with what a card shows."""
        return self.order_by(*NEWEST).with_card_data()

    def related_cards(self, page) -> list:
        """The stored related materials of `page` (library/related/), closest first, with
        what a card shows. The list was ranked when the page was published; here it is
        only read, in one query that also applies the privacy rule (a page unpublished or
        made private since is left out before its neighbours' lists are redone)."""
        if page.pk is None:  # a preview of a page never saved has no list yet
            return []
        return list(
            self.visible_to(None)
            .filter(named_in_related_lists__page=page.pk)
            .annotate(related_rank=F("named_in_related_lists__rank"))
            .order_by("related_rank")
            .with_card_data()
        )


LibraryPageManager = PageManager.from_queryset(LibraryPageQuerySet)
