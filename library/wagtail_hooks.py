"""The taxonomy in the Wagtail admin, as snippets editors manage from one "Taxonomy" menu."""

from django.utils.translation import gettext_lazy as _
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


class TextbookSeriesViewSet(SnippetViewSet):
    model = TextbookSeries
    icon = "doc-full"
    list_display = ["name", "publisher", "publisher_ja"]
    search_fields = ["name", "publisher", "publisher_ja"]


class TextbookUnitViewSet(SnippetViewSet):
    model = TextbookUnit
    icon = "list-ul"
    list_display = ["series", "grade", "label", "title", "title_ja"]
    list_filter = ["series", "grade"]
    search_fields = ["label", "title", "title_ja"]


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
