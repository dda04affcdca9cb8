"""What a library page prints: its facts, its body blocks laid out for paper, its files
with QR codes, and the list of image files the renderer may read for it.

Built in Python rather than in the template so the view knows, before rendering, exactly
which files belong to the page (the print fetcher's allow list) and the template stays a
layout. Each body block renders its own paper form (`render_for_print`, library/blocks/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from library.blocks import PrintedBlock
from library.models import LibraryPage, SpeechContestGuidePage
from printing.links import absolute_url
from printing.papers import Paper
from printing.render import render_pdf


@dataclass
class PrintedFile:
    title: str
    kind: str
    extension: str
    size: int | None
    url: str


@dataclass
class PageContent:
    """The template context for templates/library/pdf/library_page.html."""

    page: LibraryPage
    page_url: str
    facts: list[tuple[str, Any]]
    blocks: list[PrintedBlock]
    files: list[PrintedFile]
    rubric: list[Any] = field(default_factory=list)
    rubric_total: int = 0
    allowed_files: list[str] = field(default_factory=list)
    language: str = "en"

    def as_context(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "kind_label": capfirst(str(type(self.page)._meta.verbose_name)),
            "page_url": self.page_url,
            "facts": self.facts,
            "blocks": self.blocks,
            "files": self.files,
            "rubric": self.rubric,
            "rubric_total": self.rubric_total,
            # Japanese printouts lead with the Japanese title and summary.
            "japanese_first": self.language == "ja",
        }


def page_url(page: LibraryPage) -> str:
    return absolute_url(page.url or "/")


def _names(items) -> str:
    """Both names of each taxonomy item, the reading language first (the PDF is printed
    inside `translation.override`, so `shown_name` already follows it)."""
    shown = []
    for item in items:
        other = item.name if item.shown_name != item.name else getattr(item, "name_ja", "")
        shown.append(f"{item.shown_name} ({other})" if other else item.shown_name)
    return ", ".join(shown)


def _facts(page: LibraryPage) -> list[tuple[str, Any]]:
    facts: list[tuple[str, Any]] = []
    grades = list(page.grades.all())
    if grades:
        facts.append((_("Grades"), ", ".join(g.shown_name for g in grades)))
    skills = list(page.skills.all())
    if skills:
        facts.append((_("Skill areas"), _names(skills)))
    if page.duration_minutes:
        facts.append((_("Minutes"), _("%(minutes)s minutes") % {"minutes": page.duration_minutes}))
    activity_types = list(page.activity_types.all())
    if activity_types:
        facts.append((_("Activity types"), _names(activity_types)))
    units = list(page.textbook_units.all())
    if units:
        facts.append((_("Textbook units"), "; ".join(unit.display_name() for unit in units)))
    facts.extend(page.type_facts())
    tags = list(page.tags.all())
    if tags:
        facts.append((_("Tags"), ", ".join(tag.name for tag in tags)))
    # Licence and credit up here rather than in a closing section, which too often ended
    # up alone on a last sheet of paper. The page's address is in every page's footer.
    licence = page.get_licence_display()
    facts.append((_("Licence"), f"{licence} ({page.licence_url})" if page.licence_url else licence))
    if page.author_credit:
        facts.append((_("Made by"), page.author_credit))
    return facts


def _blocks(page: LibraryPage, allowed_files: list[str]) -> list[PrintedBlock]:
    """Each body block as it lays itself out for paper (library/blocks/); the images it
    embeds join the renderer's allow list."""
    printed = []
    for child in page.body:
        block = child.block.render_for_print(child.value)
        if block is not None:
            printed.append(block)
            allowed_files.extend(block.files)
    return printed


def _files(page: LibraryPage) -> list[PrintedFile]:
    files = []
    attachments = page.attachments.all()
    if hasattr(attachments, "select_related"):
        attachments = attachments.select_related("document", "image")
    for attachment in attachments:
        item = attachment.document or attachment.image
        if item is None:
            continue
        url = attachment.document.url if attachment.document else attachment.image.file.url
        extension = attachment.file.name.rsplit(".", 1)[-1].lower() if attachment.file else ""
        try:
            size = item.get_file_size()
        except OSError:
            size = None
        files.append(
            PrintedFile(
                title=attachment.shown_title,
                kind=_("Image") if attachment.image else _("Document"),
                extension=extension.upper(),
                size=size,
                url=absolute_url(url),
            )
        )
    return files


def page_content(page: LibraryPage, language: str = "en") -> PageContent:
    """Call inside `translation.override(language)`: labels and taxonomy names follow it."""
    allowed_files: list[str] = []
    content = PageContent(
        page=page,
        language=language,
        page_url=page_url(page),
        facts=_facts(page),
        blocks=_blocks(page, allowed_files),
        files=_files(page),
        allowed_files=allowed_files,
    )
    if isinstance(page, SpeechContestGuidePage):
        content.rubric = list(page.rubric_criteria.all())
        content.rubric_total = sum(criterion.points or 0 for criterion in content.rubric)
    return content


def render_page_pdf(page: LibraryPage, paper: Paper, language: str) -> bytes:
    """The printout of any library page: material, speech-contest guide or club activity."""
    with translation.override(language):
        content = page_content(page, language)
    title = page.title_ja if language == "ja" and page.title_ja else page.title
    return render_pdf(
        "library/pdf/library_page.html",
        content.as_context(),
        paper=paper,
        language=language,
        title=title,
        footer_note=content.page_url,
        allowed_files=content.allowed_files,
    )
