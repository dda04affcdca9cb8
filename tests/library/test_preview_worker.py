"""A real `db_worker` process for the "previews" queue converts what a teacher shared: the
request queues, the worker (with LibreOffice) converts, the page shows the pictures."""

from __future__ import annotations

import os
import subprocess  # nosec B404 - our own manage.py, fixed arguments
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from library.models import LibraryAttachment
from library.previews import preview_url
from tests.factories.library import MaterialPageFactory
from tests.printing.test_workers import shared_database

from .sample_files import docx_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(settings.BASE_DIR)


def test_the_previews_worker_converts_a_queued_word_file(client, tmp_path, settings):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    page = MaterialPageFactory(title="Weather bingo")
    document = get_document_model().objects.create(
        title="bingo-sheet.docx",
        file=ContentFile(docx_bytes(words="umbrella thunderstorm"), name="bingo-sheet.docx"),
    )
    # Outside a test transaction the commit happens at once, and so does the queueing.
    attachment = LibraryAttachment.objects.create(page=page, document=document)
    assert LibraryAttachment.objects.get(pk=attachment.pk).preview_status == "waiting"

    with shared_database(tmp_path) as database_url:
        command = ["db_worker", "--backend", "previews", "--queue-name", "previews"]
        options = ["--batch", "--no-startup-delay", "--no-reload", "--interval", "0"]
        finished = subprocess.run(  # noqa: S603  # nosec B603 - fixed arguments
            [sys.executable, "manage.py", *command, *options],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "DATABASE_URL": database_url,
                "TEST_MEDIA_ROOT": str(media),
            },
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-3000:]

    attachment.refresh_from_db()
    assert attachment.preview_status == "ready", finished.stderr[-3000:]
    assert "umbrella thunderstorm" in attachment.text
    assert (media / attachment.preview.name).is_file()
    response = client.get(preview_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
