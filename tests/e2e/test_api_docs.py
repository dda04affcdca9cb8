"""/api/v1/docs in a real browser: Swagger UI from Kyozai's own static files, under the
site's Content-Security-Policy, with no violation and no request to another origin."""

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_api_docs_render_from_our_own_files_without_a_csp_violation(live_server, page):
    requests: list[str] = []
    console_errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e =>"
        " window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )

    response = page.goto(live_server.url + "/api/v1/docs")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", name="Kyozai API")).to_be_visible()
    expect(page.get_by_text("/api/v1/search/", exact=False).first).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []
    assert not [text for text in console_errors if "Content Security Policy" in text]
    assets = [url for url in requests if url.endswith((".js", ".css"))]
    assert any(url.endswith("swagger-ui-bundle.js") for url in assets)
    assert any(url.endswith("swagger-ui.css") for url in assets)
    assert all(url.startswith(live_server.url) for url in requests), requests
