"""A visitor looks for something to use tomorrow, in English and in Japanese — and gets the
same answers when the Elasticsearch cluster the site is configured for is down.

Every journey here runs twice: on the database backend, and with the site set to use
Elasticsearch at an address that refuses connections (a real closed local port, no mock).
The circuit breaker's cool-down is 0, so every search tries the dead cluster first and
falls back; the teacher must not notice: same results, same counts, no error page.
"""

import re

import pytest
from playwright.sync_api import expect

from lessons.services.editing import create_plan
from library.models import ClassUse
from search.backends.elasticsearch import breaker
from tests.e2e.journeys_helpers import log_in, refused_address
from tests.factories.accounts import TeacherFactory, UserFactory
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def shelf():
    """Five materials, committed for real, so the search signals index them. Weather bingo
    is the most used in class; Animal bingo is the newest bingo."""
    weather = MaterialPageFactory(
        title="Weather bingo",
        slug="weather-bingo",
        title_ja="天気ビンゴ",
        summary="Students mark the weather they hear on their bingo card.",
        grades=["ES5"],
        skills=["listening"],
        activity_types=["game"],
        duration_minutes=15,
    )
    MaterialPageFactory(
        title="Fruit bingo",
        slug="fruit-bingo",
        title_ja="フルーツビンゴ",
        summary="Call out fruit; the first full line wins.",
        grades=["ES3"],
        activity_types=["game"],
        duration_minutes=10,
    )
    MaterialPageFactory(
        title="Animal bingo",
        slug="animal-bingo",
        title_ja="動物ビンゴ",
        summary="Animal sounds and gestures on a bingo card.",
        grades=["ES5"],
        activity_types=["game"],
        duration_minutes=25,
    )
    MaterialPageFactory(
        title="Be a weather reporter",
        slug="weather-reporter",
        title_ja="今日の天気を伝えよう",
        summary="Pairs read a short forecast to the class.",
        grades=["ES6"],
        activity_types=["presentation"],
        duration_minutes=20,
    )
    MaterialPageFactory(
        title="Self-introduction cards",
        slug="self-introduction-cards",
        title_ja="英語で自己紹介をしよう",
        summary="Students fill in a card and introduce themselves to the ALT.",
        grades=["JHS1"],
        activity_types=["worksheet"],
        duration_minutes=20,
    )
    for username in ("used_it_1", "used_it_2"):
        ClassUse.objects.create(user=UserFactory(username=username), page=weather)


@pytest.fixture(params=["database", "elasticsearch_down"])
def search_backend(request, settings, shelf):
    """The backend the site is configured with. Set after the shelf is indexed, and with
    the breaker closed, so every search of the journey goes to the dead cluster first."""
    if request.param == "elasticsearch_down":
        settings.KYOZAI_SEARCH_BACKEND = "elasticsearch"
        settings.KYOZAI_SEARCH_ES_URL = refused_address()
        settings.KYOZAI_SEARCH_ES_COOLDOWN = 0
    else:
        settings.KYOZAI_SEARCH_BACKEND = "database"
    breaker.reset()
    yield request.param
    breaker.reset()


def assert_the_cluster_was_tried_and_refused(search_backend: str, searches: int) -> None:
    """On the dead-cluster run, each search really went to the cluster and was refused
    (otherwise the journey proved nothing about falling back)."""
    if search_backend == "elasticsearch_down":
        assert breaker.failures >= searches, (breaker.attempts, breaker.failures)
    else:
        assert breaker.attempts == 0


def hit_titles(page):
    return page.locator(".hit .hit__title")


def test_visitor_searches_narrows_sorts_and_opens_a_material(live_server, search_backend, page):
    page.goto(live_server.url + "/")
    header_box = page.get_by_role("searchbox", name="Search the library")
    header_box.fill("bingo")
    header_box.press("Enter")

    status = page.locator("#search-status")
    expect(status).to_have_text("3 results for “bingo”")
    expect(hit_titles(page)).to_have_count(3)
    # The word is highlighted in every title.
    expect(page.locator(".hit__title mark")).to_have_text(["bingo", "bingo", "bingo"])
    expect(page.get_by_label("Game (3)")).to_be_visible()

    # Ticking a grade refreshes results and counts in place: no reload, URL to share.
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Elementary 5 (2)").check()
    expect(status).to_have_text("2 results for “bingo”")
    expect(hit_titles(page)).to_have_count(2)
    expect(page.get_by_label("Game (2)")).to_be_visible()
    expect(page.get_by_label("Game (3)")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"[?&]grade=ES5"))
    expect(page.get_by_role("list", name="Filters in use")).to_contain_text("Grade: Elementary 5")
    assert page.evaluate("window.stillTheSamePage") is True

    # Sorting: the most used first, then the newest first — two different orders.
    sort = page.get_by_label("Sort by")
    sort.select_option(label="Most used in class")
    expect(hit_titles(page)).to_have_text(["Weather bingo", "Animal bingo"])
    expect(page).to_have_url(re.compile(r"[?&]sort=most_used"))
    expect(page.locator(".hit").first).to_contain_text("used by 2 teachers")
    sort.select_option(label="Newest")
    expect(hit_titles(page)).to_have_text(["Animal bingo", "Weather bingo"])
    expect(page).to_have_url(re.compile(r"grade=ES5.*sort=newest|sort=newest.*grade=ES5"))

    # A second facet narrows further (filters AND together).
    page.get_by_label("11–20 min (1)").check()  # noqa: RUF001 - the en dash on the page
    expect(status).to_have_text("1 result for “bingo”")
    expect(hit_titles(page)).to_have_text(["Weather bingo"])
    expect(page).to_have_url(re.compile(r"[?&]duration=11-20"))
    assert page.evaluate("window.stillTheSamePage") is True

    # The bookmarked URL gives the same page to someone else.
    shared = page.context.new_page()
    response = shared.goto(page.url)
    assert response is not None
    assert response.status == 200
    expect(shared.locator(".hit .hit__title")).to_have_text(["Weather bingo"])
    shared.close()

    page.get_by_role("link", name="Weather bingo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Weather bingo")
    expect(page).to_have_url(re.compile(r"/library/weather-bingo/$"))
    # 1 header search + grade + two sorts + duration on this page, 1 for the shared link.
    assert_the_cluster_was_tried_and_refused(search_backend, 6)


def test_visitor_searches_in_japanese(live_server, search_backend, page):
    response = page.goto(live_server.url + "/search/")
    assert response is not None
    assert response.status == 200
    expect(page.locator("#search-status")).to_have_text("5 items in the library")

    # 天気 sits in the middle of a run of Japanese: 今日の天気を伝えよう.
    box = page.get_by_role("searchbox", name="Words in English or Japanese")
    box.fill("天気")
    box.press("Enter")
    expect(page.locator("#search-status")).to_have_text("2 results for “天気”")
    reporter = page.locator(".hit").filter(has_text="Be a weather reporter")
    expect(reporter.locator(".hit__other-title")).to_have_text("今日の天気を伝えよう")
    expect(reporter.locator(".hit__other-title mark")).to_have_text("天気")
    expect(page).to_have_url(re.compile(r"[?&]q=%E5%A4%A9%E6%B0%97"))

    box.fill("自己紹介")
    box.press("Enter")
    expect(page.locator("#search-status")).to_have_text("1 result for “自己紹介”")
    hit = page.locator(".hit")
    expect(hit.locator(".hit__other-title")).to_have_text("英語で自己紹介をしよう")
    expect(hit.locator(".hit__other-title mark")).to_have_text("自己紹介")
    expect(page.get_by_role("alert")).to_have_count(0)

    hit.get_by_role("link", name="Self-introduction cards").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Self-introduction cards")
    assert_the_cluster_was_tried_and_refused(search_backend, 3)


@pytest.fixture
def weather_week():
    teacher = TeacherFactory(username="inline_alt")
    return create_plan(teacher, {"title": "Weather week", "length_minutes": 45})


def test_teacher_links_a_material_found_from_the_step_editor(
    live_server, search_backend, weather_week, page
):
    """The planner's inline material search answers through the same service, so it too
    must keep working when the cluster is down."""
    plan = weather_week
    log_in(page, live_server.url, "inline_alt")
    page.goto(f"{live_server.url}/lessons/{plan.pk}/")

    adding = page.locator("#add-step")
    adding.get_by_label("Activity:", exact=True).fill("Weather warm-up")
    adding.get_by_label("Minutes:", exact=True).fill("10")
    adding.get_by_role("searchbox", name="Find a material in the library").fill("天気")
    results = adding.locator(".material-results")
    expect(results).to_contain_text("2 materials found")
    results.get_by_role("button", name="Link Weather bingo").click()
    expect(adding.get_by_role("checkbox", name="Weather bingo")).to_be_checked()
    adding.get_by_role("button", name="Add step").click()

    step = page.locator("#steps > li").first
    expect(step.locator(".step__name")).to_have_text("Weather warm-up")
    expect(step.get_by_role("link", name="Weather bingo")).to_have_attribute(
        "href", "/library/weather-bingo/"
    )
    assert_the_cluster_was_tried_and_refused(search_backend, 1)
