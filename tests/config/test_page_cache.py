"""The full-page cache (config/page_cache): anonymous visitors get public pages from the
cache, nobody ever gets someone else's page, a draft or a preview, and publishing shows
at once. Real database, real middleware stack, Django's in-memory cache."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import resolve, reverse
from wagtail.models import PageViewRestriction

from config.page_cache import rules, store
from library.models import Grade, MaterialIndexPage
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db

HEADER = "X-Kyozai-Cache"


@pytest.fixture
def bingo():
    return MaterialPageFactory(
        title="Weather bingo", slug="weather-bingo", title_ja="天気ビンゴ", grades=["ES5"]
    )


def cache_state(response) -> str | None:
    return response.headers.get(HEADER)


def publish_title(page, title: str) -> None:
    page.title = title
    page.save_revision().publish()


def test_first_visit_is_stored_and_the_second_is_served_from_the_cache(client, bingo):
    first = client.get(bingo.url)
    second = client.get(bingo.url)

    assert (first.status_code, cache_state(first)) == (200, "miss")
    assert (second.status_code, cache_state(second)) == (200, "hit")
    assert second.content == first.content
    kept = {name: value for name, value in first.headers.items() if name != HEADER}
    assert {name: value for name, value in second.headers.items() if name != HEADER} == kept
    assert "Set-Cookie" not in second.headers


def test_a_hit_reads_nothing_from_the_database(client, bingo, django_assert_num_queries):
    client.get(bingo.url)
    with django_assert_num_queries(0):
        assert cache_state(client.get(bingo.url)) == "hit"


def test_a_hit_carries_the_security_headers(client, bingo):
    client.get(bingo.url)
    hit = client.get(bingo.url)

    assert cache_state(hit) == "hit"
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert hit["Referrer-Policy"] == "same-origin"
    assert hit["X-Frame-Options"] == "DENY"


def test_head_is_answered_from_the_stored_get(client, bingo):
    client.get(bingo.url)
    assert cache_state(client.head(bingo.url)) == "hit"


def test_a_signed_in_teacher_never_gets_nor_fills_the_cache(client, bingo, teacher):
    assert cache_state(client.get(bingo.url)) == "miss"

    client.force_login(teacher)
    for _ in range(2):
        signed_in = client.get(bingo.url)
        assert signed_in.status_code == 200
        assert HEADER not in signed_in.headers
        assert "Log out" in signed_in.content.decode()

    anonymous = Client()
    cache.clear()
    client.get(bingo.url)  # the teacher again, on an empty cache
    first = anonymous.get(bingo.url)
    assert cache_state(first) == "miss"
    assert "Log out" not in first.content.decode()
    assert teacher.username not in first.content.decode()


def test_a_visitor_with_only_a_csrf_cookie_is_still_anonymous(client, bingo):
    client.get(bingo.url)
    client.cookies["csrftoken"] = "x" * 32
    assert cache_state(client.get(bingo.url)) == "hit"


def test_publishing_shows_the_new_version_at_once(client, bingo):
    client.get(bingo.url)
    assert cache_state(client.get(bingo.url)) == "hit"

    publish_title(bingo, "Weather bingo, second edition")

    fresh = client.get(bingo.url)
    assert cache_state(fresh) == "miss"
    assert "Weather bingo, second edition" in fresh.content.decode()


def test_publishing_one_page_refreshes_the_listings_that_show_it(client, bingo):
    library = MaterialIndexPage.objects.get().url
    client.get(library)
    MaterialPageFactory(title="Animal relay race", slug="animal-relay")

    listing = client.get(library)
    assert cache_state(listing) == "miss"
    assert "Animal relay race" in listing.content.decode()


def test_the_second_invalidation_after_commit_discards_pages_cached_meanwhile(
    client, bingo, django_capture_on_commit_callbacks
):
    """A request that read the old page while the publish was still uncommitted must not
    leave it in the cache: the token is replaced again once the publish commits."""
    with django_capture_on_commit_callbacks() as callbacks:
        publish_title(bingo, "Weather bingo, second edition")
        generation_before_commit = cache.get(store.GENERATION_KEY)
        client.get(bingo.url)  # cached under the token of the uncommitted publish
        assert cache_state(client.get(bingo.url)) == "hit"
    for callback in callbacks:
        callback()

    assert cache.get(store.GENERATION_KEY) != generation_before_commit
    assert cache_state(client.get(bingo.url)) == "miss"


def test_unpublishing_answers_404_instead_of_the_stale_page(client, bingo):
    client.get(bingo.url)
    url = bingo.url
    bingo.unpublish()

    response = client.get(url)
    assert response.status_code == 404
    assert cache_state(response) != "hit"


def test_deleting_a_page_answers_404(client, bingo):
    url = bingo.url
    client.get(url)
    bingo.delete()

    assert client.get(url).status_code == 404


def test_renaming_a_grade_refreshes_pages_that_show_it(client, bingo):
    client.get(bingo.url)
    grade = Grade.objects.get(code="ES5")
    grade.name = "Fifth grade (ES)"
    grade.save()

    fresh = client.get(bingo.url)
    assert cache_state(fresh) == "miss"
    assert "Fifth grade (ES)" in fresh.content.decode()


def test_a_saved_draft_changes_nothing_and_does_not_leak(client, bingo):
    client.get(bingo.url)
    bingo.title = "DRAFT: not ready"
    bingo.save_revision()

    hit = client.get(bingo.url)
    assert cache_state(hit) == "hit"
    assert "DRAFT: not ready" not in hit.content.decode()
    cache.clear()
    assert "DRAFT: not ready" not in client.get(bingo.url).content.decode()


def test_a_preview_is_never_served_from_nor_put_into_the_cache(client, bingo):
    """Wagtail runs a preview through the whole middleware stack at the page's own address
    — with no session at all when there is no original request, the worst case."""
    client.get(bingo.url)
    bingo.title = "PREVIEW: not ready"

    preview = bingo.make_preview_request(None, bingo.default_preview_mode)

    assert "PREVIEW: not ready" in preview.content.decode()
    assert HEADER not in preview.headers
    live = client.get(bingo.url)
    assert cache_state(live) == "hit"
    assert "PREVIEW: not ready" not in live.content.decode()


def test_an_editor_viewing_a_draft_leaves_the_cache_alone(client, bingo, editor):
    client.get(bingo.url)
    bingo.title = "DRAFT: not ready"
    bingo.save_revision()
    editor_client = Client()
    editor_client.force_login(editor)

    draft = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[bingo.pk]))
    assert "DRAFT: not ready" in draft.content.decode()
    assert HEADER not in draft.headers

    live = client.get(bingo.url)
    assert cache_state(live) == "hit"
    assert "DRAFT: not ready" not in live.content.decode()


def test_english_and_japanese_are_cached_apart(client, bingo):
    japanese = Client()
    japanese.cookies["django_language"] = "ja"

    assert cache_state(client.get(bingo.url)) == "miss"
    assert cache_state(japanese.get(bingo.url)) == "miss"
    english_hit = client.get(bingo.url)
    japanese_hit = japanese.get(bingo.url)

    assert (cache_state(english_hit), cache_state(japanese_hit)) == ("hit", "hit")
    assert '<html lang="en">' in english_hit.content.decode()
    assert '<html lang="ja">' in japanese_hit.content.decode()
    assert "天気ビンゴ" in japanese_hit.content.decode()


def test_the_browser_language_is_part_of_the_key(client, bingo):
    client.get(bingo.url, HTTP_ACCEPT_LANGUAGE="en")
    japanese = client.get(bingo.url, HTTP_ACCEPT_LANGUAGE="ja")

    assert cache_state(japanese) == "miss"
    assert '<html lang="ja">' in japanese.content.decode()


def test_query_strings_are_cached_apart(client, bingo):
    MaterialPageFactory(title="Junior high chant", slug="jhs-chant", grades=["JHS1"])
    library = MaterialIndexPage.objects.get().url

    everything = client.get(library)
    filtered = client.get(library + "?grade=JHS1")

    assert (cache_state(everything), cache_state(filtered)) == ("miss", "miss")
    assert "Weather bingo" not in filtered.content.decode()
    assert cache_state(client.get(library + "?grade=JHS1")) == "hit"
    assert "Weather bingo" in client.get(library).content.decode()


def test_the_search_page_and_its_htmx_fragment_are_cached_apart(client, bingo):
    url = reverse("search:page") + "?q=bingo"
    page = client.get(url)
    fragment = client.get(url, HTTP_HX_REQUEST="true")

    assert (cache_state(page), cache_state(fragment)) == ("miss", "miss")
    assert "<html" in page.content.decode()
    assert "<html" not in fragment.content.decode()
    assert cache_state(client.get(url, HTTP_HX_REQUEST="true")) == "hit"


def test_a_search_with_a_bad_parameter_is_not_cached(client, bingo):
    url = reverse("search:page") + "?q=bingo&sort=nonsense"
    assert client.get(url).status_code == 400
    assert cache_state(client.get(url)) != "hit"


def test_signed_in_areas_and_the_api_are_never_looked_up(client, bingo):
    for url in ["/accounts/log-in/", "/api/v1/search/?q=bingo", "/accounts/sign-up/"]:
        client.get(url)
        assert HEADER not in client.get(url).headers, url


def test_a_page_with_a_password_form_is_not_cached_and_its_content_never_leaks(client, bingo):
    """The password form carries a CSRF token; once the password is given the session
    holds it, and the page shown to that visitor must never reach anyone else."""
    restriction = PageViewRestriction.objects.create(
        page=bingo, restriction_type=PageViewRestriction.PASSWORD, password="kyozai"
    )
    form = client.get(bingo.url)
    assert "csrfmiddlewaretoken" in form.content.decode()
    assert cache_state(form) == "skip"

    unlocked = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, bingo.pk]),
        {"password": "kyozai", "return_url": bingo.url},
        follow=True,
    )
    assert "Weather bingo" in unlocked.content.decode()
    assert HEADER not in unlocked.headers

    stranger = Client().get(bingo.url)
    assert "csrfmiddlewaretoken" in stranger.content.decode()
    assert cache_state(stranger) != "hit"


def _page_request(url: str):
    request = RequestFactory().get(url)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request.resolver_match = resolve(url)
    return request


def test_a_response_that_used_the_csrf_token_is_not_stored(bingo):
    plain = _page_request(bingo.url)
    assert rules.may_store(plain, HttpResponse("<p>Weather bingo</p>"))

    token_used = _page_request(bingo.url)
    get_token(token_used)
    assert not rules.may_store(token_used, HttpResponse("<p>Weather bingo</p>"))

    token_in_page = _page_request(bingo.url)
    form = '<form><input type="hidden" name="csrfmiddlewaretoken" value="x"></form>'
    assert not rules.may_store(token_in_page, HttpResponse(form))


def test_responses_that_ask_not_to_be_shared_are_not_stored(bingo):
    for header, value in [
        ("Cache-Control", "private"),
        ("Cache-Control", "max-age=0, no-store"),
        ("Vary", "Authorization"),
    ]:
        response = HttpResponse("<p>Weather bingo</p>", headers={header: value})
        assert not rules.may_store(_page_request(bingo.url), response), value
    with_cookie = HttpResponse("<p>Weather bingo</p>")
    with_cookie.set_cookie("seen", "1")
    assert not rules.may_store(_page_request(bingo.url), with_cookie)


def _messages_cookie(text: str) -> str:
    storage = CookieStorage(RequestFactory().get("/"))
    response = HttpResponse()
    storage._store([Message(message_levels.SUCCESS, text)], response)
    return response.cookies[storage.cookie_name].value


def test_a_page_showing_a_message_is_not_cached(client, bingo):
    client.get(bingo.url)
    client.cookies["messages"] = _messages_cookie("Thanks for signing up.")

    with_message = client.get(bingo.url)
    assert "Thanks for signing up." in with_message.content.decode()
    assert HEADER not in with_message.headers

    after = client.get(bingo.url)  # the message was shown once and is gone
    assert "Thanks for signing up." not in after.content.decode()
    assert cache_state(after) == "hit"


def test_zero_seconds_turns_the_cache_off(client, bingo, settings):
    settings.KYOZAI_PAGE_CACHE_SECONDS = 0
    client.get(bingo.url)
    assert HEADER not in client.get(bingo.url).headers


def test_the_host_is_part_of_the_key(client, bingo, settings):
    settings.ALLOWED_HOSTS = ["testserver", "kyozai.example.org"]
    client.get(bingo.url)
    other_host = client.get(bingo.url, HTTP_HOST="kyozai.example.org")

    assert cache_state(other_host) == "miss"
    assert "kyozai.example.org" in other_host.content.decode()


# --- Parameters a page does not read (config/page_cache/query.py) ---------------------------


def stored_pages() -> int:
    """How many pages the (in-memory) cache holds."""
    return sum(1 for key in cache._cache if store.ENTRY_PREFIX in key)


def test_an_ignored_parameter_makes_no_new_entry_and_changes_nothing_on_the_page(client, bingo):
    """`/library/?utm=<random>` used to store a new copy of the list for every value."""
    library = MaterialIndexPage.objects.get().url
    first = client.get(library + "?utm_source=newsletter-1")
    assert cache_state(first) == "miss"
    assert "utm_source" not in first.content.decode()  # not even in the language links

    for number in range(2, 6):
        again = client.get(f"{library}?utm_source=newsletter-{number}&fbclid=x{number}")
        assert cache_state(again) == "hit"
    plain = client.get(library)
    assert cache_state(plain) == "hit"
    assert plain.content == first.content
    assert stored_pages() == 1


def test_parameter_order_and_repeats_share_one_entry(client, bingo):
    library = MaterialIndexPage.objects.get().url
    assert cache_state(client.get(library + "?grade=ES5&grade=ES6")) == "miss"
    for variant in [
        "?grade=ES6&grade=ES5",
        "?grade=ES5&grade=ES6&grade=ES5",
        "?grade=ES6&grade=ES5&grade=ES6",
    ]:
        assert cache_state(client.get(library + variant)) == "hit", variant
    assert stored_pages() == 1


def test_a_parameter_only_another_page_type_reads_is_dropped_once_the_page_is_known(client, bingo):
    """A material page reads no parameters; the list's `grade` is kept until Wagtail has
    found the page, then the page is rendered and stored as the plain page."""
    for value in ["ES5", "nonsense-1", "nonsense-2"]:
        response = client.get(f"{bingo.url}?grade={value}")
        assert response.status_code == 200
        assert "grade=" not in response.content.decode()
    assert cache_state(client.get(bingo.url)) == "hit"
    assert stored_pages() == 1


def test_the_search_page_keys_on_the_parameters_it_reads(client, bingo):
    url = reverse("search:page")
    assert cache_state(client.get(url + "?q=bingo&grade=ES5&ref=mail")) == "miss"
    assert cache_state(client.get(url + "?ref=tweet&grade=ES5&q=bingo")) == "hit"
    assert cache_state(client.get(url + "?q=bingo&grade=ES6")) == "miss"
    assert stored_pages() == 2


def test_the_parameter_lists_come_from_the_listing_and_the_search_code():
    """Renaming a filter in the listing or the search page reaches the cache by itself."""
    from config.page_cache import query
    from library.listing import QUERY_PARAMETERS
    from search.request import FILTER_KEYS

    assert set(QUERY_PARAMETERS) <= query.any_page_parameters()
    search = query.parameters_of(resolve(reverse("search:page")))
    # `expand=0` (no translations) is another answer, so it is kept apart in the cache.
    assert {"q", "page", "sort", "expand", *FILTER_KEYS} == search
    assert query.parameters_of(resolve("/library/")) == query.any_page_parameters()


def test_signed_in_teachers_keep_every_parameter(client, bingo, teacher):
    client.force_login(teacher)
    library = MaterialIndexPage.objects.get().url
    response = client.get(library + "?utm_source=newsletter")
    assert "utm_source" in response.content.decode()  # the language links keep it


def test_made_up_values_of_a_parameter_the_list_reads_are_answered_but_not_stored(client, bingo):
    library = MaterialIndexPage.objects.get().url
    for number in range(3):
        made_up = client.get(f"{library}?grade=no-such-grade-{number}&page=1")
        assert made_up.status_code == 200
        assert "Weather bingo" in made_up.content.decode()  # unknown values filter nothing
        assert cache_state(made_up) == "skip"
    assert stored_pages() == 0
    assert cache_state(client.get(library + "?grade=ES5")) == "miss"
    assert cache_state(client.get(library + "?grade=ES5")) == "hit"
