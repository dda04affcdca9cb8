"""/api/v1/docs was blank: Swagger UI came from a CDN the Content-Security-Policy blocks.
It now comes from the site's own static files (tests/e2e/test_api_docs.py renders it)."""

import json
import re

from django.contrib.staticfiles import finders


def test_the_api_docs_load_swagger_from_our_own_static_files(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()

    assert response.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert "/static/ninja/swagger-ui.css" in sources
    assert all(source.startswith("/") for source in sources), sources
    for source in sources:
        assert finders.find(source.removeprefix("/static/")), source
    assert "<script>" not in html  # nothing inline for the policy to allow


def test_the_docs_page_keeps_the_strict_policy_and_sends_nothing_to_a_validator(client):
    response = client.get("/api/v1/docs")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    settings_json = re.search(
        r'<script type="application/json" id="swagger-settings">(.*?)</script>',
        response.content.decode(),
        re.S,
    ).group(1)
    assert json.loads(settings_json)["validatorUrl"] is None
