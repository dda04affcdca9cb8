"""Keep attachment previews in step with their files.

Connected from LibraryConfig.ready(). An attachment is saved when its page is created,
edited or a revision is published (modelcluster saves each child); a document or image is
saved when an editor replaces its file. Either way the preview is brought up to date after
the transaction commits, so a broken PDF can never undo the save that brought it.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import Signal
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from library.models import LibraryAttachment, LibraryPage

# Sent by library/previews/store.py when the words found inside a file changed (sender:
# LibraryAttachment, page_id=…): search re-indexes the page (search/signals.py), which the
# library itself never calls.
file_text_changed = Signal()

# Sent by library/related/store.py when pages' stored related lists were replaced
# (sender: RelatedMaterial, page_ids=[…]): the page cache forgets what it holds.
related_materials_changed = Signal()

# Saves that only fill in Wagtail's cached metadata: the file itself did not change.
METADATA_ONLY = {"file_hash", "file_size"}


def attachment_saved(sender, instance: LibraryAttachment, raw: bool = False, **kwargs) -> None:
    if raw:  # loading fixtures: files may not be there yet
        return
    from library.previews import schedule_preview

    schedule_preview(instance.pk)


def _file_replaced(field_name: str):
    def handler(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if raw or created or (update_fields and set(update_fields) <= METADATA_ONLY):
            return
        from library.previews import schedule_preview

        for attachment_id in LibraryAttachment.objects.filter(
            **{field_name: instance.pk}
        ).values_list("pk", flat=True):
            schedule_preview(attachment_id)

    return handler


document_saved = _file_replaced("document")
image_saved = _file_replaced("image")


# --- Related materials (library/related/) -----------------------------------------------
# Lists are worked out in the background (`default` queue) once the change commits; the
# cards are read through the privacy rule anyway, so a list a moment behind never shows a
# page that has gone private.


def _enqueue_related(page_ids, with_unit_neighbours: bool = False) -> None:
    from library.tasks import refresh_related_materials

    ids = sorted(set(page_ids))

    def enqueue() -> None:
        for page_id in ids:
            refresh_related_materials.enqueue(page_id, with_unit_neighbours)

    if ids:
        transaction.on_commit(enqueue, robust=True)


def _library_pages_at_or_under(page: Page) -> list[int]:
    return list(
        LibraryPage.objects.filter(path__startswith=page.path, depth__gte=page.depth).values_list(
            "pk", flat=True
        )
    )


def _lists_naming(page_ids) -> set[int]:
    from library.related import pages_naming

    return pages_naming(page_ids)


def related_on_published(sender, instance, **kwargs) -> None:
    if isinstance(instance, LibraryPage):
        _enqueue_related([instance.pk], with_unit_neighbours=True)


def related_on_unpublished(sender, instance, **kwargs) -> None:
    if isinstance(instance, LibraryPage):
        _enqueue_related({instance.pk, *_lists_naming([instance.pk])})


def related_on_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if url_path_before != url_path_after:
        _enqueue_related(_lists_naming(_library_pages_at_or_under(instance)))


def related_on_deleted(sender, instance, **kwargs) -> None:
    """Before the rows go (their list entries go with them, by cascade): the lists that
    named the page are redone, so they fill the hole."""
    _enqueue_related(_lists_naming([instance.pk]) - {instance.pk})


def related_on_restriction_changed(sender, instance, **kwargs) -> None:
    """A page made private leaves every list; made public again, it gets a list and joins
    its unit's lists."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    pages = _library_pages_at_or_under(page)
    _enqueue_related(_lists_naming(pages))
    _enqueue_related(pages, with_unit_neighbours=True)


def connect_related() -> None:
    uid = "library.related"
    page_published.connect(related_on_published, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(related_on_unpublished, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(related_on_moved, dispatch_uid=f"{uid}.moved")
    pre_delete.connect(related_on_deleted, sender=LibraryPage, dispatch_uid=f"{uid}.deleted")
    post_save.connect(
        related_on_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}.pvr_saved"
    )
    post_delete.connect(
        related_on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid=f"{uid}.pvr_deleted",
    )


def connect() -> None:
    connect_related()
    post_save.connect(
        attachment_saved, sender=LibraryAttachment, dispatch_uid="library.attachment_preview"
    )
    post_save.connect(
        document_saved, sender=get_document_model(), dispatch_uid="library.document_preview"
    )
    post_save.connect(image_saved, sender=get_image_model(), dispatch_uid="library.image_preview")
