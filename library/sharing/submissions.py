"""Turning a teacher's share form into a draft material in the editors' moderation queue.

A submission is an ordinary draft `MaterialPage` owned by the teacher, with a saved
revision and a running moderation workflow: exactly what Wagtail's own "Submit for
moderation" produces, so editors review it in the admin like any other page. Nothing goes
live here; only an editor's approval publishes.
"""

import logging
from pathlib import PurePath

from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, WorkflowState

from library.models import LibraryAttachment, MaterialIndexPage, MaterialPage
from library.uploads import check_upload

from .body import TeacherSections, body_from_sections, lines_of, sections_from_body

logger = logging.getLogger("kyozai.library.sharing")

SHARED_COLLECTION_NAME = "Shared by teachers"


class NoLibrarySection(Exception):
    """The site has no materials section to file the submission under."""


def shared_collection() -> Collection:
    """The Wagtail collection teachers' files go in, made on first use."""
    existing = Collection.objects.filter(name=SHARED_COLLECTION_NAME).order_by("path").first()
    if existing is not None:
        return existing
    return Collection.get_first_root_node().add_child(name=SHARED_COLLECTION_NAME)


def _title_from_file_name(name: str) -> str:
    stem = PurePath(name).stem
    return " ".join(stem.replace("_", " ").replace("-", " ").split())[:255] or name[:255]


def store_file(uploaded, user, collection: Collection) -> LibraryAttachment:
    """Save one checked upload as a Wagtail image or document; return an unsaved attachment."""
    kind = check_upload(uploaded)  # again: nothing reaches storage unchecked
    title = _title_from_file_name(uploaded.name)
    if kind.kind == "image":
        item = get_image_model()(
            title=title, file=uploaded, collection=collection, uploaded_by_user=user
        )
        item._set_image_file_metadata()
        item.save()
        return LibraryAttachment(image=item)
    item = get_document_model()(
        title=title, file=uploaded, collection=collection, uploaded_by_user=user
    )
    item._set_document_file_metadata()
    item.save()
    return LibraryAttachment(document=item)


def _sections(data: dict, keep_from=None) -> TeacherSections:
    sections = TeacherSections(
        steps=lines_of(data["steps"]),
        materials_needed=lines_of(data.get("materials_needed", "")),
        variations=lines_of(data.get("variations", "")),
        jte_tip=(data.get("jte_tip") or "").strip(),
        alt_tip=(data.get("alt_tip") or "").strip(),
    )
    if keep_from is not None:
        sections.other_blocks = sections_from_body(keep_from).other_blocks
    return sections


def _apply(page: MaterialPage, data: dict) -> None:
    """Copy the form's answers onto the page (not saved)."""
    for name in MaterialPage.PLAIN_FIELDS:
        value = data.get(name)
        setattr(page, name, value if value is not None or name == "duration_minutes" else "")
    page.body = body_from_sections(_sections(data, keep_from=page.body if page.pk else None))
    page.grades = list(data["grades"])
    page.skills = list(data.get("skills") or [])
    page.activity_types = list(data.get("activity_types") or [])
    unit = data.get("textbook_unit")
    page.textbook_units = [unit] if unit else []
    page.tags.set(data.get("tags") or [])


def _unique_slug(section, title: str, page: MaterialPage | None = None) -> str:
    base = slugify(title, allow_unicode=True)[:70].strip("-") or "material"
    siblings = section.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _attach(page: MaterialPage, uploads, user, keep: list[LibraryAttachment]) -> None:
    attachments = list(keep)
    if uploads:
        collection = shared_collection()
        attachments += [store_file(uploaded, user, collection) for uploaded in uploads]
    for order, attachment in enumerate(attachments):
        attachment.sort_order = order
    page.attachments = attachments


def _send_to_moderation(page: MaterialPage, user) -> WorkflowState | None:
    """Start (or resume, after "changes requested") the page's moderation workflow."""
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return state.resume(user)
    if state is not None:
        return state
    workflow = page.get_workflow()
    if workflow is None:
        # Editors turned moderation off for the library: the draft waits in the admin.
        logger.warning("No moderation workflow for %s; left as a draft.", page.url_path)
        return None
    return workflow.start(page, user)


def submit_new_material(data: dict, user) -> MaterialPage:
    """Create the draft page, its files and first revision, and send it to the editors."""
    section = MaterialIndexPage.objects.order_by("path").first()
    if section is None:
        raise NoLibrarySection
    with transaction.atomic():
        page = MaterialPage(owner=user, live=False, has_unpublished_changes=True)
        _apply(page, data)
        page.slug = _unique_slug(section, data["title"])
        _attach(page, data.get("files"), user, keep=[])
        section.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=user)
        page.save_revision(user=user, log_action=False)
        _send_to_moderation(page, user)
    return page


def resubmit_material(page: MaterialPage, data: dict, user) -> MaterialPage:
    """Save a teacher's edits to their unpublished submission and send it back."""
    with transaction.atomic():
        draft = page.get_latest_revision_as_object()
        removed = set(data.get("remove_files") or [])
        keep = [item for item in draft.attachments.all() if item.pk not in removed]
        _apply(draft, data)
        _attach(draft, data.get("files"), user, keep=keep)
        # An unpublished page's row holds its content, as Wagtail's own editor keeps it.
        draft.save()
        draft.save_revision(user=user, log_action=True)
        _send_to_moderation(draft, user)
    return draft


def initial_from_page(page: MaterialPage) -> dict:
    """The form filled in from the submission's latest revision, for editing."""
    draft = page.get_latest_revision_as_object()
    units = list(draft.textbook_units.all())
    return {
        **{name: getattr(draft, name) for name in MaterialPage.PLAIN_FIELDS},
        **sections_from_body(draft.body).as_initial(),
        "grades": list(draft.grades.all()),
        "skills": list(draft.skills.all()),
        "activity_types": list(draft.activity_types.all()),
        "textbook_unit": units[0] if units else None,
        "tags": ", ".join(tag.name for tag in draft.tags.all()),
        # They confirmed the rights when they first shared it; a fix keeps that answer.
        "confirm_rights": True,
    }


def attachments_of(page: MaterialPage) -> list[LibraryAttachment]:
    draft = page.get_latest_revision_as_object()
    return [item for item in draft.attachments.all() if item.pk]
