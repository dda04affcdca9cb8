"""English-club activities: longer projects for after school, by group size and season."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .pages import LibraryPage


class Season(models.TextChoices):
    ANY = "any", _("Any time")
    SPRING = "spring", _("Spring")
    SUMMER = "summer", _("Summer")
    AUTUMN = "autumn", _("Autumn")
    WINTER = "winter", _("Winter")
    HALLOWEEN = "halloween", _("Halloween")
    CHRISTMAS = "christmas", _("Christmas")
    VALENTINES = "valentines", _("Valentine's Day")
    CULTURE_FESTIVAL = "culture_festival", _("Culture festival (文化祭)")
    SPORTS_DAY = "sports_day", _("Sports day (運動会)")
    GRADUATION = "graduation", _("Graduation (卒業)")


class ClubActivityPage(LibraryPage):
    kind = "club_activity"
    group_size = models.PositiveSmallIntegerField(
        _("group size"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("Students per group; leave empty for the whole club."),
    )
    season = models.CharField(
        _("season or event"), max_length=20, choices=Season.choices, default=Season.ANY
    )

    parent_page_types = ["library.ClubIndexPage"]
    subpage_types: list[str] = []
    template = "library/club_activity_page.html"

    content_panels = [
        *LibraryPage.content_panels[:-2],
        MultiFieldPanel([FieldPanel("group_size"), FieldPanel("season")], heading=_("Club")),
        *LibraryPage.content_panels[-2:],
    ]

    class Meta:
        verbose_name = _("English-club activity")
        verbose_name_plural = _("English-club activities")

    def type_facts(self) -> list[tuple[str, object]]:
        facts: list[tuple[str, object]] = []
        if self.group_size:
            facts.append((_("Group size"), self.group_size))
        facts.append((_("Season or event"), self.get_season_display()))
        return facts
