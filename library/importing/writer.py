"""Turning checked entries into library pages, the way an editor in the admin would.

New pages go under their section (materials, speech contests, English club) as drafts
with a first revision; existing pages (found by slug) get a new revision built on their
latest one, so the admin's history and "compare revisions" show what an import changed.
A line that matches the page as it stands writes nothing. `publish` publishes; otherwise
a live page keeps showing its published version and the import waits as a draft.

Files are stored once per content: a file whose SHA-1 a Wagtail document or image
already has is reused, so re-importing (or two pages sharing a worksheet) never
duplicates documents. Attachments are only rebuilt when their files or link texts changed.
"""

from dataclasses import dataclass

from django.core.files import File
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from library.models import (
    ClubIndexPage,
    LibraryAttachment,
    LibraryPage,
    MaterialIndexPage,
    RubricCriterion,
    SpeechContestIndexPage,
)

from .entry import ImportEntry
from .files import CheckedFile, default_title
from .report import CREATED, UNCHANGED, UPDATED
from .state import entry_state, page_state, wanted_link_text
from .taxonomy import TaxonomyResolver

SECTIONS = {
    "material": MaterialIndexPage,
    "speech_contest_guide": SpeechContestIndexPage,
    "club_activity": ClubIndexPage,
}


class MissingSection(LookupError):
    pass


class FileStore:
    """Finds or stores the Wagtail document/image for a checked file, once per content."""

    def __init__(self):
        self.documents = get_document_model()
        self.images = get_image_model()
        self._stored: dict[tuple[str, str], object] = {}

    def get(self, checked: CheckedFile, title: str = ""):
        model = self.images if checked.stored_as_image else self.documents
        key = (model.__name__, checked.sha1)
        if key in self._stored:
            return self._stored[key]
        item = model.objects.filter(file_hash=checked.sha1).order_by("pk").first()
        if item is None:
            item = self._store(model, checked, title or default_title(checked.name))
        self._stored[key] = item
        return item

    def _store(self, model, checked: CheckedFile, title: str):
        with checked.path.open("rb") as handle:
            item = model(title=title[:255], file=File(handle, name=checked.name))
            if checked.stored_as_image:
                item._set_image_file_metadata()
            else:
                item._set_document_file_metadata()
            item.save()
        return item


def existing_page(entry: ImportEntry) -> LibraryPage | None:
    page = entry.model.objects.filter(slug=entry.slug).first()
    return page.specific if page is not None else None


@dataclass(frozen=True)
class Plan:
    """What importing one entry will do, decided before anything is written."""

    result: str  # CREATED, UPDATED or UNCHANGED
    latest: LibraryPage | None = None  # the page as its latest revision stands
    content_changed: bool = True
    files_changed: bool = True


def plan(entry: ImportEntry, page: LibraryPage | None, publish: bool) -> Plan:
    if page is None:
        return Plan(CREATED)
    latest = page.get_latest_revision_as_object()
    wanted, current = entry_state(entry), page_state(latest)
    if wanted != current:
        return Plan(UPDATED, latest, files_changed=wanted["files"] != current["files"])
    if publish and (not page.live or page.has_unpublished_changes):
        return Plan(UPDATED, latest, content_changed=False, files_changed=False)
    return Plan(UNCHANGED, latest, content_changed=False, files_changed=False)


def planned_result(entry: ImportEntry, page: LibraryPage | None, publish: bool) -> str:
    """What importing the entry will do (for a dry run)."""
    return plan(entry, page, publish).result


class PageWriter:
    def __init__(self, *, publish: bool):
        self.publish = publish
        self.taxonomy = TaxonomyResolver()
        self.files = FileStore()

    def write(self, entry: ImportEntry) -> str:
        page = existing_page(entry)
        decided = plan(entry, page, self.publish)
        if decided.result == CREATED:
            self._create(entry)
        elif decided.content_changed:
            self._update(entry, decided.latest, files_changed=decided.files_changed)
        elif decided.result == UPDATED:
            self._publish_latest(page)
        return decided.result

    # -- the three ways a page is written ----------------------------------------------
    def _create(self, entry: ImportEntry) -> None:
        parent = SECTIONS[entry.kind].objects.first()
        if parent is None:
            raise MissingSection(
                f"There is no {SECTIONS[entry.kind]._meta.verbose_name} page to import into."
            )
        page = entry.model(slug=entry.slug, live=False)
        self._apply(page, entry, files_changed=True)
        parent.add_child(instance=page)
        revision = page.save_revision(log_action="wagtail.create")
        if self.publish:
            revision.publish(log_action=True)

    def _update(self, entry: ImportEntry, latest: LibraryPage, *, files_changed: bool) -> None:
        """A new revision on top of the latest one (the draft, if there is one)."""
        self._apply(latest, entry, files_changed=files_changed)
        revision = latest.save_revision(log_action=True)
        if self.publish:
            revision.publish(log_action=True)

    def _publish_latest(self, page: LibraryPage) -> None:
        revision = page.get_latest_revision() or page.save_revision(log_action=True)
        revision.publish(log_action=True)

    # -- fields ------------------------------------------------------------------------
    def _apply(self, page: LibraryPage, entry: ImportEntry, *, files_changed: bool) -> None:
        for name, value in entry.fields.items():
            setattr(page, name, value)
        page.slug = entry.slug
        body_blocks = page._meta.get_field("body").stream_block.child_blocks
        page.body = [
            (kind, self._resolve_media(body_blocks[kind], value)) for kind, value in entry.body
        ]
        page.grades.set([self.taxonomy.grades[code] for code in entry.grades])
        page.skills.set([self.taxonomy.skills[code] for code in entry.skills])
        page.activity_types.set(
            [self.taxonomy.activity_types[code] for code in entry.activity_types]
        )
        page.textbook_units.set([self.taxonomy.unit(ref) for ref in entry.units])
        page.tags.set(entry.tags)
        if files_changed:
            page.attachments = [
                self._attachment(ref, order) for order, ref in enumerate(entry.files)
            ]
        if entry.kind == "speech_contest_guide":
            page.rubric_criteria = [
                RubricCriterion(
                    criterion=row.criterion,
                    criterion_ja=row.criterion_ja,
                    points=row.points,
                    sort_order=order,
                )
                for order, row in enumerate(entry.rubric)
            ]

    def _attachment(self, ref, order: int) -> LibraryAttachment:
        wanted = wanted_link_text(ref)
        item = self.files.get(ref.file, wanted)
        attachment = LibraryAttachment(
            title="" if item.title == wanted else wanted[:150], sort_order=order
        )
        if ref.file.stored_as_image:
            attachment.image = item
        else:
            attachment.document = item
        return attachment

    def _resolve_media(self, block, value):
        """The block's value with its checked files stored (or found) as Wagtail
        documents and images, titled as the block says."""
        if not isinstance(value, dict):
            return value
        return {
            key: self.files.get(item, block.stored_file_title(value))
            if isinstance(item, CheckedFile)
            else item
            for key, item in value.items()
        }
