"""Which pages use an uploaded file.

A file reaches a page two ways: as one of its "Files to download" (a `LibraryAttachment`
row, read here directly, so a publish counts at once) or from the page body (an image block,
a document link in rich text), which Wagtail's reference index records for every page type.
The reference index is updated by a background job after each save: until it has run, a
newly added body image is refused (never the other way round — making a page private or
unpublishing it needs no index update, the page check below does it).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from wagtail.models import Page, ReferenceIndex

from library.models import LibraryAttachment


def _page_ids_referencing(item) -> set[int]:
    base_type = ContentType.objects.get_for_model(type(item))
    page_type = ContentType.objects.get_for_model(Page)
    object_ids = ReferenceIndex.objects.filter(
        to_content_type=base_type, to_object_id=str(item.pk), base_content_type=page_type
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in object_ids if str(pk).isdigit()}


def pages_using(item, field: str) -> QuerySet[Page]:
    """Every page (live or not) that offers `item` as an attachment (`field`: "document"
    or "image") or refers to it from its content."""
    attached = LibraryAttachment.objects.filter(**{field: item}).values_list("page_id", flat=True)
    return Page.objects.filter(pk__in={*attached, *_page_ids_referencing(item)})
