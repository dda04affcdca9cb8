"""Page pictures in templates, through the one URL builder (library/previews/).

{% load previews %}
{% first_preview card_page as thumb %}{% if thumb %}<img src="{{ thumb }}" …>{% endif %}
{% preview_pictures file as pictures %}  {# the strip: number, url, large_url, view_url #}
"""

from django import template

from library.previews import first_preview_url, page_pictures, pages_url

register = template.Library()


@register.simple_tag
def first_preview(page) -> str:
    """Page 1 of the page's first previewed file, for cards ("" when none)."""
    return first_preview_url(page)


@register.simple_tag
def preview_pictures(attachment) -> list:
    return page_pictures(attachment)


@register.simple_tag
def preview_pages_url(attachment, number: int = 1) -> str:
    return pages_url(attachment, number)
