"""Index updates on publish, unpublish, move, delete and privacy changes run as a background
job (search/tasks.py `update_search_index`, the `default` queue), never in the request —
here worked by a real `db_worker` process."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from search.models import SearchText
from search.service import search
from search.tasks import update_search_index
from tests.factories.library import MaterialPageFactory
from tests.printing.test_workers import run_worker, shared_database

QUEUED_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "printing": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["printing"]},
    "previews": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["previews"]},
}
INDEX_TASK = "search.tasks.update_search_index"


def index_jobs():
    return DBTaskResult.objects.filter(task_path=INDEX_TASK)


@pytest.mark.django_db
def test_the_job_is_idempotent_and_reads_the_page_when_it_runs(publish):
    page = publish(title="Thunder bingo")
    update_search_index.call([page.pk])
    update_search_index.call([page.pk])
    assert SearchText.objects.filter(page_id=page.pk).count() == 1
    page.unpublish()  # the signal's job never runs here (no commit): a late job drops it
    update_search_index.call([page.pk])
    assert not SearchText.objects.filter(page_id=page.pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_queues_the_index_job_and_a_db_worker_runs_it(tmp_path, settings):
    settings.KYOZAI_SEARCH_CACHE_SECONDS = 0  # this process's answers, not remembered ones
    with override_settings(TASKS=QUEUED_TASKS):
        page = MaterialPageFactory(title="Hailstorm bingo", grades=["ES5"])
        (job,) = index_jobs()
        assert job.args_kwargs["args"] == [[page.pk]]
        assert search("hailstorm").total == 0  # the publish did not wait for the index

        with shared_database(tmp_path) as database_url:
            run_worker(
                database_url,
                "db_worker",
                "--backend",
                "default",
                "--queue-name",
                "default",
                "--batch",
                "--no-startup-delay",
                "--no-reload",
                "--interval",
                "0",
                QUEUE_DEFAULT_TASKS="1",
            )

    assert [job.status for job in index_jobs()] == ["SUCCESSFUL"]
    assert [hit.title for hit in search("hailstorm").hits] == ["Hailstorm bingo"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_made_private_or_unpublished_leaves_search_before_any_worker_runs(settings):
    """Privacy cannot wait for the queue: with the index jobs left waiting, a page made
    private, and another unpublished, are gone from results as the change commits."""
    settings.KYOZAI_SEARCH_CACHE_SECONDS = 0
    private = MaterialPageFactory(title="Zebra crossing safety walk")
    withdrawn = MaterialPageFactory(title="Zebra stripes drawing game")
    assert {hit.page_id for hit in search("zebra").hits} == {private.pk, withdrawn.pk}
    with override_settings(TASKS=QUEUED_TASKS):
        restriction = PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.create(name="Minami JHS teachers"))
        withdrawn.unpublish()
        assert index_jobs().count() >= 2  # the rest still goes through the queue
        assert search("zebra").hits == []
