"""The site's main navigation, found in the page tree rather than hard-coded URLs, so that
editors can rename or move the library sections without breaking the header."""

from django import template
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

register = template.Library()

# (page model, label) in the order the header shows them.
SECTIONS = [
    ("materialindexpage", _("Library")),
    ("speechcontestindexpage", _("Speech contests")),
    ("clubindexpage", _("English club")),
]


@register.inclusion_tag("includes/site_sections.html", takes_context=True)
def site_sections(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    sections = []
    if site is not None:
        pages = {
            page.content_type.model: page
            for page in Page.objects.live()
            .descendant_of(site.root_page)
            .filter(content_type__model__in=[model for model, _label in SECTIONS])
            .select_related("content_type")
            .order_by("-path")  # the shallowest of each type wins below
        }
        current = request.path if request else ""
        for model, label in SECTIONS:
            page = pages.get(model)
            if page is not None:
                url = page.get_url(request)
                sections.append({"label": label, "url": url, "current": current.startswith(url)})
    return {"sections": sections}
