"""Redis down, closed or silent: the site keeps serving, uncached, and says so once.

Production-like settings (the cache entry production builds from REDIS_URL, the page and
search caches on) against a real socket: a port nothing listens on, and a server that
accepts connections and never answers. Bounds are proven by counting — the breaker's
attempts and the connections the silent server accepted — never by timing. Then a real
Redis comes back behind the same address and caching resumes.
"""

import logging

import pytest
from django.core.cache import cache
from django.urls import reverse

from config.cache import DEFAULT_TIMEOUT_SECONDS, redis_cache_settings
from tests.config.stand_ins import StandInServer, closed_port
from tests.factories.accounts import PASSWORD
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db

REAL_REDIS = ("127.0.0.1", 6379)
REDIS_DB = 7
CACHE_HEADER = "X-Kyozai-Cache"


class FakeClock:
    """The breaker's clock, moved on by hand: no test sleeps through a cool-down."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def silent_redis():
    server = StandInServer()
    yield server
    server.close()


@pytest.fixture(params=["closed port", "silent server"])
def dead_redis(request, settings):
    """REDIS_URL pointing at a dead Redis, with the caches production turns on with it."""
    if request.param == "closed port":
        url, server = f"redis://127.0.0.1:{closed_port()}/{REDIS_DB}", None
    else:
        server = request.getfixturevalue("silent_redis")
        url = f"redis://127.0.0.1:{server.port}/{REDIS_DB}"
    use_redis(settings, url)
    return server


def use_redis(settings, url: str) -> None:
    settings.CACHES = {"default": redis_cache_settings(url)}
    settings.KYOZAI_PAGE_CACHE_SECONDS = 600
    settings.KYOZAI_SEARCH_CACHE_SECONDS = 300


@pytest.fixture
def bingo():
    return MaterialPageFactory(title="Weather bingo", slug="weather-bingo", grades=["ES5"])


def visit_everything(client, teacher, material) -> dict[str, int]:
    """The journeys that answered 500 with Redis down, and their status codes."""
    statuses = {
        "home": client.get("/").status_code,
        "material": client.get(material.url).status_code,
        "404": client.get("/no-such-page/").status_code,
        "search": client.get(reverse("search:page") + "?q=bingo").status_code,
        "api": client.get("/api/v1/search/?q=bingo").status_code,
        "admin log-in": client.get("/admin/login/").status_code,
        "log-in": client.get(reverse("accounts:login")).status_code,
    }
    signed_in = client.post(
        reverse("accounts:login"), {"username": teacher.username, "password": PASSWORD}
    )
    statuses["log-in POST"] = signed_in.status_code
    statuses["signed in"] = client.get(reverse("lessons:my_lessons")).status_code
    return statuses


def test_a_dead_redis_is_tried_once_and_every_page_still_answers(
    client, teacher, bingo, dead_redis, caplog
):
    caplog.set_level(logging.WARNING, logger="kyozai.cache")
    statuses = visit_everything(client, teacher, bingo)

    assert statuses == {
        "home": 200,
        "material": 200,
        "404": 404,
        "search": 200,
        "api": 200,
        "admin log-in": 200,
        "log-in": 200,
        "log-in POST": 302,
        "signed in": 200,
    }
    breaker = cache.breaker
    # One try opened the breaker; every later cache call of every request went without
    # touching the socket.
    assert (breaker.attempts, breaker.openings) == (1, 1)
    assert breaker.refused >= len(statuses)
    if dead_redis is not None:
        assert dead_redis.connections == 1
    outage_lines = [r for r in caplog.records if r.name == "kyozai.cache"]
    assert len(outage_lines) == 1
    assert "unreachable" in outage_lines[0].getMessage()


def test_failed_log_ins_are_answered_not_crashed_while_redis_is_down(client, teacher, dead_redis):
    for _attempt in range(3):
        refused = client.post(
            reverse("accounts:login"), {"username": teacher.username, "password": "wrong"}
        )
        assert refused.status_code == 200
        assert refused.context["form"].errors
    # The pattern django-axes' cache handler uses: add(), and incr() when add() says no.
    assert cache.add("axes-failures", 1, 60) is False
    assert cache.incr("axes-failures") == 1
    assert cache.touch("axes-failures", 60) is False


def test_the_timeouts_are_short_and_a_timeout_is_never_retried(settings, silent_redis):
    use_redis(settings, f"redis://127.0.0.1:{silent_redis.port}/{REDIS_DB}")
    pool = cache._cache._get_connection_pool(write=False)

    options = pool.connection_kwargs
    assert options["socket_timeout"] <= 0.25
    assert options["socket_connect_timeout"] <= 0.25
    assert DEFAULT_TIMEOUT_SECONDS <= 0.25
    assert cache.get("anything", "missed") == "missed"
    assert silent_redis.connections == 1  # one connection, one wait: no retry


def test_sessions_do_not_live_in_the_cache(settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_the_breaker_lets_one_call_try_again_after_the_cool_down(settings, silent_redis):
    use_redis(settings, f"redis://127.0.0.1:{silent_redis.port}/{REDIS_DB}")
    clock = FakeClock()
    cache.breaker.clock = clock

    cache.get("first")
    for _ in range(5):
        cache.get("while open")
    assert silent_redis.connections == 1

    clock.now += cache.breaker.cooldown + 1
    cache.get("probe")
    cache.get("while the probe's failure keeps it open")
    assert silent_redis.connections == 2
    assert (cache.breaker.attempts, cache.breaker.openings) == (2, 2)


def test_when_redis_comes_back_caching_resumes_and_stale_pages_are_forgotten(
    client, bingo, settings, silent_redis, caplog
):
    caplog.set_level(logging.WARNING, logger="kyozai.cache")
    use_redis(settings, f"redis://127.0.0.1:{silent_redis.port}/{REDIS_DB}")
    clock = FakeClock()
    cache.breaker.clock = clock

    down = client.get(bingo.url)
    assert (down.status_code, down[CACHE_HEADER]) == (200, "skip")
    assert cache.breaker.is_open()

    silent_redis.forward_to(*REAL_REDIS)
    clock.now += cache.breaker.cooldown + 1
    cache.clear()  # this test's own Redis database starts empty (ends the outage, too)

    first = client.get(bingo.url)
    second = client.get(bingo.url)
    assert (first[CACHE_HEADER], second[CACHE_HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert not cache.breaker.is_open()
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        f"Redis cache at redis://127.0.0.1:{silent_redis.port}/{REDIS_DB} unreachable",
        f"Redis cache at redis://127.0.0.1:{silent_redis.port}/{REDIS_DB} answers again",
    ]
    cache.clear()


def test_pages_cached_before_an_outage_are_not_served_after_it(
    client, bingo, settings, silent_redis
):
    """A publish during the outage could not replace the page cache's token; the first
    call after the outage forgets everything cached before it instead."""
    silent_redis.forward_to(*REAL_REDIS)
    use_redis(settings, f"redis://127.0.0.1:{silent_redis.port}/{REDIS_DB}")
    clock = FakeClock()
    cache.breaker.clock = clock
    cache.clear()
    client.get(bingo.url)
    assert client.get(bingo.url)[CACHE_HEADER] == "hit"

    cache.breaker.failed(ConnectionError("Redis went away"))  # as a failed call would
    bingo.title = "Weather bingo, revised while Redis was away"
    bingo.save_revision().publish()

    clock.now += cache.breaker.cooldown + 1
    after = client.get(bingo.url)
    assert after[CACHE_HEADER] == "miss"
    assert "revised while Redis was away" in after.content.decode()
    cache.clear()
