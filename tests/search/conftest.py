"""A small bilingual library, published through the real signals (index updates run when
the transaction commits, which django_capture_on_commit_callbacks makes happen in tests)."""

from dataclasses import dataclass

import pytest

from library.models import TextbookSeries, TextbookUnit
from search.backends.elasticsearch import breaker
from tests.factories.library import (
    ClubActivityPageFactory,
    MaterialPageFactory,
    SpeechContestGuidePageFactory,
)


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Create pages with a factory and let their index updates run (after commit)."""

    def create(factory=MaterialPageFactory, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return factory(**fields)

    return create


@pytest.fixture(autouse=True)
def _database_backend(settings):
    """These tests are about the database backend unless a test asks for the cluster:
    ELASTICSEARCH_URL in the environment (for the live suite) must not change them."""
    settings.KYOZAI_SEARCH_BACKEND = "database"


@pytest.fixture(autouse=True)
def _closed_breaker():
    breaker.reset()
    yield
    breaker.reset()


CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def dead_cluster(settings):
    """Elasticsearch configured at a real closed local port: every connection is refused."""
    settings.KYOZAI_SEARCH_BACKEND = "elasticsearch"
    settings.KYOZAI_SEARCH_ES_URL = CLOSED_PORT
    settings.KYOZAI_SEARCH_ES_TIMEOUT = 1.0
    settings.KYOZAI_SEARCH_ES_COOLDOWN = 300
    breaker.reset()
    return settings


@dataclass
class Library:
    photosynthesis: object
    weather: object
    fruit_bingo: object
    bingo_night: object
    katakana: object
    half_width: object
    introduction: object
    word_game: object
    speech_guide: object
    club: object
    draft: object
    unit: object


@pytest.fixture
def library(db, publish, django_capture_on_commit_callbacks):
    series = TextbookSeries.objects.get(name="NEW HORIZON")
    # The catalogue ships this unit; the tests give it their own titles.
    unit, _created = TextbookUnit.objects.update_or_create(
        series=series,
        grade_id=series.grades.get(code="JHS1").pk,
        label="Unit 3",
        defaults={"title": "My favourite things", "title_ja": "好きなもの"},
    )
    pages = Library(
        photosynthesis=publish(
            title="Photosynthesis lesson plan",
            title_ja="光合成の授業案",
            summary="A science link for a sixth-grade English class.",
            grades=["ES6"],
            skills=["listening"],
            activity_types=["review"],
            duration_minutes=45,
        ),
        weather=publish(
            title="Weather words",
            title_ja="天気の表現を学ぼう",
            summary="Sunny, rainy, cloudy: a warm-up with gestures.",
            summary_ja="晴れ・雨・くもりをジェスチャーで練習するウォームアップ。",
            grades=["ES5", "ES6"],
            skills=["listening", "spoken_interaction"],
            activity_types=["warm_up"],
            duration_minutes=10,
            tags=["seasons"],
        ),
        fruit_bingo=publish(
            title="Fruit bingo",
            title_ja="フルーツビンゴ",
            summary="Call out fruit; the first full line wins.",
            grades=["ES3", "ES4"],
            skills=["listening"],
            activity_types=["game"],
            duration_minutes=15,
        ),
        bingo_night=publish(
            title="Class party ideas",
            title_ja="ＢＩＮＧＯ大会のすすめ",
            summary="End-of-term ideas.",
            grades=["JHS1"],
            activity_types=["game"],
            duration_minutes=30,
        ),
        katakana=publish(
            title="Loanword practice",
            title_ja="カタカナ語の練習シート",
            summary="English words hiding in カタカナ.",
            grades=["JHS1"],
            activity_types=["worksheet"],
            duration_minutes=20,
        ),
        half_width=publish(
            title="Menu reading",
            title_ja="ﾒﾆｭｰを読もう",
            summary="Read a café menu written in ｶﾀｶﾅ and English.",
            grades=["JHS2"],
            activity_types=["reading_task"],
            duration_minutes=50,
        ),
        introduction=publish(
            title="Self-introduction worksheet",
            title_ja="自己紹介ワークシート",
            summary="Students practise introducing themselves to the ALT.",
            grades=["JHS1"],
            skills=["spoken_production"],
            activity_types=["worksheet"],
            duration_minutes=25,
        ),
        word_game=publish(
            title="Word chain",
            title_ja="しりとり",
            summary="A quick game for the first five minutes.",
            grades=["ES5"],
            activity_types=["game"],
            duration_minutes=5,
        ),
        speech_guide=publish(
            SpeechContestGuidePageFactory,
            title="Recitation coaching guide",
            title_ja="暗唱指導の手引き",
            summary="How to coach a three-minute recitation.",
            grades=["JHS2", "JHS3"],
            duration_minutes=50,
        ),
        club=publish(
            ClubActivityPageFactory,
            title="Halloween costume parade",
            title_ja="ハロウィン仮装パレード",
            summary="An English-club event with a parade and a vote.",
            grades=["JHS1", "JHS2"],
            duration_minutes=60,
        ),
        draft=publish(
            title="Secret draft bingo",
            title_ja="下書きの授業案",
            summary="Not yet published.",
            grades=["ES5"],
            live=False,
        ),
        unit=unit,
    )
    with django_capture_on_commit_callbacks(execute=True):
        pages.katakana.textbook_units.add(unit)
        pages.katakana.save_revision().publish()
    return pages
