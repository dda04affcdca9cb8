"""Every body block breaks across pages without printing anything twice or losing it (#16.1).

Team-teaching tips were once laid out as floats. WeasyPrint lays out again, on the next
page, a float that meets the bottom of a page, so on 23 of the demo's 83 material and
club-activity printouts the tips printed twice: once cut off without their heading, then
again under it. Side-by-side boxes are now a table row (`.pdf-pair` in printing/pdf.css).

Two tests, both through the real renderer, block templates and stylesheets, reading the
PDF's text back. Each text a block prints starts and ends with a marker of fixed width
(`Q03…a` never occurs inside `Q13…a`), and every marker must be extracted exactly once:

- each block type alone, started at a sweep of heights near the bottom of a page (one
  "trial" per page), so that it meets the page's end at every point that matters — the
  doubled tips showed only when the heading fitted and the boxes did not, a 16 mm window;
- a whole library page holding every block type with long content, in English and
  Japanese, as a visitor prints it.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.template import engines
from wagtail.documents.models import Document
from wagtail.embeds.blocks import EmbedValue
from wagtail.images.models import Image

from library.blocks import LibraryBodyBlock
from library.printing.content import render_page_pdf
from printing.inspect import page_texts
from printing.papers import Paper
from printing.render import render_pdf
from tests.factories.library import ClubActivityPageFactory, MaterialPageFactory
from tests.library.sample_files import image_bytes

BLOCK_TYPES = list(LibraryBodyBlock.base_blocks)
WORDS = "Students practise the phrase with a partner and then swap roles again."
# Where each trial's block starts: this far down an A4 page's 264 mm of content, 6 mm
# apart — finer than the 16 mm window in which the floated tips printed twice.
TRIAL_STARTS_MM = range(198, 262, 6)
TRIALS = engines["django"].from_string(
    '{% extends "printing/base_pdf.html" %}'
    '{% block pdf_styles %}<style>{% include "library/pdf/styles.css" %}</style>{% endblock %}'
    "{% block content %}{% for trial in trials %}"
    '<div style="break-before: page; height: {{ trial.start }}mm">Trial{{ trial.number }}</div>'
    "{{ trial.html }}{% endfor %}{% endblock %}"
)


def _long(marker: str, sentences: int) -> str:
    """A text that starts with `<marker>a` and ends with `<marker>z`."""
    return " ".join([f"{marker}a", *[WORDS] * sentences, f"{marker}z"])


def _ends(marker: str) -> list[str]:
    return [f"{marker}a", f"{marker}z"]


class Files:
    """The stored files the media blocks point at."""

    def __init__(self) -> None:
        self.picture = Image.objects.create(
            title="Cards", file=ImageFile(io.BytesIO(image_bytes()), name="cards.png")
        )
        self.document = Document.objects.create(
            title="Sheet", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="sheet.pdf")
        )
        self.audio = Document.objects.create(
            title="Chant", file=ContentFile(b"ID3", name="chant.mp3")
        )


def _list_block(kind: str, field: str, marker: str, count: int, sentences: int):
    items = [_long(f"{marker}n{n}", sentences) for n in range(count)]
    return (kind, {field: items}), [m for n in range(count) for m in _ends(f"{marker}n{n}")]


def _text_block(kind: str, marker: str):
    """A text-only block of `kind` with long content, and the markers it must print once."""
    if kind == "steps":
        block, markers = _list_block("steps", "steps", marker, 5, 2)
        block[1]["heading"] = "How to run it"
        return block, markers
    if kind == "materials_needed":
        return _list_block(kind, "items", marker, 9, 0)
    if kind == "variations":
        return _list_block(kind, "variations", marker, 6, 1)
    if kind == "tips":
        value = {"jte_tip": _long(f"{marker}j", 3), "alt_tip": _long(f"{marker}l", 2)}
        return (kind, value), _ends(f"{marker}j") + _ends(f"{marker}l")
    if kind == "rich_text":
        paragraphs = "".join(f"<p>{_long(f'{marker}p{n}', 3)}</p>" for n in range(3))
        return (kind, paragraphs), [m for n in range(3) for m in _ends(f"{marker}p{n}")]
    if kind == "embed":
        # The printout shows the address (a QR code and the URL): the marker is in it.
        return (kind, EmbedValue(f"https://www.youtube.com/watch?v={marker}v")), [f"{marker}v"]
    return None


def _block(kind: str, marker: str, files: Files):
    """One block of `kind` with long content, and the markers its printout must hold once."""
    text_block = _text_block(kind, marker)
    if text_block is not None:
        return text_block
    if kind == "image":
        value = {"image": files.picture, "caption": _long(marker, 1), "alt_text": "Cards"}
        return (kind, value), _ends(marker)
    if kind == "document":
        return (kind, {"document": files.document, "label": _long(marker, 0)}), _ends(marker)
    if kind == "audio":
        value = {"audio": files.audio, "caption": f"{marker}c", "transcript": _long(marker, 8)}
        return (kind, value), [f"{marker}c", *_ends(marker)]
    raise AssertionError(f"No long sample for the block type {kind!r}: add one here.")


def _flat(text: str) -> str:
    # Addresses may wrap anywhere (word-break: break-all): compare without white space.
    return re.sub(r"\s+", "", text)


def _printed_wrongly(flat_text: str, markers: list[str]) -> dict[str, int]:
    return {marker: flat_text.count(marker) for marker in markers if flat_text.count(marker) != 1}


def _first_page_with(pages: list[str], text: str) -> int:
    return next(n for n, page in enumerate(pages) if text in _flat(page))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BLOCK_TYPES)
def test_each_block_type_meets_the_bottom_of_a_page_and_prints_once(kind):
    files, body_block = Files(), LibraryBodyBlock()
    trials, markers, allowed = [], [], []
    for number, start in enumerate(TRIAL_STARTS_MM):
        (block_type, raw), expected = _block(kind, f"Q{number:02d}{kind.replace('_', '')}", files)
        child = body_block.child_blocks[block_type]
        printed = child.render_for_print(child.normalize(raw))
        trials.append({"number": f"{number:02d}", "start": start, "html": printed.html})
        markers.append(expected)
        allowed.extend(printed.files)

    pages = page_texts(render_pdf(TRIALS, {"trials": trials}, allowed_files=allowed))

    flat = _flat("".join(pages))
    wrong = {m: n for expected in markers for m, n in _printed_wrongly(flat, expected).items()}
    assert not wrong, f"{kind}: printed a number of times other than once: {wrong}"
    # The sweep did meet page ends: some blocks end on a later page than their trial began.
    broken = [
        number
        for number, expected in enumerate(markers)
        if _first_page_with(pages, expected[-1]) > _first_page_with(pages, f"Trial{number:02d}")
    ]
    assert broken, f"{kind}: no trial reached the next page, so no page break was checked"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "language"), [(MaterialPageFactory, "en"), (ClubActivityPageFactory, "ja")]
)
def test_a_page_with_every_block_type_prints_each_text_once(factory, language):
    files, body, markers, tips = Files(), [], [], 0
    for round_ in range(2):
        for kind in BLOCK_TYPES:
            block, expected = _block(kind, f"Q{len(body):02d}{kind.replace('_', '')}", files)
            body.append(block)
            markers.extend(expected)
            tips += kind == "tips"
        body.append(("rich_text", "<p>Spacer line.</p>" * (round_ + 2)))
    page = factory(title="Long page", slug="long-page", body=body)

    pages = page_texts(render_page_pdf(page, Paper.A4, language))

    assert len(pages) > 3, "the test needs page breaks"
    flat = _flat("".join(pages))
    assert not _printed_wrongly(flat, markers)
    heading = "ティーム・ティーチングのヒント" if language == "ja" else "Team-teaching tips"
    assert flat.count(_flat(heading)) == tips
