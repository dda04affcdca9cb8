"""The week prints on one A4 page through the print pipeline; only its teacher prints it."""

import io
import re
from datetime import timedelta

from django.urls import reverse
from pypdf import PdfReader

from lessons.models import LessonStep
from tests.printing.worker import print_through_jobs

from .conftest import MONDAY


def test_the_week_prints_on_one_landscape_a4_page(year, client):
    unit = year.unit(year.class_23, count=8)
    plan = year.lesson(
        year.class_23, MONDAY + timedelta(days=1), 3, unit=unit, number=2, title="Dreams 2"
    )
    LessonStep.objects.create(
        plan=plan, phase="practice", minutes=10, alt_role="Model the <dialogue>"
    )
    client.force_login(year.alt)

    response = print_through_jobs(client, reverse("calendar:week_pdf", args=["2026-06-03"]))

    assert response.status_code == 200, response.content[:300]
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    text = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    for expected in ("Minami JHS", "Kita JHS", "2-3", "2/8", "Model the <dialogue>"):
        assert expected in text, expected


def test_another_teacher_cannot_open_the_week_print_job(year, client):
    client.force_login(year.alt)
    response = client.get(reverse("calendar:week_pdf", args=["2026-06-01"]))
    assert response.status_code == 303
    job_url = response["Location"].split("?")[0]
    client.force_login(year.stranger)
    assert client.get(job_url).status_code == 404
    client.logout()
    assert client.get(job_url).status_code == 404
