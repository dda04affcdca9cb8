"""The background task that renders a print job (one task framework: config/settings/tasks.py).

It runs in a worker process, never in a web request, one render at a time per worker: the
number of renders at once is the number of workers reading the "printing" queue. The same
code runs on the database queue (`manage.py db_worker`) and on the Redis queue (RQ).
"""

from __future__ import annotations

import logging
import time

from django.core.files.base import ContentFile
from django.http import Http404
from django.utils import timezone
from django_tasks import task

from .limits import PrintTooLarge
from .links import printing_for
from .models import PrintJob
from .packs import pdf_page_count
from .preview import page_png
from .registry import UnknownPrintout, printout_class

logger = logging.getLogger("kyozai.printing")

PREVIEW_WIDTH = 1000
# Old jobs are pruned by the workers themselves, at most this often per worker process.
PRUNE_EVERY_SECONDS = 3600
_last_prune = 0.0


def _claim(job_id: str) -> PrintJob | None:
    """Take the job if it is still waiting: two tasks for one job (a job queued again after
    its worker was lost) render it once."""
    claimed = PrintJob.objects.filter(pk=job_id, status=PrintJob.Status.QUEUED).update(
        status=PrintJob.Status.RUNNING, started_at=timezone.now()
    )
    return PrintJob.objects.filter(pk=job_id).first() if claimed else None


def _render(job: PrintJob) -> bytes:
    printout = printout_class(job.printout).for_worker(job.object_id, job.variant)
    form = printout.form(job.options)
    if not form.is_valid():  # stored from a valid form; only a changed form gets here
        raise ValueError(f"options no longer valid: {form.errors.as_json()}")
    with printing_for(job.site_url):
        return printout.render(printout.options(form))


def _finish(job: PrintJob, status: str, **values) -> None:
    PrintJob.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now(), **values)


@task(queue_name="printing", backend="printing")
def render_print_job(job_id: str) -> str:
    """Render one job into its PDF and page-1 picture; returns the job's new status."""
    job = _claim(job_id)
    if job is None:
        return "skipped"
    try:
        pdf = _render(job)
        preview = page_png(pdf, width_px=PREVIEW_WIDTH)
    except PrintTooLarge as refusal:
        _finish(job, PrintJob.Status.REFUSED, refusal=refusal.as_record())
        return PrintJob.Status.REFUSED.value
    except (Http404, UnknownPrintout) as gone:
        logger.warning("Print job %s: nothing to print any more (%s)", job.pk, gone)
        _finish(job, PrintJob.Status.FAILED)
        return PrintJob.Status.FAILED.value
    except Exception:
        logger.exception("Print job %s (%s %s) failed", job.pk, job.printout, job.object_id)
        _finish(job, PrintJob.Status.FAILED)
        return PrintJob.Status.FAILED.value
    job.pdf.save("print.pdf", ContentFile(pdf), save=False)
    job.preview.save("page-1.png", ContentFile(preview), save=False)
    _finish(
        job,
        PrintJob.Status.DONE,
        pdf=job.pdf.name,
        preview=job.preview.name,
        pages=pdf_page_count(pdf),
    )
    _prune_now_and_then()
    return PrintJob.Status.DONE.value


def _prune_now_and_then() -> None:
    global _last_prune
    if time.monotonic() - _last_prune < PRUNE_EVERY_SECONDS:
        return
    _last_prune = time.monotonic()
    from .jobs import prune

    try:
        prune()
    except Exception:
        logger.exception("Pruning old print jobs failed; the next job tries again")
