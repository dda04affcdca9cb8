"""`manage.py search_index rebuild|update|status`, and the doc values it keeps fresh."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from search import indexing
from search.backends.database import docvalues
from search.models import SearchDocument, SearchText, SearchWord
from search.service import search
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db


def test_status_compares_the_site_with_the_index(library, capsys):
    MaterialPageFactory(title="Published without the signal")  # never indexed
    call_command("search_index", "status")
    out = capsys.readouterr().out
    assert "database" in out
    assert "searchable pages: 11" in out
    assert "documents: 10" in out
    assert "to update: 1" in out
    assert "to remove: 0" in out


def test_update_writes_what_is_missing_and_drops_what_went(library, capsys):
    MaterialPageFactory(title="Published without the signal")
    library.weather.unpublish()  # outside on_commit capture: the index still has it
    call_command("search_index", "update")
    captured = capsys.readouterr()
    assert "database: 1 pages written, 1 removed." in captured.out
    assert "database:" in captured.err
    assert "page" in captured.err
    assert [hit.title for hit in search("signal").hits] == ["Published without the signal"]
    assert search("weather").total == 0


def test_rebuild_replaces_the_whole_index(library, capsys):
    SearchText.objects.all().delete()
    SearchDocument.objects.all().delete()
    SearchWord.objects.all().delete()
    docvalues.forget()
    assert search("").total == 0
    call_command("search_index", "rebuild")
    captured = capsys.readouterr()
    assert "database: rebuilt, 10 pages indexed." in captured.out
    assert "100%" in captured.err  # the progress bar reached the end
    assert search("").total == 10
    assert search("授業案").hits[0].title == "Photosynthesis lesson plan"
    assert SearchWord.objects.filter(word="weather").exists()


def test_no_progress_keeps_logs_clean(library, capsys):
    call_command("search_index", "rebuild", "--no-progress")
    assert capsys.readouterr().err == ""


def test_elasticsearch_needs_configuring_first(db):
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL"):
        call_command("search_index", "rebuild", "--backend", "elasticsearch")


def test_unknown_actions_are_refused(db):
    with pytest.raises(CommandError):
        call_command("search_index", "explode")


def test_doc_values_reload_when_the_index_changes(publish):
    publish(title="First bingo")
    first = docvalues.doc_values()
    assert docvalues.doc_values() is first  # unchanged index: the same values, no reload
    publish(title="Second bingo")
    second = docvalues.doc_values()
    assert second is not first
    assert second.size == 2


def rebuild_then_fail() -> None:
    with transaction.atomic():
        MaterialPageFactory(title="Rolled back bingo")
        indexing.rebuild_index("database")
        assert docvalues.doc_values().size == 2  # seen inside the transaction …
        raise RuntimeError


def test_doc_values_never_survive_a_rollback(db, publish):
    publish(title="Kept bingo")
    kept = docvalues.doc_values()
    with pytest.raises(RuntimeError):
        rebuild_then_fail()
    after = docvalues.doc_values()  # … gone after the rollback
    assert after.size == 1
    assert after.token == kept.token
    assert [hit.title for hit in search("bingo").hits] == ["Kept bingo"]


def test_migrate_fills_an_empty_index_over_existing_pages(db):
    from django.core.management.sql import emit_post_migrate_signal

    MaterialPageFactory(title="Page from before search existed")  # never indexed
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert [hit.title for hit in search("before").hits] == ["Page from before search existed"]


def test_migrate_leaves_a_filled_index_alone(publish):
    publish(title="Indexed bingo")
    MaterialPageFactory(title="Quiet bingo")  # missing, but the index is not empty
    from django.core.management.sql import emit_post_migrate_signal

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert [hit.title for hit in search("bingo").hits] == ["Indexed bingo"]
