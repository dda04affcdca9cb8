"""The site's front page: says what Kyozai is and leads to the three parts of the library."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class HomePage(Page):
    """One per site, at the root. Bilingual: the Japanese fields are shown to users who
    browse in Japanese, falling back to English where an editor left them empty."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the title: what Kyozai is for."),
    )
    title_ja = models.CharField(_("title (Japanese)"), max_length=255, blank=True)
    intro_ja = models.TextField(_("introduction (Japanese)"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("title_ja"), FieldPanel("intro_ja")], heading=_("日本語")),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "library.MaterialIndexPage",
        "library.SpeechContestIndexPage",
        "library.ClubIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")
