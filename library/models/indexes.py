"""The three sections of the library, each a page that lists and filters its children."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class SectionIndexPage(Page):
    """Shared by the three index pages: a bilingual introduction above the filtered list of
    the section's pages (library/listing.py)."""

    intro = models.TextField(_("introduction"), blank=True)
    title_ja = models.CharField(_("title (Japanese)"), max_length=255, blank=True)
    intro_ja = models.TextField(_("introduction (Japanese)"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("title_ja"),
        FieldPanel("intro_ja"),
    ]
    parent_page_types = ["library.HomePage"]

    class Meta:
        abstract = True

    @classmethod
    def query_parameters(cls) -> tuple[str, ...]:
        """The GET parameters this page reads: its list's filters and page number."""
        from library.listing import QUERY_PARAMETERS

        return QUERY_PARAMETERS

    def listed_page_model(self):
        """The one page type this section holds (its subpage type)."""
        return self.clean_subpage_models()[0]

    def get_context(self, request, *args, **kwargs):
        from library.listing import build_listing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = build_listing(self, request.GET)
        # For the full-page cache (config/page_cache/query.py): an address with values the
        # list dropped is answered, not stored, so made-up values cannot fill the cache.
        request.query_as_read = context["listing"].query_as_read
        return context


class MaterialIndexPage(SectionIndexPage):
    subpage_types = ["library.MaterialPage"]
    template = "library/section_index_page.html"

    class Meta:
        verbose_name = _("materials section")


class SpeechContestIndexPage(SectionIndexPage):
    subpage_types = ["library.SpeechContestGuidePage"]
    template = "library/section_index_page.html"

    class Meta:
        verbose_name = _("speech contests section")


class ClubIndexPage(SectionIndexPage):
    subpage_types = ["library.ClubActivityPage"]
    template = "library/section_index_page.html"

    class Meta:
        verbose_name = _("English club section")
