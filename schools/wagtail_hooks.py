"""Schools in the Wagtail admin, minimal: editors can look a school up and fix its name or
members when a teacher asks. Teachers manage their schools and classes on the site
(schools/views/)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import School, SchoolClass, SchoolMembership


class SchoolViewSet(SnippetViewSet):
    model = School
    icon = "home"
    list_display = ["name", "name_ja", "stage", "prefecture"]
    list_filter = ["stage"]


class SchoolMembershipViewSet(SnippetViewSet):
    model = SchoolMembership
    icon = "user"
    list_display = ["school", "user", "role", "added_at"]
    list_filter = ["role"]


class SchoolClassViewSet(SnippetViewSet):
    model = SchoolClass
    icon = "group"
    list_display = ["name", "school", "academic_year", "grade", "students"]
    list_filter = ["academic_year"]


class SchoolsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Schools")
    menu_icon = "home"
    menu_order = 310
    items = (SchoolViewSet, SchoolMembershipViewSet, SchoolClassViewSet)


register_snippet(SchoolsViewSetGroup)
