"""A print job: one PDF asked for, rendered by a background worker, kept for next time.

Rendering never happens in a web request (a long plan takes seconds of CPU). Asking for a
print finds or creates the job for its key (printing/cache.py) and queues it; a worker
renders it (printing/tasks.py) into a private storage (printing/storage.py); the print views
show its progress and send the file once it is done. Everyone who asks for the same thing
— same object, content version, layout, paper, language and layout files — shares the one
job and its file, and a refusal ("this would print 240 pages") is remembered the same way,
so asking again costs nothing. Whoever may read the printed thing may read its job: the
views check that on every request (printing/views.py).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .limits import PrintTooLarge
from .storage import print_results_storage

# A render is bounded to seconds by the size limits; a job still "running" after this long
# lost its worker (stopped or killed mid-render) and is queued again when next asked for.
RUNNING_STALE_AFTER = timedelta(minutes=3)
# A queued job whose task vanished (a Redis queue emptied) is queued again after this.
QUEUED_STALE_AFTER = timedelta(minutes=15)


class PrintJobQuerySet(models.QuerySet):
    def in_flight(self):
        """Waiting or rendering, and not given up as lost."""
        now = timezone.now()
        return self.filter(
            models.Q(status=PrintJob.Status.QUEUED, queued_at__gt=now - QUEUED_STALE_AFTER)
            | models.Q(status=PrintJob.Status.RUNNING, started_at__gt=now - RUNNING_STALE_AFTER)
        )

    def expired(self, days: int):
        """Not asked for in `days` days and not in flight: safe to delete with its files."""
        cutoff = timezone.now() - timedelta(days=days)
        return self.filter(last_asked_at__lt=cutoff).exclude(pk__in=self.in_flight())


def _result_name(job: PrintJob, filename: str) -> str:
    # The job's id, never the user's title: names in the storage stay plain and unique.
    return f"{job.created_at:%Y/%m}/{job.pk}{filename[-4:]}"


class PrintJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the printer")
        RUNNING = "running", _("Being printed")
        DONE = "done", _("Ready")
        REFUSED = "refused", _("Too long to print")
        FAILED = "failed", _("Could not be printed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # printing/cache.py's key: what makes two requests the same print.
    key = models.CharField(max_length=100, unique=True)
    # The registered Printout (printing/registry.py) and what it prints.
    printout = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    # e.g. "draft" for an editor's proof of an unpublished page: only people who may see
    # that variant may see this job (the views compare it on every request).
    variant = models.CharField(max_length=20, blank=True)
    # The print options as a query string would give them (layout, paper, language, …).
    options = models.JSONField(default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who the per-person limit counts this job against: "user:<id>" or "address:<ip>".
    requester = models.CharField(max_length=80, db_index=True)
    # The site address its links and QR codes point at: SITE_URL, or the address the print
    # was asked for on (printing/links.py); 300 holds any host name. Blank: the settings' address.
    site_url = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    # A refusal's code and figures (PrintTooLarge.as_record), shown in the reader's language.
    refusal = models.JSONField(null=True, blank=True)
    pdf = models.FileField(storage=print_results_storage, upload_to=_result_name, blank=True)
    preview = models.FileField(storage=print_results_storage, upload_to=_result_name, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    # What the browser saves the PDF as (a teacher finds it in Downloads by this).
    filename = models.CharField(max_length=200, blank=True)
    # The task framework's id for the render, to find it in the worker's logs.
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Retention counts from the last time anyone asked for it (printing/jobs.py prunes).
    last_asked_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = PrintJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("print job")
        verbose_name_plural = _("print jobs")
        indexes = [models.Index(fields=["requester", "status"], name="printjob_requester_status")]

    def __str__(self) -> str:
        return f"{self.printout} {self.object_id} ({self.status})"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_refused(self) -> bool:
        return self.status == self.Status.REFUSED

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def is_waiting(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def refusal_message(self) -> str:
        """Why it will not print, in the active language."""
        return str(PrintTooLarge.from_record(self.refusal)) if self.refusal else ""

    def is_lost(self) -> bool:
        """In flight on paper, but its worker or its task is gone (see the limits above)."""
        now = timezone.now()
        if self.status == self.Status.RUNNING:
            return (self.started_at or self.created_at) <= now - RUNNING_STALE_AFTER
        if self.status == self.Status.QUEUED:
            return self.queued_at <= now - QUEUED_STALE_AFTER
        return False

    def read_pdf(self) -> bytes:
        with self.pdf.open("rb") as handle:
            return handle.read()

    def read_preview(self) -> bytes:
        with self.preview.open("rb") as handle:
            return handle.read()

    def delete_files(self) -> None:
        for field in (self.pdf, self.preview):
            if field:
                field.delete(save=False)
