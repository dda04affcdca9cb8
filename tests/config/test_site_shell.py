"""The shell every page shares: navigation, language switch, error pages, phone viewport."""

import pytest
from django.test import override_settings
from django.urls import reverse


@pytest.mark.django_db
def test_home_page_says_what_kyozai_is(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "teaching materials" in html.lower()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert 'href="/lessons/"' in html
    assert 'role="search"' in html
    assert reverse("accounts:login") in html


@pytest.mark.django_db
def test_language_switch_renders_japanese(client):
    response = client.get(reverse("switch_language", args=["ja"]) + "?next=/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="ja">' in html
    assert "ログイン" in html
    assert "マイ授業案" in html
    # The home page's own Japanese fields are shown too.
    assert "無料の教材ライブラリー" in html


@pytest.mark.django_db
def test_language_switch_does_not_redirect_off_site(client):
    response = client.get(reverse("switch_language", args=["ja"]) + "?next=https://evil.example/")
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_browser_language_is_respected(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="ja,en;q=0.5").content.decode()
    assert '<html lang="ja">' in html


@pytest.mark.django_db
def test_preferred_language_applies_after_log_in(client, teacher):
    from tests.factories.accounts import PASSWORD

    teacher.preferred_language = "ja"
    teacher.save()
    client.post(reverse("accounts:login"), {"username": teacher.username, "password": PASSWORD})
    assert '<html lang="ja">' in client.get("/").content.decode()
    # The switch still wins over the profile.
    client.get(reverse("switch_language", args=["en"]))
    assert '<html lang="en">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_unknown_page_gets_the_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@pytest.mark.django_db
def test_server_error_page_is_plain_and_bilingual(client):
    from config.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "エラーが発生しました" in response.content.decode()


@pytest.mark.django_db
def test_anonymous_pages_carry_no_csrf_token(client):
    # Keeps anonymous pages cacheable; forms that need a token (log-in, sign-up) add their own.
    assert "csrfmiddlewaretoken" not in client.get("/").content.decode()


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_security_headers_are_sent(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_search_page_answers_a_query(client):
    response = client.get(reverse("search:page"), {"q": "Kyozai"})
    assert response.status_code == 200
    assert response.context["search_query"] == "Kyozai"


@pytest.mark.django_db
def test_search_page_caps_a_huge_query(client):
    response = client.get(reverse("search:page"), {"q": "x" * 5000})
    assert response.status_code == 200
    assert len(response.context["search_query"]) == 200
