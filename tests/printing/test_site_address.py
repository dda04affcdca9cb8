"""Links that work (#16.7): footers and QR codes point at the address the site is served on.

Printouts used to link to SITE_URL's default, http://127.0.0.1:8000, wherever the site ran,
so a site on another host or port printed dead links. Now a print job keeps the address the
request came in on (or SITE_URL when it is set) and the background worker prints links to
it. Checked through the real views, the real database queue's worker and real PDFs: the
footer's text, and the QR code the renderer drew (`qr.is_issued` is true only for a code
this process made for exactly that address).
"""

from __future__ import annotations

import base64
import re
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from printing.inspect import extract_text
from printing.links import absolute_url, print_base_url, printing_for
from printing.models import PrintJob
from printing.qr import is_issued, qr_svg
from tests.factories.accounts import TeacherFactory
from tests.factories.library import MaterialPageFactory
from tests.factories.sample_plan import build_sample_plan
from tests.printing.worker import print_through_jobs

HOST = "kyozai.example.test:8123"
OTHER_HOST = "192.0.2.7:9000"
STALE = "127.0.0.1:8000"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _qr_drawn_for(url: str) -> bool:
    """True when a printout in this process drew a QR code for exactly `url`."""
    return is_issued("data:image/svg+xml;base64," + base64.b64encode(qr_svg(url).encode()).decode())


def _pdf(response) -> bytes:
    assert response.status_code == 200, response.content[:300]
    return b"".join(response.streaming_content)


@pytest.fixture
def served_elsewhere(settings):
    """The site answers on other hosts and ports, with SITE_URL unset."""
    settings.ALLOWED_HOSTS = ["testserver", "kyozai.example.test", "192.0.2.7"]
    settings.KYOZAI_SITE_URL = ""
    settings.WAGTAILADMIN_BASE_URL = f"http://{STALE}"


@pytest.fixture
def material(db):
    return MaterialPageFactory(title="Port bingo", slug="port-bingo")


def _print_material(client: Client, page, host: str) -> bytes:
    url = reverse("library_printing:material_pdf", kwargs={"page_id": page.pk})
    return _pdf(print_through_jobs(client, url, HTTP_HOST=host))


def test_a_printout_links_to_the_host_and_port_it_was_asked_on(served_elsewhere, material):
    pdf = _print_material(Client(), material, HOST)

    page_url = f"http://{HOST}/library/port-bingo/"
    text = _flat(extract_text(pdf))
    assert page_url in text  # the footer of every page
    assert STALE not in text
    assert _qr_drawn_for(page_url)
    assert PrintJob.objects.get().site_url == f"http://{HOST}/"


def test_the_same_page_asked_on_two_addresses_is_two_prints(served_elsewhere, material):
    first = _flat(extract_text(_print_material(Client(), material, HOST)))
    second = _flat(extract_text(_print_material(Client(), material, OTHER_HOST)))

    assert f"http://{HOST}/library/port-bingo/" in first
    assert f"http://{OTHER_HOST}/library/port-bingo/" in second
    assert f"http://{HOST}/" not in second
    assert PrintJob.objects.count() == 2


def test_site_url_when_set_wins_over_the_request(served_elsewhere, settings, material):
    settings.KYOZAI_SITE_URL = "https://kyozai.example.org"

    text = _flat(extract_text(_print_material(Client(), material, HOST)))

    assert "https://kyozai.example.org/library/port-bingo/" in text
    assert HOST not in text
    assert _qr_drawn_for("https://kyozai.example.org/library/port-bingo/")


def test_a_lesson_plan_links_to_the_address_it_was_printed_from(served_elsewhere, db):
    owner = TeacherFactory()
    plan = build_sample_plan(owner)
    client = Client()
    client.force_login(owner)
    url = reverse("lesson_printing:pdf", args=[plan.pk])

    pdf = _pdf(print_through_jobs(client, url, {"layout": "team_teaching"}, HTTP_HOST=HOST))

    text = _flat(extract_text(pdf))
    assert f"http://{HOST}/lessons/{plan.pk}/" in text
    assert STALE not in text


def test_outside_a_print_job_links_use_the_settings_address(settings):
    settings.KYOZAI_SITE_URL = ""
    settings.WAGTAILADMIN_BASE_URL = "http://kyozai.example.org"
    assert absolute_url("/library/") == "http://kyozai.example.org/library/"
    with printing_for(f"http://{HOST}"):
        assert print_base_url() == f"http://{HOST}/"
        assert absolute_url("/library/") == f"http://{HOST}/library/"
    assert print_base_url() == "http://kyozai.example.org/"


def test_make_run_serves_on_the_host_and_port_asked_for():
    root = Path(__file__).resolve().parents[2]
    dry_run = subprocess.run(
        ["make", "-n", "--no-print-directory", "serve", "HOST=0.0.0.0", "PORT=8123"],  # noqa: S607
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "runserver 0.0.0.0:8123" in dry_run
    assert "127.0.0.1:8000" not in dry_run
    # The host served on is one the site answers to.
    assert "[::1],0.0.0.0}" in dry_run
