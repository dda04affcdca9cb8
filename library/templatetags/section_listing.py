"""`{% section_listing %}`: a section index's filter panel, chips and page of cards.

The page model only knows which pages it lists (`SectionIndexPage.listed_pages`); turning
the visitor's GET parameters into a filtered, paged list is presentation, done here with
library/listing.py, so no model module imports it.
"""

from django import template

from library.listing import build_listing

register = template.Library()


@register.inclusion_tag("library/includes/listing.html", takes_context=True)
def section_listing(context):
    request = context["request"]
    page = context["page"]
    listing = build_listing(page.listed_pages(), request.GET)
    # For the full-page cache (config/page_cache/query.py): an address with values the
    # list dropped is answered, not stored, so made-up values cannot fill the cache.
    request.query_as_read = listing.query_as_read
    return {"request": request, "page": page, "listing": listing}
