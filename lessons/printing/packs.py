"""The print pack: the plan, then every linked material's PDF files in step order, one
bookmark per part, as one PDF a teacher prints in one go before class.

Files come from teachers' uploads, so each is read through the storage (never a path or a
URL), checked with `printing.packs.open_pdf` before the plan is rendered, and left out when
damaged, password-protected or too big; the plan then lists it with its download link and
QR code instead, so nothing silently goes missing.
"""

from __future__ import annotations

import logging

from django.core.exceptions import SuspiciousFileOperation
from django.utils import translation
from django.utils.translation import gettext as _

from printing.limits import MAX_FETCHED_FILE_BYTES, MAX_PACK_PAGES
from printing.packs import Pack, PackPart, UnreadablePdf, assemble_pack, open_pdf

from .layouts import PlanPrint

logger = logging.getLogger("kyozai.printing")

# Pages kept for the plan itself when adding up the attachments.
PLAN_PAGE_ALLOWANCE = 20


def _read(file) -> bytes:
    """An attachment's bytes, read through its storage, at most the print size limit."""
    try:
        with file.storage.open(file.name, "rb") as handle:
            data = handle.read(MAX_FETCHED_FILE_BYTES + 1)
    except (OSError, SuspiciousFileOperation, ValueError) as error:
        raise UnreadablePdf(f"missing file ({type(error).__name__})") from None
    if len(data) > MAX_FETCHED_FILE_BYTES:
        raise UnreadablePdf("too big")
    return data


def collect_attachments(printout: PlanPrint) -> list[PackPart]:
    """The PDFs that go into the pack, in step order, each file once. Marks every file
    of `printout` as packed or not (with the reason), so the plan lists the rest."""
    parts, seen, pages = [], set(), PLAN_PAGE_ALLOWANCE
    for material in printout.materials:
        for file in material.files:
            if not file.is_pdf or file.attachment is None:
                continue
            document = file.attachment.document
            if document.pk in seen:
                file.in_pack = True
                continue
            try:
                data = _read(document.file)
                count = len(open_pdf(data).pages)
                if pages + count > MAX_PACK_PAGES:
                    raise UnreadablePdf("the pack would be too long")
            except UnreadablePdf as problem:
                logger.warning("Print pack cannot include %r: %s", file.title, problem)
                with translation.override(printout.language):
                    file.problem = _("Could not be added to this pack: print it from its link.")
                continue
            seen.add(document.pk)
            pages += count
            file.in_pack = True
            parts.append(PackPart(f"{material.title}: {file.title}", data))
    return parts


def build_pack(printout: PlanPrint, paper) -> Pack:
    """The plan (listing whatever could not be packed) followed by the packed PDFs."""
    printout.in_pack = True
    attachments = collect_attachments(printout)
    plan_pdf = printout.render(paper)
    parts = [PackPart(printout.title, plan_pdf), *attachments]
    return assemble_pack(parts, title=printout.title)
