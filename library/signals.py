"""Keep attachment previews in step with their files.

Connected from LibraryConfig.ready(). An attachment is saved when its page is created,
edited or a revision is published (modelcluster saves each child); a document or image is
saved when an editor replaces its file. Either way the preview is brought up to date after
the transaction commits, so a broken PDF can never undo the save that brought it.
"""

from django.db.models.signals import post_save
from django.dispatch import Signal
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from library.models import LibraryAttachment

# Sent by library/previews/store.py when the words found inside a file changed (sender:
# LibraryAttachment, page_id=…): search re-indexes the page (search/signals.py), which the
# library itself never calls.
file_text_changed = Signal()

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


def connect() -> None:
    post_save.connect(
        attachment_saved, sender=LibraryAttachment, dispatch_uid="library.attachment_preview"
    )
    post_save.connect(
        document_saved, sender=get_document_model(), dispatch_uid="library.document_preview"
    )
    post_save.connect(image_saved, sender=get_image_model(), dispatch_uid="library.image_preview")
