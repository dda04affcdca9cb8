"""CSRF on every request that changes something, found from the URL configuration.

For each discovered pattern and each state-changing method the matrix lets someone use, the
person allowed to do it sends the request without a CSRF token: 403, and the database is
exactly as before. The same request with a token then gets through, which proves the 403
was the missing token and not a permission. The JSON API is exempt from Django's middleware
(ninja checks CSRF itself for session-authenticated calls), so it is held to the same rule.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.middleware.csrf import CSRF_ALLOWED_CHARS
from django.test import Client
from django.utils.crypto import get_random_string

from .matrix import MATRIX, OK, Target
from .requests import send, undone
from .routes import STATE_CHANGING, admin_routes, discover
from .test_url_permission_matrix import admin_address
from .world import ACTORS

# Views Django's CSRF middleware skips, and why that is safe. A new exempt view fails
# test_no_view_is_exempt_without_a_reason until it is listed here.
EXEMPT_AND_WHY = {
    # ninja: the lesson endpoints use session auth, which checks the CSRF token itself
    # (tested below); the search endpoints are GET-only.
    "api/v1/lessons/": "ninja checks CSRF in its session authentication",
    "api/v1/search/": "GET only",
    "api/v1/calendar/": "ninja checks CSRF in its session authentication",
    # ninja's own schema, docs and root pages, and the JSON 404: they change nothing.
    "api/v1/openapi.json": "changes nothing",
    "api/v1/docs": "changes nothing",
    "api/v1/": "changes nothing",
    "^api/(?P<rest>[\\s\\S]*/)\\Z": "changes nothing",
    # Wagtail's admin API (Django REST framework): its session authentication checks the
    # token itself (test_the_admin_refuses_every_post_without_the_token).
    "admin/api/main/": "Django REST framework checks CSRF in its session authentication",
}
CHANGES_NOTHING = {key for key, why in EXEMPT_AND_WHY.items() if why == "changes nothing"}
WATCHED_APPS = {
    "accounts",
    "lessons",
    "library",
    "schools",
    "search",
    "wagtailcore",
    "wagtaildocs",
    "wagtailimages",
    "taggit",
    "auth",
}


def _exemption(pattern: str) -> str | None:
    for prefix, why in EXEMPT_AND_WHY.items():
        if pattern == prefix or (prefix.endswith("/") and pattern.startswith(prefix)):
            return why
    return None


def database_snapshot() -> dict:
    """Every row of every model a request could change, field by field."""
    snapshot = {}
    for model in apps.get_models():
        if model._meta.app_label not in WATCHED_APPS or model._meta.proxy:
            continue
        fields = [field.attname for field in model._meta.concrete_fields]
        snapshot[model._meta.label] = list(model.objects.order_by("pk").values_list(*fields))
    return snapshot


def _state_changing_checks():
    """(pattern, check, the actor allowed to do it) for every state-changing check."""
    for pattern, checks in sorted(MATRIX.items()):
        if pattern in CHANGES_NOTHING:
            continue
        for check in checks:
            if check.method not in STATE_CHANGING:
                continue
            allowed = [actor for actor in ACTORS if check.expected[actor] == OK]
            if allowed:
                yield pattern, check, allowed[-1]


STATE_CHANGING_CHECKS = list(_state_changing_checks())


def test_no_view_is_exempt_without_a_reason():
    unexplained = [
        route.pattern
        for route in discover()
        if route.csrf_exempt and _exemption(route.pattern) is None
    ]
    assert not unexplained, f"csrf_exempt views with no reason in EXEMPT_AND_WHY: {unexplained}"


def test_the_sweep_covers_the_apis_and_the_forms():
    patterns = {pattern for pattern, _check, _actor in STATE_CHANGING_CHECKS}
    assert "api/v1/lessons/plans/<int:plan_id>/steps/<int:step_id>/" in patterns
    assert "share/" in patterns
    assert "accounts/log-in/" in patterns
    assert len(STATE_CHANGING_CHECKS) >= 40


def _with_token(client: Client) -> str:
    token = get_random_string(32, CSRF_ALLOWED_CHARS)
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    return token


def test_changes_need_the_csrf_token(world):
    """One world for all: a refused request changes nothing (checked), and each request
    with the token is rolled back afterwards."""
    target = Target.shared(world)
    wrong = []
    for pattern, check, actor in STATE_CHANGING_CHECKS:
        where = f"{check.method.upper()} {pattern} as {actor}"
        client = world.client(actor, csrf=True)
        before = database_snapshot()
        refused = send(client, check, world, target)
        if refused.status_code != 403:
            wrong.append(f"{where} without the token: {refused.status_code}")
        if database_snapshot() != before:
            wrong.append(f"{where} without the token changed the database")
        # With the token it is let through: the 403 was the token, not a permission.
        token = _with_token(client)
        with undone():
            let_in = send(client, check, world, target, **{"X-CSRFToken": token})
        if let_in.status_code == 403:
            wrong.append(f"{where} with the token: 403")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_the_admin_refuses_every_post_without_the_token():
    """Every admin pattern, as an AJET editor who may use the admin: a POST without the
    token is refused before any admin view runs."""
    from tests.factories.accounts import EditorFactory

    client = Client(enforce_csrf_checks=True)
    client.force_login(EditorFactory(username="alex"))
    before = database_snapshot()
    let_through = [
        pattern
        for pattern in (route.pattern for route in admin_routes())
        if client.post(admin_address(pattern)).status_code != 403
    ]
    assert not let_through, let_through
    assert database_snapshot() == before
