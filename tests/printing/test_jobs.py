"""Print jobs: one render per key, shared by everyone who asks; a refusal remembered like a
result and made before any rendering when the estimate is over the limit; a per-person
limit on prints in flight; lost and failed jobs tried again; old jobs pruned.

These run the real job service, the real database queue and its worker code
(tests/printing/worker.py), and the real renderer; the printout is the printer test page
(tests/printing/printouts.py), so nothing here depends on an app.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from printing.cache import PdfKey, layout_fingerprint, pdf_cache_key
from printing.jobs import TooManyPrints, prune, request_print
from printing.models import PrintJob
from tests.printing.printouts import PrinterTestPrintout
from tests.printing.worker import run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_printout():
    PrinterTestPrintout.renders = 0
    PrinterTestPrintout.version = "v1"
    PrinterTestPrintout.estimate = None
    PrinterTestPrintout.rows = 5


def ask(user=None, address="198.51.100.7", **query):
    request = RequestFactory().get("/", query, REMOTE_ADDR=address)
    request.user = user or AnonymousUser()
    printout = PrinterTestPrintout.for_request(request, 1)
    form = printout.form(request.GET)
    assert form.is_valid(), form.errors
    return request_print(printout, form, request)


def tasks() -> int:
    return DBTaskResult.objects.filter(task_path="printing.tasks.render_print_job").count()


def test_a_repeated_request_shares_one_job_and_one_render():
    first = ask()
    assert first.status == PrintJob.Status.QUEUED
    assert ask().pk == first.pk  # asked again while waiting: the same job
    assert run_queued_jobs() == 1
    again = ask(address="203.0.113.9")  # someone else, later: the finished file
    assert again.pk == first.pk
    assert again.is_done
    assert again.read_pdf().startswith(b"%PDF")
    assert again.read_preview().startswith(b"\x89PNG")
    assert again.pages == 1
    assert PrinterTestPrintout.renders == 1
    assert tasks() == 1


def test_a_new_version_paper_or_language_is_a_new_job():
    jobs = {ask().pk, ask(paper="B4").pk, ask(language="ja").pk}
    PrinterTestPrintout.version = "v2"
    jobs.add(ask().pk)
    assert len(jobs) == 4
    run_queued_jobs()
    assert PrinterTestPrintout.renders == 4
    PrinterTestPrintout.version = "v1"
    assert ask(paper="B4").is_done
    assert PrinterTestPrintout.renders == 4


def test_keys_are_short_and_differ_by_every_part():
    key = PdfKey("lesson_plan", 7, 3, "team_teaching", "A4", "ja")
    keys = {pdf_cache_key(key)} | {
        pdf_cache_key(key._replace(**{field: "x"})) for field in PdfKey._fields
    }
    assert len(keys) == 1 + len(PdfKey._fields)
    assert all(len(k) < 100 for k in keys)


def test_layout_fingerprint_covers_the_pdf_templates():
    assert len(layout_fingerprint()) == 12


def test_an_estimate_over_the_limit_is_refused_before_any_rendering_and_remembered():
    PrinterTestPrintout.estimate = 81
    job = ask()
    assert job.is_refused
    assert "about 81 pages; the limit is 80. Print fewer rows." in job.refusal_message()
    assert job.started_at is None
    assert tasks() == 0  # nothing was queued: no worker ever starts WeasyPrint for it
    assert ask(address="203.0.113.9").pk == job.pk  # remembered for everyone
    assert run_queued_jobs() == 0
    assert PrinterTestPrintout.renders == 0


def test_a_render_over_the_page_limit_is_refused_and_remembered():
    PrinterTestPrintout.rows = 2500  # the estimate does not know: the renderer refuses
    job = ask()
    run_queued_jobs()
    job.refresh_from_db()
    assert job.is_refused
    assert "pages; the limit is 80." in job.refusal_message()
    assert not job.pdf
    assert ask().pk == job.pk
    assert tasks() == 1


@override_settings(KYOZAI_PRINT_JOBS_PER_USER=2)
def test_each_person_has_a_limit_of_prints_in_flight(django_user_model):
    teacher = django_user_model.objects.create_user("busy", password="x")
    ask(teacher)
    ask(teacher, paper="B4")
    with pytest.raises(TooManyPrints, match="2 prints being prepared"):
        ask(teacher, paper="LETTER")
    # Asking again for one already waiting costs nothing, and others are not held up.
    ask(teacher, paper="B4")
    ask(None, paper="LETTER")
    run_queued_jobs()
    assert ask(teacher, language="ja").is_waiting  # done jobs no longer count


@override_settings(KYOZAI_PRINT_JOBS_PER_USER=1)
def test_signed_out_visitors_are_limited_by_address():
    ask(address="198.51.100.7")
    with pytest.raises(TooManyPrints):
        ask(address="198.51.100.7", paper="B4")
    ask(address="203.0.113.9", paper="B4")


def test_a_job_whose_worker_was_lost_is_queued_again():
    job = ask()
    long_ago = timezone.now() - timedelta(hours=1)
    PrintJob.objects.filter(pk=job.pk).update(status="running", started_at=long_ago)
    DBTaskResult.objects.all().delete()  # the worker died with its task
    again = ask()
    assert again.pk == job.pk
    assert again.status == PrintJob.Status.QUEUED
    assert run_queued_jobs() == 1
    job.refresh_from_db()
    assert job.is_done


def test_a_failed_job_is_tried_again_after_a_pause():
    job = ask()
    PrintJob.objects.filter(pk=job.pk).update(status="failed", finished_at=timezone.now())
    assert ask().is_failed  # not on every poll
    a_minute_ago = timezone.now() - timedelta(minutes=1)
    PrintJob.objects.filter(pk=job.pk).update(finished_at=a_minute_ago)
    assert ask().status == PrintJob.Status.QUEUED


def test_two_tasks_for_one_job_render_it_once():
    from printing.tasks import render_print_job

    job = ask()
    render_print_job.enqueue(str(job.pk))
    assert run_queued_jobs() == 2
    assert PrinterTestPrintout.renders == 1


def test_old_jobs_and_their_files_are_pruned():
    job = ask()
    run_queued_jobs()
    job.refresh_from_db()
    storage, name = job.pdf.storage, job.pdf.name
    assert storage.exists(name)
    assert prune(days=7) == 0
    PrintJob.objects.filter(pk=job.pk).update(last_asked_at=timezone.now() - timedelta(days=8))
    assert prune(days=7) == 1
    assert not PrintJob.objects.filter(pk=job.pk).exists()
    assert not storage.exists(name)


def test_the_prune_command_deletes_what_nobody_asked_for():
    from io import StringIO

    from django.core.management import call_command

    job = ask()
    run_queued_jobs()
    PrintJob.objects.filter(pk=job.pk).update(last_asked_at=timezone.now() - timedelta(days=30))
    out = StringIO()
    call_command("prune_print_jobs", "--days", "7", stdout=out)
    assert "Removed 1 print jobs." in out.getvalue()
    assert not PrintJob.objects.exists()
