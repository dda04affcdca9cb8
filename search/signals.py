"""When the index changes: publish, unpublish, move, slug change, delete, privacy and
taxonomy edits, class uses. Never on a draft save — a draft is not what readers see.

A page that stops being public (unpublished, deleted, made private, moved under a private
section) is dropped from the index as soon as the change commits, in the request: privacy
cannot wait for a worker. Everything else — and the rest of those changes — is queued for
the background worker once the transaction commits
(search/tasks.py `queue_after_commit` → `update_search_index`, the
`default` queue), so a publish never waits on the index and one that rolls back never
reaches it; the job re-reads the pages when it runs (unpublished, private or deleted ones
are dropped). Use counts and a file's words (already in a worker) are applied after commit
where they happen. Connected in SearchConfig.ready().
"""

import logging

from django.db import connections
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from library.models import (
    ActivityType,
    ClassUse,
    Grade,
    LibraryPage,
    Skill,
    TextbookSeries,
    TextbookUnit,
)
from library.signals import file_text_changed

from . import indexing, tasks
from .documents import searchable_pages
from .models import SearchDocument

logger = logging.getLogger("kyozai.search")


def _library_pages_at_or_under(page: Page) -> list[int]:
    """The library pages a change to `page` may affect: itself and, for a section index
    page, every library page beneath it (their URLs or privacy changed with it)."""
    return list(
        LibraryPage.objects.filter(path__startswith=page.path, depth__gte=page.depth).values_list(
            "pk", flat=True
        )
    )


def on_published(sender, instance, **kwargs):
    if isinstance(instance, LibraryPage):
        tasks.queue_after_commit([instance.pk])


def on_unpublished(sender, instance, **kwargs):
    if isinstance(instance, LibraryPage):
        tasks.withdraw_after_commit([instance.pk])


def on_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if url_path_before == url_path_after:
        return  # reordered among siblings: URLs unchanged
    # Moved under a private section: gone from results at once.
    tasks.withdraw_after_commit(_library_pages_at_or_under(instance))


def on_slug_changed(sender, instance, **kwargs):
    # Sent by Wagtail itself after commit (so this runs at once); the pages' URLs changed.
    tasks.queue_after_commit(_library_pages_at_or_under(instance))


def on_deleted(sender, instance, **kwargs):
    # The SearchDocument row goes with the page (foreign key, CASCADE); the cluster needs
    # telling. Wagtail deletes descendants one by one, so each library page comes here.
    tasks.withdraw_after_commit([instance.pk])


def on_restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again) leaves (or rejoins) search results."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        # Made private: gone from results at once; made public again: back via the job.
        tasks.withdraw_after_commit(_library_pages_at_or_under(page))


def on_taxonomy_changed(sender, instance, **kwargs):
    """A renamed grade/skill/textbook is indexed by its names in both languages: re-index
    the live pages tagged with it (facet labels themselves are read at query time)."""
    if kwargs.get("raw"):
        return
    pages = LibraryPage.objects.live()
    if isinstance(instance, Grade):
        pages = pages.filter(grades=instance)
    elif isinstance(instance, Skill):
        pages = pages.filter(skills=instance)
    elif isinstance(instance, ActivityType):
        pages = pages.filter(activity_types=instance)
    elif isinstance(instance, TextbookUnit):
        pages = pages.filter(textbook_units=instance)
    elif isinstance(instance, TextbookSeries):
        pages = pages.filter(textbook_units__series=instance)
    # The index catches up in the background; the filters' vocabulary changes at once.
    tasks.queue_after_commit(set(pages.values_list("pk", flat=True)))
    indexing.after_commit(indexing.taxonomy_changed, [])


def _refresh_use_counts(page_ids) -> None:
    for page_id in page_ids:
        indexing.refresh_use_count(page_id)


def on_class_use(sender, instance, **kwargs):
    """A teacher recorded (or withdrew) a use in class: "most used" changes."""
    if kwargs.get("raw"):
        return
    indexing.after_commit(_refresh_use_counts, [instance.page_id])


def on_file_text_changed(sender, page_id: int, **kwargs):
    """The background worker read the words inside one of the page's files."""
    indexing.after_commit(indexing.index_pages, [page_id])


def fill_an_empty_index(sender, using="default", **kwargs):
    """After `migrate`, an empty database index over a library that has pages (a site
    that existed before search, or a restored backup) is filled, so search works at once.
    Anything else — updates, Elasticsearch — is `manage.py search_index`'s job."""
    if using != "default" or not connections[using].is_usable():
        return
    if SearchDocument.objects.exists() or not searchable_pages().exists():
        return
    count = indexing.rebuild_index("database")
    logger.info("Search index was empty: %s library pages indexed.", count)


def connect() -> None:
    uid = "kyozai_search"
    page_published.connect(on_published, dispatch_uid=f"{uid}_published")
    page_unpublished.connect(on_unpublished, dispatch_uid=f"{uid}_unpublished")
    post_page_move.connect(on_moved, dispatch_uid=f"{uid}_moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid=f"{uid}_slug")
    post_delete.connect(on_deleted, sender=LibraryPage, dispatch_uid=f"{uid}_deleted")
    for model in (PageViewRestriction,):
        post_save.connect(on_restriction_changed, sender=model, dispatch_uid=f"{uid}_pvr_save")
        post_delete.connect(on_restriction_changed, sender=model, dispatch_uid=f"{uid}_pvr_del")
    for model in (Grade, Skill, ActivityType, TextbookSeries, TextbookUnit):
        post_save.connect(
            on_taxonomy_changed, sender=model, dispatch_uid=f"{uid}_taxonomy_{model.__name__}"
        )
    post_save.connect(on_class_use, sender=ClassUse, dispatch_uid=f"{uid}_use_saved")
    file_text_changed.connect(on_file_text_changed, dispatch_uid=f"{uid}_file_text")
    post_delete.connect(on_class_use, sender=ClassUse, dispatch_uid=f"{uid}_use_deleted")
