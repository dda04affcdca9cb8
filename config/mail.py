"""E-mail through the one task framework: no web request ever waits on a mail server.

`EMAIL_BACKEND` is `QueuedEmailBackend` in every mode. Every mail Kyozai or a library sends
(address confirmations, password resets from the site and the admin, co-planning
invitations) is turned into plain JSON and handed to the `send_queued_mail` task on the
"default" queue (config/settings/tasks.py); the worker then sends it through the real
backend, `KYOZAI_EMAIL_DELIVERY_BACKEND` (SMTP from EMAIL_URL, else the console).

A mail server that is down or refuses a message is logged and tried again a bounded number
of times, further apart each time (`KYOZAI_EMAIL_ATTEMPTS`); after the last try the task
fails and the failure stays in the task's result for the operator. On the database queue a
mail is queued inside the request's transaction, so a request that rolls back sends nothing.

The test settings keep the queue ("default" runs tasks at once there) and deliver into
Django's locmem outbox, so every test that reads `mail.outbox` goes through this module.
"""

from __future__ import annotations

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

log = logging.getLogger("kyozai.mail")

# Seconds before the second, third, … try: a short blip passes quickly, a longer outage is
# waited out for about a quarter of an hour in all.
RETRY_DELAYS = (30, 120, 600)


class UnqueueableMessage(ValueError):
    """A message this module cannot turn into JSON (an attachment that is a MIME part)."""


def _attachment(attachment) -> dict:
    if not isinstance(attachment, tuple):  # a ready-made MIME part: never made by Kyozai
        raise UnqueueableMessage("Only (filename, content, mimetype) attachments can be queued.")
    filename, content, mimetype = attachment
    raw = content.encode() if isinstance(content, str) else bytes(content)
    return {
        "filename": filename,
        "content": base64.b64encode(raw).decode("ascii"),
        "mimetype": mimetype,
        "text": isinstance(content, str),
    }


def message_to_json(message: EmailMessage) -> dict:
    """Everything a backend needs to send `message`, as JSON a task can carry."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        "content_subtype": message.content_subtype,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_attachment(attachment) for attachment in message.attachments],
    }


def message_from_json(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(pair) for pair in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    for item in data["attachments"]:
        content = base64.b64decode(item["content"])
        message.attach(
            item["filename"], content.decode() if item["text"] else content, item["mimetype"]
        )
    return message


def _retry_later(message: dict, attempt: int) -> None:
    delay = RETRY_DELAYS[min(attempt - 1, len(RETRY_DELAYS) - 1)]
    retry = send_queued_mail
    # A backend that cannot wait (the tests' immediate one) tries again at once.
    if retry.get_backend().supports_defer:
        retry = retry.using(run_after=timezone.now() + timedelta(seconds=delay))
    retry.enqueue(message, attempt=attempt + 1)


@task()
def send_queued_mail(message: dict, attempt: int = 1) -> int:
    """Send one queued message through the real backend; on failure, queue it again until
    KYOZAI_EMAIL_ATTEMPTS tries have been made, then fail the task (the error is logged and
    kept in the task's result)."""
    recipients = len(message["to"]) + len(message["cc"]) + len(message["bcc"])
    try:
        connection = get_connection(settings.KYOZAI_EMAIL_DELIVERY_BACKEND)
        sent = connection.send_messages([message_from_json(message)])
    except Exception:
        if attempt >= settings.KYOZAI_EMAIL_ATTEMPTS:
            log.exception("Mail to %d recipient(s) failed %d times; giving up", recipients, attempt)
            raise
        log.warning(
            "Mail to %d recipient(s) failed (try %d of %d); trying again later",
            recipients,
            attempt,
            settings.KYOZAI_EMAIL_ATTEMPTS,
            exc_info=True,
        )
        _retry_later(message, attempt)
        return 0
    return sent or 0


class QueuedEmailBackend(BaseEmailBackend):
    """Django's e-mail backend interface, queueing instead of sending: `send_mail`,
    `PasswordResetForm` and Wagtail all use it unchanged."""

    def send_messages(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                send_queued_mail.enqueue(message_to_json(message))
            except Exception:
                log.exception("Could not queue a mail")
                if not self.fail_silently:
                    raise
                continue
            queued += 1
        return queued
