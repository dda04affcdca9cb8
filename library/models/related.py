"""Each page's related materials, worked out once when it is published and stored here,
so a material page reads its list instead of ranking the library on every view
(library/related/ computes the lists; docs/architecture.md, "Related materials")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .pages import LibraryPage


class RelatedMaterial(models.Model):
    """One entry of `page`'s related list: `related`, at `rank` (0 is shown first). The
    list is replaced whole by library/related/store.py; what it names is checked again
    against the privacy rule whenever the cards are read (a list may be a moment behind
    an unpublish)."""

    page = models.ForeignKey(LibraryPage, on_delete=models.CASCADE, related_name="related_list")
    related = models.ForeignKey(
        LibraryPage, on_delete=models.CASCADE, related_name="named_in_related_lists"
    )
    rank = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("related material")
        ordering = ["page", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["page", "related"], name="related_once_per_list"),
        ]

    def __str__(self) -> str:
        return f"{self.page_id} → {self.related_id} (#{self.rank})"
