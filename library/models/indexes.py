"""The three sections of the library, each a page that lists and filters its children."""

from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from library.filters import SECTION_QUERY_PARAMETERS, renamed_filters

from .querysets import LibraryPageQuerySet


class SectionIndexPage(Page):
    """Shared by the three index pages: a bilingual introduction above the filtered list of
    the section's pages. The page offers its pages (`listed_pages`); the template's
    `{% section_listing %}` tag filters and pages them (library/listing.py)."""

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
        """The GET parameters this page reads (the full-page cache keys on these only)."""
        return SECTION_QUERY_PARAMETERS

    def listed_page_model(self):
        """The one page type this section holds (its subpage type)."""
        return self.clean_subpage_models()[0]

    def listed_pages(self) -> LibraryPageQuerySet:
        """The pages anyone may see here (the list is cached for every visitor)."""
        return self.listed_page_model().objects.child_of(self).visible_to(None)

    def serve(self, request, *args, **kwargs):
        """A link with the listing's old filter names (`activity`, `series`) moves for good
        to the same list under the names search and the API use."""
        renamed = renamed_filters(request.GET)
        if renamed is not None:
            return HttpResponsePermanentRedirect(f"{request.path}?{renamed.urlencode()}")
        return super().serve(request, *args, **kwargs)


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
