"""The index follows publishing — after the transaction commits, never on a draft save."""

import pytest
from django.db import transaction
from wagtail.models import Page

from config.page_cache.store import invalidate_all
from library.models import Grade, MaterialIndexPage
from search.models import SearchDocument, SearchText
from search.service import search
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db


def titles(query: str = "") -> list[str]:
    return [hit.title for hit in search(query, page_size=100).hits]


def test_publishing_indexes_only_once_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = MaterialPageFactory(title="Bingo of the month")
        assert not SearchText.objects.filter(page_id=page.pk).exists()
    assert callbacks  # the index update waits for the commit …
    for callback in callbacks:
        callback()
    assert titles("bingo") == ["Bingo of the month"]  # … and runs then


def publish_then_fail() -> None:
    with transaction.atomic():
        MaterialPageFactory(title="Rolled back bingo")
        raise RuntimeError("the editor's save failed")


def test_a_rolled_back_publish_never_reaches_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        MaterialPageFactory(title="Committed bingo")
        with pytest.raises(RuntimeError):
            publish_then_fail()
    # The committed page's index job only (the full-page cache's own post-commit
    # invalidation and the related-materials job are not the index's business).
    index_updates = [
        callback
        for callback in callbacks
        if callback is not invalidate_all and "queue_after_commit" in callback.__qualname__
    ]
    assert len(index_updates) == 1
    assert titles("bingo") == ["Committed bingo"]


def test_saving_a_draft_of_a_live_page_leaves_the_index_alone(
    publish, django_capture_on_commit_callbacks
):
    page = publish(title="Fruit bingo")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page.title = "Vegetable bingo (draft)"
        page.save_revision()
    assert callbacks == []
    assert titles("bingo") == ["Fruit bingo"]
    assert titles("vegetable") == []


def test_publishing_the_draft_updates_the_index(publish, django_capture_on_commit_callbacks):
    page = publish(title="Fruit bingo")
    page.title = "Vegetable bingo"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert titles("bingo") == ["Vegetable bingo"]


def test_a_new_draft_is_not_indexed(publish):
    publish(title="Unfinished bingo", live=False)
    assert titles("bingo") == []


def test_unpublishing_removes_the_page(publish, django_capture_on_commit_callbacks):
    page = publish(title="Fruit bingo")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert titles("bingo") == []
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()


def test_deleting_removes_the_page(publish, django_capture_on_commit_callbacks):
    page = publish(title="Fruit bingo")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).delete()
    assert titles("bingo") == []
    assert SearchText.objects.count() == SearchDocument.objects.count() == 0


def test_moving_a_section_updates_the_urls_of_its_pages(
    publish, django_capture_on_commit_callbacks
):
    page = publish(title="Fruit bingo")
    section = MaterialIndexPage.objects.get()
    home = section.get_parent()
    new_parent = home.add_child(instance=Page(title="Archive", slug="archive"))
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=section.pk).move(new_parent, pos="last-child")
    page.refresh_from_db()
    assert page.url.startswith("/archive/")
    assert search("bingo").hits[0].url == page.url


def test_changing_a_section_slug_updates_the_urls_of_its_pages(
    publish, django_capture_on_commit_callbacks
):
    page = publish(title="Fruit bingo")
    section = MaterialIndexPage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        section.slug = "materials"
        section.save_revision().publish()
    page.refresh_from_db()
    assert page.url == "/materials/" + page.slug + "/"
    assert search("bingo").hits[0].url == page.url


def test_renaming_a_grade_reindexes_its_pages(publish, django_capture_on_commit_callbacks):
    publish(title="Fruit bingo", grades=["ES5"])
    with django_capture_on_commit_callbacks(execute=True):
        grade = Grade.objects.get(code="ES5")
        grade.name_ja = "五年生"
        grade.save()
    assert titles("五年生") == ["Fruit bingo"]


def test_class_uses_update_most_used(
    publish, teacher, other_teacher, django_capture_on_commit_callbacks
):
    from library.models import ClassUse

    bingo = publish(title="Fruit bingo")
    publish(title="Number bingo")
    with django_capture_on_commit_callbacks(execute=True):
        ClassUse.objects.create(user=teacher, page=bingo)
        ClassUse.objects.create(user=other_teacher, page=bingo)
    assert search("bingo", sort="most_used").hits[0].use_count == 2
    with django_capture_on_commit_callbacks(execute=True):
        ClassUse.objects.filter(user=teacher).delete()
    assert search("bingo", sort="most_used").hits[0].use_count == 1


def test_the_did_you_mean_vocabulary_follows_the_index(publish, django_capture_on_commit_callbacks):
    from search.models import SearchWord

    page = publish(title="Hippopotamus bingo")
    assert SearchWord.objects.get(word="hippopotamus").doc_count == 1
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not SearchWord.objects.filter(word="hippopotamus").exists()
    assert search("hipopotamus").suggestion == ""
