"""The taxonomy in the Wagtail admin, as snippets editors manage from one "Taxonomy" menu."""

from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ActivityType, Grade, Skill, TextbookSeries, TextbookUnit


class GradeViewSet(SnippetViewSet):
    model = Grade
    icon = "order"
    list_display = ["code", "name", "name_ja", "stage"]
    list_filter = ["stage"]
    ordering = ["sort_order"]


class SkillViewSet(SnippetViewSet):
    model = Skill
    icon = "pick"
    list_display = ["code", "name", "name_ja"]


class ActivityTypeViewSet(SnippetViewSet):
    model = ActivityType
    icon = "tag"
    list_display = ["code", "name", "name_ja"]
    search_fields = ["name", "name_ja", "code"]


class SeriesUnitsColumn(Column):
    """ "30 units", linking to the unit list filtered to the series: units are edited in
    their own list rather than inline on the series, where removing a row would silently
    untag every material that uses the unit."""

    def get_value(self, instance):
        url = reverse("wagtailsnippets_library_textbookunit:list")
        count = getattr(instance, "unit_count", 0)
        return format_html(
            '<a href="{}?{}">{}</a>',
            url,
            urlencode({"series": instance.pk}),
            ngettext("%(count)d unit", "%(count)d units", count) % {"count": count},
        )


class TextbookSeriesViewSet(SnippetViewSet):
    model = TextbookSeries
    icon = "doc-full"
    list_display = [
        "name",
        "name_reading",
        "publisher_ja",
        "stage",
        "edition",
        SeriesUnitsColumn("units", label=_("Units")),
    ]
    list_filter = ["stage", "edition"]
    search_fields = ["name", "name_reading", "publisher", "publisher_ja"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_reading")]),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("publisher_ja")]),
        FieldRowPanel([FieldPanel("stage"), FieldPanel("book_numbering")]),
        FieldPanel("grades"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("edition"), FieldPanel("edition_ja")])],
            heading=_("Edition"),
            help_text=_(
                "Mark the edition schools use now. Units keep the edition their titles belong "
                "to, so units of an earlier edition stay with the materials that use them."
            ),
        ),
        FieldPanel("sort_order"),
    ]

    def get_queryset(self, request):
        return TextbookSeries.objects.annotate(unit_count=Count("units"))


class TextbookUnitViewSet(SnippetViewSet):
    model = TextbookUnit
    icon = "list-ul"
    list_display = ["label", "series", "grade", "number", "title", "title_ja", "edition"]
    list_filter = ["series", "grade", "edition"]
    search_fields = ["label", "title", "title_ja", "series__name", "series__name_reading"]
    ordering = ["series__sort_order", "series__name", "grade__sort_order", "number", "label"]
    panels = [
        FieldRowPanel([FieldPanel("series"), FieldPanel("grade")]),
        FieldRowPanel([FieldPanel("label"), FieldPanel("number")]),
        FieldPanel("title"),
        FieldPanel("title_ja"),
        FieldPanel("edition"),
    ]

    def get_queryset(self, request):
        return TextbookUnit.objects.select_related("series", "grade")


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (
        GradeViewSet,
        SkillViewSet,
        ActivityTypeViewSet,
        TextbookSeriesViewSet,
        TextbookUnitViewSet,
    )


register_snippet(TaxonomyViewSetGroup)
