"""Asking for a print: find the job everyone shares for this key, or queue a new one.

The order matters. An identical request costs a lookup and nothing else (a finished PDF, a
remembered refusal, or a job already waiting). A new request is first checked against its
page estimate, so a print that is too long is refused — and remembered — before any
rendering starts. Only then does the per-person limit count, and the job is queued for a
background worker (printing/tasks.py).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from .cache import pdf_cache_key
from .limits import PrintTooLarge
from .links import site_url_for
from .models import PrintJob
from .printouts import Printout

logger = logging.getLogger("kyozai.printing")

# A failed render is tried again when asked for after this long, not on every poll.
RETRY_FAILED_AFTER = timedelta(seconds=30)
# `last_asked_at` (what retention counts from) is written at most this often per job.
TOUCH_EVERY = timedelta(hours=1)


class TooManyPrints(Exception):
    """The person already has their limit of prints waiting or rendering."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(limit)

    def __str__(self) -> str:
        return gettext(
            "You already have %(count)s prints being prepared. When one of them is ready, "
            "ask for this one again."
        ) % {"count": self.limit}


def client_address(request) -> str:
    """The visitor's address, as the site's log-in throttle sees it
    (KYOZAI_CLIENT_ADDRESS names that function; REMOTE_ADDR without it)."""
    path = getattr(settings, "KYOZAI_CLIENT_ADDRESS", "")
    if path:
        return import_string(path)(request)
    return request.META.get("REMOTE_ADDR", "unknown")


def requester_of(request) -> str:
    """Whom the per-person limit counts a job against: the account, or signed out, the
    address (a school behind one address shares a limit only for prints nobody else asked
    for first)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"address:{client_address(request)}"[:80]


def _still_good(job: PrintJob) -> bool:
    """True when the job answers the request as it stands: finished with its file, a
    remembered refusal, waiting or rendering — not failed a while ago, lost or pruned."""
    if job.is_refused:
        return True
    if job.is_done:
        return bool(job.pdf) and job.pdf.storage.exists(job.pdf.name)
    if job.is_failed:
        return (job.finished_at or job.created_at) > timezone.now() - RETRY_FAILED_AFTER
    return not job.is_lost()


def _touch(job: PrintJob) -> None:
    now = timezone.now()
    if job.last_asked_at < now - TOUCH_EVERY:
        PrintJob.objects.filter(pk=job.pk).update(last_asked_at=now)


def _check_limit(requester: str) -> None:
    limit = settings.KYOZAI_PRINT_JOBS_PER_USER
    if PrintJob.objects.in_flight().filter(requester=requester).count() >= limit:
        raise TooManyPrints(limit)


def request_print(printout: Printout, form, request) -> PrintJob:
    """The job for this printout with the options of `form` (valid), asked for by
    `request`'s user. Raises TooManyPrints; a refusal comes back as a refused job."""
    options = printout.options(form)
    site_url = site_url_for(request)
    key = pdf_cache_key(printout.key(options), site_url)
    job = PrintJob.objects.filter(key=key).first()
    if job is not None and _still_good(job):
        _touch(job)
        return job
    requester = requester_of(request)
    fields = {
        "printout": printout.name,
        "object_id": printout.object_id,
        "variant": printout.variant,
        "options": form.query(),
        "requested_by": request.user if request.user.is_authenticated else None,
        "requester": requester,
        # The worker has no request: it prints links to the address this one came in on.
        "site_url": site_url,
        # Titles may be long; the saved name is cut to what the field (and a disk) holds.
        "filename": printout.filename(options)[: PrintJob._meta.get_field("filename").max_length],
    }
    try:
        printout.check_size(options)
    except PrintTooLarge as refusal:
        return _remember_refusal(job, key, fields, refusal)
    _check_limit(requester)
    return _queue(job, key, fields)


def _remember_refusal(job, key: str, fields: dict, refusal: PrintTooLarge) -> PrintJob:
    logger.info(
        "Print refused before rendering (%s %s): %s",
        fields["printout"],
        fields["object_id"],
        refusal.as_record(),
    )
    values = {
        **fields,
        "status": PrintJob.Status.REFUSED,
        "refusal": refusal.as_record(),
        "finished_at": timezone.now(),
    }
    if job is None:
        job, _created = PrintJob.objects.get_or_create(key=key, defaults=values)
        return job
    for name, value in values.items():
        setattr(job, name, value)
    job.save()
    return job


def _queue(job, key: str, fields: dict) -> PrintJob:
    now = timezone.now()
    values = {
        **fields,
        "status": PrintJob.Status.QUEUED,
        "refusal": None,
        "queued_at": now,
        "started_at": None,
        "finished_at": None,
        "last_asked_at": now,
    }
    if job is None:
        try:
            with transaction.atomic():
                job = PrintJob.objects.create(key=key, **values)
        except IntegrityError:
            # Someone asked for the same print a moment ago: share theirs.
            return PrintJob.objects.get(key=key)
    else:
        job.delete_files()
        for name, value in values.items():
            setattr(job, name, value)
        job.pdf = job.preview = ""
        job.save()
    enqueue(job)
    return job


def enqueue(job: PrintJob) -> None:
    """Hand the job to the task queue.

    The database queue's row is written in the same transaction as the job's, so it is
    sent at once (both commit or neither does); a Redis queue lives outside the
    transaction, so it is sent after the commit — else a quick worker could look for a job
    row that is not there yet. A queue that cannot be reached fails the job (logged); the
    next request tries again."""
    from django_tasks_db import DatabaseBackend

    from .tasks import render_print_job

    def send() -> None:
        try:
            result = render_print_job.enqueue(str(job.pk))
        except Exception:
            logger.exception("Could not queue print job %s", job.pk)
            PrintJob.objects.filter(pk=job.pk).update(
                status=PrintJob.Status.FAILED, finished_at=timezone.now()
            )
            return
        PrintJob.objects.filter(pk=job.pk).update(task_id=str(result.id))

    if isinstance(render_print_job.get_backend(), DatabaseBackend):
        send()
    else:
        transaction.on_commit(send)


def prune(days: int | None = None, *, batch: int = 500) -> int:
    """Delete jobs (and their files) nobody asked for in `days` days
    (KYOZAI_PRINT_RESULT_DAYS); returns how many."""
    days = settings.KYOZAI_PRINT_RESULT_DAYS if days is None else days
    removed = 0
    for job in PrintJob.objects.expired(days).order_by("last_asked_at")[:batch]:
        job.delete_files()
        job.delete()
        removed += 1
    if removed:
        logger.info("Pruned %s print jobs not asked for in %s days", removed, days)
    return removed
