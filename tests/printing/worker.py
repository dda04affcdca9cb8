"""Background jobs in tests, run by the real database queue's own worker code.

`run_queued_jobs()` does in this process what `manage.py db_worker --batch` does: take each
waiting task from django-tasks-db's table, claim it and run it (Worker.run_task). It leaves
out only the worker's connection recycling, which would close the test's transaction.
`print_through_jobs()` asks for a print the way a browser does: the first answer is the
job's progress page, so the queue is worked and the same address asked again.
"""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_jobs(backend: str = "printing") -> int:
    """Run every waiting task, oldest first; returns how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend,
        startup_delay=False,
        max_tasks=None,
        worker_id="pytest",
        excluded_queue_names=[],
    )
    ran = 0
    while (task := DBTaskResult.objects.ready().filter(backend_name=backend).first()) is not None:
        task.claim(worker.worker_id)
        worker.run_task(task)
        ran += 1
    return ran


def print_through_jobs(client, url: str, query=None, **headers):
    """GET `url`; while the answer is a print job's progress page, work the queue and ask
    again. Returns the last response (the file, or why it will not print)."""
    response = client.get(url, query or {}, **headers)
    if response.status_code == 303 and "/print/jobs/" in response["Location"]:
        assert run_queued_jobs(), "a print job was waiting but nothing was queued"
        response = client.get(url, query or {}, **headers)
    return response


def open_dialog(client, url: str, query=None):
    """A print dialog as a teacher sees it once its page-1 preview is printed: asked, the
    queue worked, asked again."""
    response = client.get(url, query or {})
    if run_queued_jobs():
        response = client.get(url, query or {})
    return response


def stored_pdf(key_parts) -> bytes | None:
    """The finished PDF everyone asking for `key_parts` is sent, or None."""
    from printing.cache import pdf_cache_key
    from printing.models import PrintJob

    job = PrintJob.objects.filter(key=pdf_cache_key(key_parts), status="done").first()
    return job.read_pdf() if job else None


def replace_stored_pdf(key_parts, data: bytes) -> None:
    """Put other bytes in a finished job's file: a later answer carrying them was served
    from the store, not rendered again."""
    from django.core.files.base import ContentFile

    from printing.cache import pdf_cache_key
    from printing.models import PrintJob

    job = PrintJob.objects.get(key=pdf_cache_key(key_parts), status="done")
    storage, name = job.pdf.storage, job.pdf.name
    storage.delete(name)
    assert storage.save(name, ContentFile(data)) == name


class ThreadWorker:
    """The database queue worked in a thread beside a live test server (the end-to-end
    journeys), as `db_worker` would work it beside runserver.

    The journeys' in-memory SQLite database exists only inside this process, on the
    connection the live server shares; the thread uses that same connection, as the live
    server's own threads do."""

    def __init__(self, backend: str = "printing", pause: float = 0.5) -> None:
        import threading

        from django.db import connections

        self.backend, self.pause = backend, pause
        self.stopping = threading.Event()
        self.connection = connections["default"]
        self.shared = self.connection.vendor == "sqlite" and self.connection.is_in_memory_db()
        self.thread = threading.Thread(target=self._run, name="print-worker", daemon=True)

    def start(self) -> ThreadWorker:
        if self.shared:
            self.connection.inc_thread_sharing()
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=60)
        if self.shared:
            self.connection.dec_thread_sharing()

    def _run(self) -> None:
        from django.db import connections

        if self.shared:
            connections["default"] = self.connection
        try:
            while not self.stopping.is_set():
                if not run_queued_jobs(self.backend):
                    self.stopping.wait(self.pause)
        finally:
            if not self.shared:
                connections["default"].close()
