"""Every mail goes through the task queue (config/mail.py): a web request only queues it, a
worker sends it through the real backend, a mail server that is down is tried again a
bounded number of times and the failure is logged.

Named for what they stop: a request held up by a slow or dead mail server, and a mail lost
without a trace. The worker test runs a real `manage.py db_worker` process against this
test's database (as tests/printing/test_workers.py does for prints).
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess  # nosec B404 - our own manage.py, fixed arguments
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from config.mail import message_from_json, message_to_json, send_queued_mail
from tests.accounts.sign_up_data import SIGN_UP
from tests.factories.accounts import TeacherFactory
from tests.factories.lessons import LessonPlanFactory
from tests.printing.test_workers import ROOT, WORKER_TIMEOUT, shared_database

MAIL_TASK = "config.mail.send_queued_mail"
QUEUED_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "printing": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["printing"]},
}


def closed_port() -> int:
    """A local port nothing listens on: a mail server that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dead_mail_server():
    return override_settings(
        KYOZAI_EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port(),
        EMAIL_TIMEOUT=2,
    )


def queued_mails() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=MAIL_TASK))


def sign_up_mail(db_client: Client) -> None:
    db_client.post(reverse("accounts:sign_up"), SIGN_UP)


def reset_mail(db_client: Client) -> None:
    TeacherFactory(username="forgetful", email="forgetful@example.jp")
    db_client.post(reverse("accounts:password_reset"), {"email": "forgetful@example.jp"})


def invitation_mail(db_client: Client) -> None:
    owner = TeacherFactory(username="owner")
    plan = LessonPlanFactory(owner=owner)
    db_client.force_login(owner)
    db_client.post(
        reverse("lessons:members", args=[plan.pk]), {"who": "sue@example.jp", "role": "editor"}
    )


@pytest.mark.django_db
@pytest.mark.parametrize("flow", [sign_up_mail, reset_mail, invitation_mail])
def test_a_dead_mail_server_never_holds_up_a_request(flow):
    """Confirmation mails, password resets and invitations: the request queues the mail and
    answers; it never opens a connection to the (dead) mail server."""
    with override_settings(TASKS=QUEUED_TASKS), dead_mail_server():
        flow(Client())
    assert mail.outbox == []
    assert [task.status for task in queued_mails()] == ["READY"]


@pytest.mark.django_db
def test_a_failing_mail_is_tried_a_bounded_number_of_times_and_logged(caplog):
    with dead_mail_server(), caplog.at_level(logging.WARNING, logger="kyozai.mail"):
        assert send_mail("Hello", "Body", None, ["sue@example.jp"]) == 1  # queued
    records = [r for r in caplog.records if r.name == "kyozai.mail"]
    attempts = settings.KYOZAI_EMAIL_ATTEMPTS
    assert [r.levelname for r in records] == ["WARNING"] * (attempts - 1) + ["ERROR"]
    assert "giving up" in records[-1].getMessage()
    assert "sue@example.jp" not in caplog.text  # addresses stay out of the log


@pytest.mark.django_db
def test_a_failed_try_waits_in_the_queue_for_the_next():
    message = message_to_json(EmailMultiAlternatives("Hi", "Body", None, ["sue@example.jp"]))
    with override_settings(TASKS=QUEUED_TASKS), dead_mail_server():
        assert send_queued_mail.call(message) == 0
    (retry,) = queued_mails()
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.run_after > timezone.now() + timedelta(seconds=10)


def test_a_message_survives_the_queue_whole():
    message = EmailMultiAlternatives(
        "件名", "本文", "Kyozai <k@example.jp>", ["a@example.jp"], bcc=["b@example.jp"]
    )
    message.attach_alternative("<p>本文</p>", "text/html")
    message.attach("plan.txt", "テキスト", "text/plain")
    message.attach("plan.bin", b"\x00\xff", "application/octet-stream")
    copy = message_from_json(message_to_json(message))
    assert (copy.subject, copy.body, copy.from_email, copy.to, copy.bcc) == (
        "件名",
        "本文",
        "Kyozai <k@example.jp>",
        ["a@example.jp"],
        ["b@example.jp"],
    )
    assert copy.alternatives == [("<p>本文</p>", "text/html")]
    assert [tuple(a) for a in copy.attachments] == [
        ("plan.txt", "テキスト", "text/plain"),
        ("plan.bin", b"\x00\xff", "application/octet-stream"),
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_db_worker_process_sends_the_mail_a_request_queued(tmp_path):
    """The real thing: a password reset queues its mail in the database; a separate
    `db_worker` process sends it through the real backend (files here)."""
    TeacherFactory(username="forgetful", email="forgetful@example.jp")
    with override_settings(TASKS=QUEUED_TASKS):
        answered = Client().post(
            reverse("accounts:password_reset"), {"email": "forgetful@example.jp"}
        )
    assert answered.status_code == 302
    assert mail.outbox == []
    outbox = tmp_path / "mail"
    with shared_database(tmp_path) as database_url:
        command = ["db_worker", "--backend", "default", "--queue-name", "default"]
        options = ["--batch", "--no-startup-delay", "--no-reload", "--interval", "0"]
        finished = subprocess.run(  # noqa: S603  # nosec B603 - fixed arguments
            [sys.executable, "manage.py", *command, *options],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "DATABASE_URL": database_url,
                "QUEUE_DEFAULT_TASKS": "1",
                "EMAIL_FILE_PATH": str(outbox),
            },
            capture_output=True,
            text=True,
            timeout=WORKER_TIMEOUT,
            check=False,
        )
        assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-3000:]
    sent = "".join(path.read_text() for path in outbox.iterdir())
    assert "To: forgetful@example.jp" in sent
    assert "/accounts/password-reset/" in sent
    assert [task.status for task in queued_mails()] == ["SUCCESSFUL"]
