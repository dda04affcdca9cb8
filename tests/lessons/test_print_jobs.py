"""A plan's print jobs through the print pages: progress with htmx and without JavaScript,
the file when ready, JSON for scripts, the per-person limit, and the same 404 as the plan
itself for anyone who may not read it — a job id alone opens nothing.
"""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from printing.models import PrintJob
from tests.printing.worker import run_queued_jobs

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def owner_client(team, client_for):
    return client_for(team.owner)


def ask_for_pdf(client, plan, **query):
    return client.get(reverse("lesson_printing:pdf", args=[plan.pk]), query)


def waiting_job(client, plan, **query) -> tuple[PrintJob, str]:
    response = ask_for_pdf(client, plan, **query)
    assert response.status_code == 303
    job = PrintJob.objects.get(
        object_id=str(plan.pk), options__layout=query.get("layout", "team_teaching")
    )
    assert response["Location"] == reverse("printing:job", args=[job.pk]) + "?then=open"
    return job, response["Location"]


def test_progress_polls_with_htmx_and_refreshes_itself_without_javascript(team, owner_client):
    job, page = waiting_job(owner_client, team.plan)
    html = owner_client.get(page).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html
    assert "Waiting for the printer" in html
    fragment = owner_client.get(page, **HTMX)
    assert fragment.status_code == 200
    text = fragment.content.decode()
    assert "<html" not in text  # a fragment, not the page
    assert 'id="print-job"' in text
    assert 'hx-trigger="load delay:1s"' in text
    assert f'hx-get="{reverse("printing:job", args=[job.pk])}?then=open"' in text
    assert 'role="status"' in text
    assert "HX-Redirect" not in fragment


def test_when_ready_the_file_opens_or_downloads_as_asked(team, owner_client):
    job, page = waiting_job(owner_client, team.plan)
    run_queued_jobs()
    pdf_url = reverse("printing:job_pdf", args=[job.pk])
    done = owner_client.get(page, **HTMX)
    assert done["HX-Redirect"] == pdf_url
    assert "hx-trigger" not in done.content.decode()  # polling stops
    download = owner_client.get(page.replace("then=open", "then=download"), **HTMX)
    assert download["HX-Redirect"] == pdf_url + "?download=1"
    html = owner_client.get(page).content.decode()
    assert f'<noscript><meta http-equiv="refresh" content="0;url={pdf_url}"></noscript>' in html
    assert "Your PDF is ready (2 pages)." in html or "Your PDF is ready (1 page)." in html
    response = owner_client.get(pdf_url + "?download=1")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-cache"
    preview = owner_client.get(reverse("printing:job_preview", args=[job.pk]))
    assert preview.content.startswith(b"\x89PNG")


def test_the_dialog_shows_progress_then_the_preview(team, owner_client):
    url = reverse("lesson_printing:dialog", args=[team.plan.pk])
    html = owner_client.get(url, {"layout": "ryakuan"}).content.decode()
    assert 'id="print-preview"' in html
    assert re.search(r'id="print-preview"[^>]*hx-trigger="load delay:1s"', html)
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert "preview.png" not in html  # nothing to show yet, and nothing rendered here
    run_queued_jobs()
    html = owner_client.get(url, {"layout": "ryakuan"}).content.decode()
    preview = reverse("lesson_printing:preview", args=[team.plan.pk])
    assert f'<img src="{preview}?layout=ryakuan&amp;paper=A4&amp;language=en"' in html
    assert "noscript" not in html


def test_json_for_scripts(team, owner_client):
    url = reverse("lesson_printing:pdf", args=[team.plan.pk])
    waiting = owner_client.get(url, {"format": "json"})
    assert waiting.status_code == 202
    assert waiting.json()["status"] == "queued"
    assert waiting.json()["pdf"] is None
    run_queued_jobs()
    done = owner_client.get(url, HTTP_ACCEPT="application/json")
    assert done.status_code == 200
    assert done.json()["pdf"].startswith("/print/jobs/")
    assert done.json()["pages"] >= 1


@override_settings(KYOZAI_PRINT_JOBS_PER_USER=2)
def test_too_many_prints_at_once_is_a_friendly_429(team, owner_client):
    ask_for_pdf(owner_client, team.plan, layout="team_teaching")
    ask_for_pdf(owner_client, team.plan, layout="ryakuan")
    response = ask_for_pdf(owner_client, team.plan, layout="saian")
    assert response.status_code == 429
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert "<h1>Please wait for your other prints</h1>" in html
    assert "You already have 2 prints being prepared" in html
    assert reverse("lessons:plan", args=[team.plan.pk]) in html  # a way back
    as_json = owner_client.get(
        reverse("lesson_printing:pack", args=[team.plan.pk]), {"format": "json"}
    )
    assert as_json.status_code == 429
    assert as_json.json()["status"] == "too_many"
    dialog = owner_client.get(
        reverse("lesson_printing:dialog", args=[team.plan.pk]), {"paper": "B4"}
    )
    assert dialog.status_code == 200
    assert "You already have 2 prints being prepared" in dialog.content.decode()
    run_queued_jobs()  # once they are done, the next one is taken
    assert ask_for_pdf(owner_client, team.plan, layout="saian").status_code == 303


def test_a_job_is_404_to_anyone_who_may_not_read_the_plan(team, owner_client, client_for):
    job, _page = waiting_job(owner_client, team.plan)
    run_queued_jobs()
    addresses = [
        reverse("printing:job", args=[job.pk]),
        reverse("printing:job_pdf", args=[job.pk]),
        reverse("printing:job_preview", args=[job.pk]),
        reverse("printing:job", args=[job.pk]) + "?format=json",
    ]
    for address in addresses:
        assert client_for(team.viewer).get(address).status_code == 200, address
        assert client_for(team.stranger).get(address).status_code == 404, address
        assert Client().get(address).status_code == 404, address
    # Made private: its former co-planners lose the job's pages with the plan.
    from lessons.models import Visibility

    type(team.plan).objects.filter(pk=team.plan.pk).update(visibility=Visibility.PRIVATE)
    for address in addresses:
        assert client_for(team.viewer).get(address).status_code == 404, address
    assert owner_client.get(addresses[1]).status_code == 200
    unknown = "00000000-0000-4000-8000-000000000000"
    assert owner_client.get(reverse("printing:job", args=[unknown])).status_code == 404


def test_a_plan_with_the_longest_title_prints(team, owner_client):
    from lessons import limits
    from lessons.services.editing import update_header

    title = ("夏休みの思い出を過去形で伝え合おう" * 20)[: limits.TITLE]
    update_header(team.plan.pk, team.owner, {"title": title}, team.plan.version)
    job, _page = waiting_job(owner_client, team.plan, layout="saian")
    run_queued_jobs()
    response = owner_client.get(reverse("printing:job_pdf", args=[job.pk]))
    assert response.status_code == 200
    assert "filename*=utf-8''" in response["Content-Disposition"]
