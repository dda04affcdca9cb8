"""`{% library_link "add_to_plan" page.id as add_url %}`: a link the apps above the library
registered (library/links.py); "" when none did, so the template can leave it out."""

from django import template

from library import links

register = template.Library()


@register.simple_tag
def library_link(name: str, *args) -> str:
    return links.link(name, *args)
