"""What a printout is remembered by: its key.

A print job (printing/models.py) is found again by a key made of what the PDF depends on:
the kind of thing, its id, its content version (a page's published revision, a plan's
version), the layout, the paper, the language, layout options and the site address its
links and QR codes point at (printing/links.py). Saving the content
changes the key, so the next print renders afresh: nothing has to be deleted on save, and
a stale PDF can never be served for new content. Keys also carry a fingerprint of the PDF
templates and stylesheets the apps registered (printing/registry.py), so a deploy that
changes a layout does not serve PDFs in the old one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .links import print_base_url
from .registry import layout_folders

KEY_PREFIX = "printing:pdf"


class PdfKey(NamedTuple):
    """What a cached PDF depends on. `extra` holds layout options such as row counts."""

    kind: str
    object_id: int | str
    version: int | str
    layout: str
    paper: str
    language: str
    extra: tuple = ()


def _layout_files() -> Iterable[tuple[str, Path]]:
    """(name, path) of every file: names relative to their folder, so two checkouts in
    different places agree on the fingerprint."""
    for folder in layout_folders():
        for path in sorted(path for path in folder.rglob("*") if path.is_file()):
            yield f"{folder.name}/{path.relative_to(folder)}", path


@lru_cache(maxsize=1)
def layout_fingerprint() -> str:
    """A short hash of every registered PDF template and print stylesheet, once a process."""
    digest = hashlib.sha256()
    for name, path in _layout_files():
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def pdf_cache_key(key_parts: PdfKey | Iterable[object], site_url: str = "") -> str:
    """The job key for `key_parts` printed for the site at `site_url` (by default the address
    being printed for): one page asked for on two addresses is two PDFs, each linking home."""
    site = site_url or print_base_url()
    text = "\x1f".join(str(part) for part in (layout_fingerprint(), site, *key_parts))
    return f"{KEY_PREFIX}:{hashlib.sha256(text.encode()).hexdigest()}"
