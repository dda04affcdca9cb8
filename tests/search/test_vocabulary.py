"""The filters' vocabulary is kept by each process while the index version stands, with
remembered answers off too (benchmarks and production without Redis), and every taxonomy
save changes the version — even for a grade no page has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from library.models import Grade
from search import service
from search.errors import InvalidSearch
from search.request import build_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_remembered_answers(settings):
    settings.KYOZAI_SEARCH_CACHE_SECONDS = 0


def grade_label(code: str) -> tuple[str, str]:
    """The grade's (English, Japanese) label as the next search reads it."""
    return build_request("bingo").request.checked_vocabulary().labels["grade"][code]


def taxonomy_queries() -> int:
    with CaptureQueriesContext(connection) as captured:
        service.search("bingo", {"grade": ["ES5"]})
    return sum("library_grade" in query["sql"] for query in captured.captured_queries)


def test_the_vocabulary_is_read_once_per_index_version(library):
    service.search("bingo", {"grade": ["ES5"]})
    assert taxonomy_queries() == 0


def test_a_renamed_grade_without_pages_is_shown_next_time(
    library, django_capture_on_commit_callbacks
):
    assert grade_label("SHS3")[0] != "Third year, senior high"
    with django_capture_on_commit_callbacks(execute=True):
        grade = Grade.objects.get(code="SHS3")
        grade.name = "Third year, senior high"
        grade.save()
    assert grade_label("SHS3")[0] == "Third year, senior high"
    assert taxonomy_queries() == 0  # read again once, then kept


def test_a_new_grade_is_a_filter_at_once(library, django_capture_on_commit_callbacks):
    with pytest.raises(InvalidSearch):
        service.search("bingo", {"grade": ["X9"]})
    with django_capture_on_commit_callbacks(execute=True):
        Grade.objects.create(code="X9", name="Extra year", name_ja="特別学年", stage="SHS")
    assert service.search("bingo", {"grade": ["X9"]}).total == 0
