"""Sending one matrix check as one actor, and naming what came back in the matrix's words."""

from __future__ import annotations

import json
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url

from .matrix import LOGIN, OK, Check, Target
from .world import World

REDIRECTS = (301, 302, 303, 307, 308)


def login_paths() -> tuple[str, ...]:
    """The site's log-in page, the Wagtail admin's, and Wagtail's page-privacy log-in."""
    return (resolve_url(settings.LOGIN_URL), "/admin/login/", "/_util/login/")


def outcome_of(response) -> object:
    if response.status_code in REDIRECTS:
        path = urlsplit(response["Location"]).path
        return LOGIN if path.startswith(login_paths()) else OK
    if 200 <= response.status_code < 300:
        return OK
    return response.status_code


def send(client, check: Check, world: World, target: Target, **headers):
    address = check.url(world, target)
    data = check.data(world, target)
    if check.json and check.method != "get":
        return client.generic(
            check.method.upper(),
            address,
            json.dumps(data),
            content_type="application/json",
            headers=headers,
        )
    return getattr(client, check.method)(address, data, headers=headers)


@contextmanager
def undone():
    """Whatever the request changes is rolled back, so the next actor meets the same world."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
