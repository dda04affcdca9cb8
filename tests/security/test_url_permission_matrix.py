"""The "nothing forgotten" sweep: every URL pattern of the site, for six people.

The patterns come from the URL configuration (tests/security/routes.py), so a new view
fails test_every_route_has_an_entry until tests/security/matrix.py says who may use it. The
Wagtail admin (/admin/, over 200 patterns) is covered as a group: every pattern is still
discovered and requested, but the expectation is one rule for all of them.
"""

import re

import pytest
from django.urls import resolve

from .matrix import LOGIN, MATRIX, OK, Target
from .requests import outcome_of, send, undone
from .routes import admin_routes, site_routes
from .world import ACTORS, AJET, ANONYMOUS, OTHER, OWNER

SITE_ROUTES = site_routes()


def test_every_route_has_an_entry():
    discovered = {route.pattern for route in SITE_ROUTES}
    missing = sorted(discovered - set(MATRIX))
    stale = sorted(set(MATRIX) - discovered)
    assert not missing, f"URL patterns with no entry in tests/security/matrix.py: {missing}"
    assert not stale, f"Entries in tests/security/matrix.py for patterns that are gone: {stale}"


def test_the_discovery_reaches_every_part_of_the_site():
    """Guards the walk itself: the API, Wagtail page serving and the admin are all found."""
    patterns = {route.pattern for route in SITE_ROUTES}
    assert "api/v1/lessons/plans/<int:plan_id>/steps/<int:step_id>/" in patterns
    assert any(route.names == ["wagtail_serve"] for route in SITE_ROUTES)
    assert "documents/^(\\d+)/(.*)$" in patterns
    assert len(admin_routes()) > 100


@pytest.mark.parametrize(
    "route", [route for route in SITE_ROUTES if route.is_api], ids=lambda route: route.pattern
)
def test_every_api_method_has_a_check(route):
    """An API path answers several methods; each one the path takes is in the matrix."""
    checked = {check.method for check in MATRIX.get(route.pattern, [])}
    assert checked == route.api_methods


def same_route(resolved: str, pattern: str) -> bool:
    """Django drops the `^` of an included regex pattern from ResolverMatch.route."""
    return resolved.replace("^", "") == pattern.replace("^", "")


def _cases(world, check):
    yield "shared", Target.shared(world), check.expected
    if check.plan:
        yield "private", Target.private(world), check.expected_on_private_plan()


@pytest.mark.parametrize("pattern", sorted(MATRIX))
def test_permission_matrix(world, pattern):
    clients = {actor: world.client(actor) for actor in ACTORS}
    wrong = []
    for check in MATRIX[pattern]:
        for plan_kind, target, expected in _cases(world, check):
            address = check.url(world, target)
            # The URL really is this pattern's, not one another pattern happens to take.
            assert same_route(resolve(address.split("?")[0]).route, pattern), address
            for actor in ACTORS:
                with undone():
                    outcome = outcome_of(send(clients[actor], check, world, target))
                if outcome != expected[actor]:
                    wrong.append(
                        f"{check.method.upper()} {address} ({plan_kind} {check.label}) as "
                        f"{actor}: got {outcome}, expected {expected[actor]}"
                    )
    assert not wrong, "\n".join(wrong)


def test_a_private_plan_is_not_found_by_id_for_anyone_else(world):
    """Spelled out for the plan itself: no signed-in person but Sam gets past 404."""
    for actor in ACTORS:
        if actor in (OWNER, ANONYMOUS):
            continue
        client = world.client(actor)
        for address in (
            f"/lessons/{world.private_plan.pk}/",
            f"/lessons/{world.private_plan.pk}/print/pdf/",
            f"/api/v1/lessons/plans/{world.private_plan.pk}/",
        ):
            response = client.get(address)
            assert response.status_code == 404, (actor, address)
            assert b"My secret plan" not in response.content


# --- the Wagtail admin, as a group -----------------------------------------------------

# Admin pages anyone may open: the admin's own log-in and password reset, its translations
# and its icon sprite.
ADMIN_PUBLIC = {
    "admin/login/",
    "admin/password_reset/",
    "admin/password_reset/done/",
    "admin/password_reset/confirm/<uidb64>/<token>/",
    "admin/password_reset/complete/",
    "admin/jsi18n/",
    "admin/sprite/",
}
# Turning a pattern into a URL it takes: numbers for ids, a word for everything else.
FILLERS = [
    (re.compile(r"\(\?P<\w+>[^)]*\\d\+\)"), "1"),
    (re.compile(r"<int:\w+>"), "1"),
    (re.compile(r"<(?:\w+:)?\w+>"), "x"),
    (re.compile(r"\(\\d\+\)"), "1"),
    (re.compile(r"\(\.\*\)|\.\*"), "x"),
    (re.compile(r"\\\."), "."),
    (re.compile(r"[\^$]"), ""),
]


def admin_address(pattern: str) -> str:
    address = pattern
    for filler, value in FILLERS:
        address = filler.sub(value, address)
    return "/" + address


ADMIN_CASES = [route.pattern for route in admin_routes()]


def test_every_admin_pattern_becomes_a_url_it_answers():
    for pattern in ADMIN_CASES:
        address = admin_address(pattern)
        assert same_route(resolve(address).route, pattern), (pattern, address)


@pytest.mark.django_db
def test_the_admin_sends_visitors_and_teachers_away(client, django_user_model):
    """Every admin pattern: a visitor is sent to the admin log-in, and a teacher (no
    "access admin" permission) is never shown an admin page. The public few (log-in,
    password reset, translations) open for anyone."""
    from tests.factories.accounts import TeacherFactory

    teacher = TeacherFactory(username="sam")
    signed_in = type(client)()
    signed_in.force_login(teacher)
    wrong = []
    for pattern in ADMIN_CASES:
        address = admin_address(pattern)
        visitor = outcome_of(client.get(address))
        as_teacher = signed_in.get(address)
        if pattern in ADMIN_PUBLIC:
            continue
        if visitor != LOGIN:
            wrong.append(f"{address} as a visitor: {visitor}")
        if outcome_of(as_teacher) not in (LOGIN, 403) or as_teacher.status_code == 200:
            wrong.append(f"{address} as a teacher: {as_teacher.status_code}")
    assert not wrong, "\n".join(wrong)
    for pattern in ADMIN_PUBLIC - {"admin/password_reset/confirm/<uidb64>/<token>/"}:
        assert outcome_of(client.get(admin_address(pattern))) == OK, pattern


def test_editors_use_the_admin_and_teachers_do_not(world):
    """The AJET editor reviews Sam's draft in the admin; Sam and Hanako cannot."""
    editor = world.client(AJET)
    draft_edit = f"/admin/pages/{world.draft.pk}/edit/"
    for address in ("/admin/", "/admin/pages/", draft_edit, "/admin/documents/"):
        assert editor.get(address).status_code == 200, address
    # Editors are not site administrators: the user list stays closed to them.
    assert outcome_of(editor.get("/admin/users/")) in (LOGIN, 403, OK)
    assert editor.get("/admin/users/").status_code != 200
    for actor in (OWNER, OTHER):
        response = world.client(actor).get(draft_edit)
        assert outcome_of(response) == LOGIN, actor
