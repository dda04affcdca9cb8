"""Security headers on every page: every discovered GET route (as a visitor and as a
signed-in teacher, whatever the status), "not found" pages, the API and the admin.

The site's pages carry the full Content-Security-Policy; the Wagtail admin, which needs
inline scripts, carries the directives that cost it nothing (config/security.py).
"""

import pytest

from .matrix import MATRIX, Target
from .requests import send
from .routes import admin_routes
from .test_url_permission_matrix import admin_address
from .world import AJET, ANONYMOUS, OWNER


def header_problems(response) -> list[str]:
    problems = []
    policy = response.get("Content-Security-Policy", "")
    frame = response.get("X-Frame-Options", "")
    if frame not in ("DENY", "SAMEORIGIN"):
        problems.append(f"X-Frame-Options is {frame!r}")
    # Framing by the site itself only where the response says so (Wagtail's preview).
    ancestors = "frame-ancestors 'self'" if frame == "SAMEORIGIN" else "frame-ancestors 'none'"
    if ancestors not in policy:
        problems.append(f"no {ancestors} in the policy {policy!r}")
    for directive in ("object-src", "base-uri"):
        # A policy of default-src 'none' (a document download) covers both.
        if directive not in policy and "default-src 'none'" not in policy:
            problems.append(f"no {directive} in the policy")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if response.get("Referrer-Policy") != "same-origin":
        problems.append(f"Referrer-Policy is {response.get('Referrer-Policy')!r}")
    return problems


def is_site_policy(response) -> bool:
    policy = response["Content-Security-Policy"]
    return "script-src 'self'" in policy and "unsafe-inline" not in policy


def is_download_policy(response) -> bool:
    """Wagtail serves a document with a policy of its own that forbids everything."""
    return response["Content-Security-Policy"].startswith("default-src 'none'")


GET_CHECKS = [
    (pattern, check)
    for pattern, checks in sorted(MATRIX.items())
    for check in checks
    if check.method == "get"
]


def test_every_get_route_sends_the_headers(world):
    """Every GET check of the matrix (every discovered pattern that answers GET), as a
    visitor and as Sam, whatever the answer: page, redirect, 403, 404, PDF or JSON."""
    assert len({pattern for pattern, _check in GET_CHECKS}) > 60
    clients = {actor: world.client(actor) for actor in (ANONYMOUS, OWNER)}
    wrong = []
    for pattern, check in GET_CHECKS:
        for actor, client in clients.items():
            response = send(client, check, world, Target.shared(world))
            problems = header_problems(response)
            if not (is_site_policy(response) or is_download_policy(response)):
                problems.append(f"policy {response['Content-Security-Policy']!r}")
            if problems:
                wrong.append(
                    f"{pattern} {check.label} as {actor} ({response.status_code}): {problems}"
                )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "address", ["/no-such-page/", "/lessons/999999/", "/api/v1/no-such-endpoint/", "/x.php"]
)
def test_not_found_pages_send_the_headers(world, address):
    for actor in (ANONYMOUS, OWNER):
        response = world.client(actor).get(address)
        # A visitor is asked to log in before any plan is looked up.
        assert response.status_code == (
            302 if address.startswith("/lessons/") and actor == ANONYMOUS else 404
        )
        assert not header_problems(response), (actor, header_problems(response))


def test_api_answers_send_the_headers(world):
    client = world.client(OWNER)
    responses = [
        client.get("/api/v1/search/", {"q": "bingo"}),
        client.get(f"/api/v1/lessons/plans/{world.shared_plan.pk}/"),
        client.get("/api/v1/search/", {"page": "abc"}),  # a 400
        world.client(ANONYMOUS).get("/api/v1/lessons/plans/"),  # a 401
    ]
    assert [r.status_code for r in responses] == [200, 200, 400, 401]
    for response in responses:
        assert not header_problems(response), header_problems(response)


def test_every_admin_page_sends_frame_protection(world):
    """Every admin pattern as a visitor (log-in redirects and the public pages), and the
    editor's own screens, including the preview the admin frames itself."""
    visitor = world.client(ANONYMOUS)
    for route in admin_routes():
        response = visitor.get(admin_address(route.pattern))
        assert not header_problems(response), (route.pattern, header_problems(response))
    editor = world.client(AJET)
    for address in ("/admin/", f"/admin/pages/{world.draft.pk}/edit/", "/admin/documents/"):
        response = editor.get(address)
        assert response.status_code == 200
        assert not header_problems(response), (address, header_problems(response))
        assert "unsafe" not in response["Content-Security-Policy"]


def test_the_admin_preview_may_be_framed_by_the_admin_only(world):
    editor = world.client(AJET)
    address = f"/admin/pages/{world.draft.pk}/edit/preview/"
    response = editor.get(address, {"mode": ""})
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in response["Content-Security-Policy"]
