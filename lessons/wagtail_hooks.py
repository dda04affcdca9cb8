"""学習指導案 layouts in the Wagtail admin: editors copy a layout ("Copy" in its menu) and
change its sections' order and headings for their prefecture's or school's form. The
sections offered are the ones Kyozai can print, each at most once (lessons/models/shidouan.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ShidouanLayout


class ShidouanLayoutViewSet(SnippetViewSet):
    model = ShidouanLayout
    icon = "list-ol"
    menu_label = _("学習指導案 layouts")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "key", "compact", "sort_order", "updated_at"]
    copy_view_enabled = True


register_snippet(ShidouanLayoutViewSet)
