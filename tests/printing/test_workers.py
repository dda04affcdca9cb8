"""The same print task through real worker processes, on both task backends.

- The database queue (the embedded default): `manage.py db_worker`, started here as a
  process of its own, against this test's database.
- The Redis queue: RQ's `rqworker` with django-tasks-rq's job class, against the real Redis
  (database 2 unless TEST_REDIS_URL says otherwise; this test empties it).

A worker process cannot open the suite's in-memory SQLite database, so there the test's
database is copied to a file for the worker and copied back afterwards; on PostgreSQL the
worker opens the test database itself. Each worker runs in --burst/--batch mode: it works
the queue, then exits.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess  # nosec B404 - our own manage.py, fixed arguments
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from printing.inspect import extract_text
from printing.models import PrintJob
from tests.factories.accounts import TeacherFactory
from tests.factories.sample_plan import build_sample_plan

# serialized_rollback: the migrated groups and grades are back for the next test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(settings.BASE_DIR)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
WORKER_TIMEOUT = 300


@contextmanager
def shared_database(tmp_path: Path):
    """A DATABASE_URL another process can open, holding what this test wrote; when the
    block ends, what that process wrote is in this test's database."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        yield f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        return
    if not connection.is_in_memory_db():
        yield f"sqlite:///{connection.settings_dict['NAME']}"
        return
    copy = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(copy)
    connection.connection.backup(target)
    target.close()
    yield f"sqlite:///{copy}"
    source = sqlite3.connect(copy)
    source.backup(connection.connection)
    source.close()


def run_worker(database_url: str, *command: str, **env: str) -> None:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "PRINT_RESULTS_ROOT": str(settings.KYOZAI_PRINT_RESULTS_ROOT),
        **env,
    }
    finished = subprocess.run(  # noqa: S603  # nosec B603 - fixed arguments
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=WORKER_TIMEOUT,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-3000:]


def ask_for_prints(client, plan, layouts) -> list[PrintJob]:
    for layout in layouts:
        response = client.get(reverse("lesson_printing:pdf", args=[plan.pk]), {"layout": layout})
        assert response.status_code == 303
    jobs = list(PrintJob.objects.filter(object_id=str(plan.pk)))
    assert {job.status for job in jobs} == {"queued"}
    return jobs


def assert_printed(client, plan, jobs) -> None:
    for job in jobs:
        job.refresh_from_db()
        assert job.is_done, (job.status, job.refusal)
        response = client.get(reverse("printing:job_pdf", args=[job.pk]))
        assert response.status_code == 200
        text = "".join(extract_text(b"".join(response.streaming_content)).split())
        assert "".join(plan.title.split())[:20] in text


@pytest.fixture
def printing_teacher(client):
    teacher = TeacherFactory(username="printer")
    client.force_login(teacher)
    return teacher


def test_db_worker_processes_render_the_queued_prints_two_at_a_time_at_most(
    client, printing_teacher, tmp_path
):
    """Two `db_worker` processes for the printing queue: every job is rendered once, and
    never more than two renders ran at once (the pool size is the bound)."""
    plan = build_sample_plan(printing_teacher, steps=4)
    jobs = ask_for_prints(client, plan, ["team_teaching", "ryakuan", "saian"])
    with shared_database(tmp_path) as database_url:
        command = ["db_worker", "--backend", "printing", "--queue-name", "printing"]
        options = ["--batch", "--no-startup-delay", "--no-reload", "--interval", "0"]
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            "PRINT_RESULTS_ROOT": str(settings.KYOZAI_PRINT_RESULTS_ROOT),
        }
        workers = [
            subprocess.Popen(  # noqa: S603  # nosec B603 - fixed arguments
                [sys.executable, "manage.py", *command, *options, "--worker-id", f"w{n}"],
                cwd=ROOT,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for n in range(2)
        ]
        for worker in workers:
            output, _ = worker.communicate(timeout=WORKER_TIMEOUT)
            assert worker.returncode == 0, output[-3000:]
    assert_printed(client, plan, jobs)
    spans = [(job.started_at, job.finished_at) for job in jobs]
    for started, _finished in spans:
        running = sum(1 for other_start, other_end in spans if other_start <= started < other_end)
        assert running <= 2


def test_an_rq_worker_renders_the_same_task_from_redis(client, printing_teacher, tmp_path):
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    rq_tasks = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "printing": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["printing"]},
    }
    plan = build_sample_plan(printing_teacher, steps=3, latin=True)
    with override_settings(TASKS=rq_tasks, RQ_QUEUES={"printing": {"URL": REDIS_URL}}):
        jobs = ask_for_prints(client, plan, ["team_teaching", "ryakuan"])
        assert redis.Redis.from_url(REDIS_URL).llen("rq:queue:printing") == 2
    with shared_database(tmp_path) as database_url:
        run_worker(
            database_url,
            "rqworker",
            "--burst",
            "--job-class",
            "django_tasks_rq.Job",
            "printing",
            TASK_BACKEND="rq",
            TASK_REDIS_URL=REDIS_URL,
        )
    assert_printed(client, plan, jobs)
    assert all(job.task_id for job in jobs)
