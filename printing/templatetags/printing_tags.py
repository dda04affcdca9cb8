"""Template helpers for PDF layouts: QR codes, safe CSS strings, page counters, file URLs."""

from __future__ import annotations

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from printing.links import absolute_url as _absolute_url
from printing.links import storage_url as _storage_url
from printing.qr import qr_data_uri

register = template.Library()

_PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


def css_string_literal(value: object) -> str:
    """A double-quoted CSS string holding `value` as plain text. Quotes, backslashes and
    line breaks are escaped, and so are < > & so the result can sit inside <style>."""
    out = []
    for char in str(value):
        if char in '\\"':
            out.append("\\" + char)
        elif char in "<>&" or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):X} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


@register.filter
def css_string(value: object) -> SafeString:
    return mark_safe(css_string_literal(value))  # noqa: S308 - escaped just above  # nosec B308, B703


@register.simple_tag
def page_counter_css() -> SafeString:
    """CSS `content` for "Page 1 of 3" in the active language, built from one
    translatable sentence so a translator can reorder it ("3ページ中1ページ")."""
    sentence = gettext("Page %(page)s of %(pages)s")
    parts = []
    position = 0
    for match in _PLACEHOLDER.finditer(sentence):
        if match.start() > position:
            parts.append(css_string_literal(sentence[position : match.start()]))
        parts.append(f"counter({match.group(1)})")
        position = match.end()
    if position < len(sentence):
        parts.append(css_string_literal(sentence[position:]))
    return mark_safe(" ".join(parts) or 'counter(page) " / " counter(pages)')  # noqa: S308 - escaped  # nosec B308, B703


@register.filter
def storage_url(name: str) -> str:
    """The address of a file the view allowed for this render (`allowed_files`)."""
    return _storage_url(name) if name else ""


@register.filter
def absolute_url(path_or_url: str) -> str:
    return _absolute_url(path_or_url) if path_or_url else ""


@register.simple_tag
def qr_code(url: str, label: str = "") -> SafeString:
    """An <img> of a QR code for `url`, or nothing for an address that cannot be one."""
    try:
        uri = qr_data_uri(url)
    except ValueError:
        return mark_safe("")  # empty, nothing to escape  # nosec B308, B703
    return format_html(
        '<img class="qr" src="{}" alt="{}">', uri, label or gettext("QR code: %s") % url
    )
