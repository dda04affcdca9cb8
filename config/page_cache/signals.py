"""What empties the page cache: anything that changes what an anonymous visitor sees.

Each handler replaces the generation token now and again once the transaction commits
(see the package doc for why both).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import store


def content_changed(sender=None, raw: bool = False, **kwargs) -> None:
    if raw:  # loading fixtures
        return
    store.invalidate_all()
    transaction.on_commit(store.invalidate_all)


def _taxonomy_models():
    from library.models import ActivityType, Grade, Skill, TextbookSeries, TextbookUnit

    return [Grade, Skill, ActivityType, TextbookSeries, TextbookUnit]


def background_change(sender=None, **kwargs) -> None:
    """The background worker changed what pages show after the publish that emptied the
    cache: the search index (search/tasks.py) or stored related materials
    (library/related/)."""
    store.invalidate_all()


def connect() -> None:
    from library.signals import related_materials_changed
    from search.indexing import index_written

    uid = "kyozai.page_cache"
    index_written.connect(background_change, dispatch_uid=f"{uid}.index_written")
    related_materials_changed.connect(background_change, dispatch_uid=f"{uid}.related_changed")
    page_published.connect(content_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(content_changed, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(content_changed, dispatch_uid=f"{uid}.moved")
    # Deleting any page deletes its Page row too, which sends this for sender=Page.
    post_delete.connect(content_changed, sender=Page, dispatch_uid=f"{uid}.page_deleted")
    # Names, files and hosts that published pages show or are reached by, and page privacy
    # (a page made private must leave every cached list and its own cached copy at once).
    for model in [
        PageViewRestriction,
        *_taxonomy_models(),
        get_document_model(),
        get_image_model(),
        Site,
    ]:
        name = model._meta.label_lower
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}.{name}.saved")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}.{name}.deleted")
