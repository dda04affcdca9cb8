"""What is indexed and how results are ranked, filtered, counted, sorted and paged."""

import pytest
from wagtail.models import PageViewRestriction

from library.models import ClassUse
from search.errors import InvalidSearch
from search.service import search
from tests.factories.accounts import TeacherFactory
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def counts(results, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in results.facets[facet]}


# --- What is indexed --------------------------------------------------------------------


def test_drafts_are_never_returned(library):
    assert "Secret draft bingo" not in titles(search("bingo"))
    assert "Secret draft bingo" not in titles(search("下書き"))
    assert "Secret draft bingo" not in titles(search("", page_size=100))


def test_all_three_kinds_of_library_page_are_searchable(library):
    assert search("暗唱").hits[0].type == "speech_contest_guide"
    assert search("halloween parade").hits[0].type == "club_activity"
    assert search("bingo", {"type": ["material"]}).total == 2


def test_a_page_behind_a_view_restriction_is_not_returned(
    library, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=library.weather, restriction_type=PageViewRestriction.LOGIN
        )
    assert search("天気").total == 0


def test_hits_carry_what_the_contract_promises(library):
    hit = search("天気").hits[0]
    assert hit.page_id == library.weather.pk
    assert hit.slug == library.weather.slug
    assert hit.url == library.weather.url
    assert hit.type == "material"
    assert hit.title_ja == "天気の表現を学ぼう"
    assert hit.grades == ["ES5", "ES6"]
    assert hit.skills == ["listening", "spoken_interaction"]
    assert hit.activity_types == ["warm_up"]
    assert hit.duration_minutes == 10
    assert hit.highlight_title_ja == "<mark>天気</mark>の表現を学ぼう"
    assert hit.score > 0


# --- Ranking ----------------------------------------------------------------------------


def test_a_title_match_ranks_above_body_matches(publish):
    for n in range(3):
        publish(
            title=f"Animals worksheet {n}",
            summary="Draw a penguin, then a penguin, then another penguin. Penguin penguin.",
        )
    publish(title="Penguin", summary="A short one.")
    results = search("penguin")
    assert titles(results)[0] == "Penguin"
    assert results.hits[0].score > results.hits[1].score
    assert results.hits[0].score >= 1 > results.hits[1].score  # title tier, then the rest


def test_a_japanese_title_match_ranks_above_a_summary_match(publish):
    publish(title="Sports day chant", summary_ja="運動会で歌うチャンツです。運動会の前に。")
    publish(title="Sports day", title_ja="運動会")
    assert titles(search("運動会"))[0] == "Sports day"


def test_empty_query_lists_everything_newest_first(library):
    results = search("", page_size=100)
    assert results.total == 10
    assert titles(results)[0] == "Halloween costume parade"  # published last


# --- Facets -----------------------------------------------------------------------------


def test_facet_counts_cover_every_facet(library):
    results = search("")
    assert counts(results, "type") == {
        "material": 8,
        "speech_contest_guide": 1,
        "club_activity": 1,
    }
    assert counts(results, "grade")["JHS1"] == 4
    assert counts(results, "activity_type")["game"] == 3
    assert counts(results, "duration") == {"0-10": 2, "11-20": 2, "21-45": 3, "46+": 3}
    assert "unit" not in results.facets  # only once a textbook series is chosen


def test_values_within_a_facet_are_ored_and_facets_anded(library):
    either = search("", {"grade": ["ES3", "ES5"]})
    assert set(titles(either)) == {"Fruit bingo", "Weather words", "Word chain"}
    both = search("", {"grade": ["ES3", "ES5"], "activity_type": ["game"]})
    assert set(titles(both)) == {"Fruit bingo", "Word chain"}


def test_each_facet_counts_the_other_facets_selections(library):
    results = search("", {"grade": ["JHS1"], "activity_type": ["worksheet"]})
    assert results.total == 2
    # Grade counts ignore the grade selection but respect the activity type …
    assert counts(results, "grade") == {"JHS1": 2}
    # … activity-type counts ignore their own selection but respect the grade …
    assert counts(results, "activity_type") == {"game": 1, "worksheet": 2}
    # … and the other facets count the results.
    assert counts(results, "type") == {"material": 2}


def test_selected_values_are_marked_and_stay_visible_at_zero(library):
    results = search("天気", {"grade": ["ES3"]})
    assert results.total == 0
    grade = {value.value: value for value in results.facets["grade"]}
    assert grade["ES3"].selected
    assert grade["ES3"].count == 0
    assert grade["ES5"].count == 1
    assert not grade["ES5"].selected


def test_facet_labels_follow_the_language(library):
    from django.utils import translation

    with translation.override("ja"):
        results = search("")
    labels = {value.value: value.label for value in results.facets["grade"]}
    assert labels["ES5"] == "小5"
    assert labels["JHS1"] == "中1"


def test_choosing_a_series_shows_its_units(library):
    results = search("", {"textbook": [str(library.unit.series_id)]})
    assert titles(results) == ["Loanword practice"]
    assert [(v.value, v.count) for v in results.facets["unit"]] == [(str(library.unit.pk), 1)]
    assert "Unit 3" in results.facets["unit"][0].label
    by_unit = search("", {"unit": [str(library.unit.pk)]})
    assert titles(by_unit) == ["Loanword practice"]


def test_duration_buckets_and_max_minutes(library):
    assert set(titles(search("", {"duration": ["0-10"]}))) == {"Weather words", "Word chain"}
    short = search("", {"max_minutes": ["15"]})
    assert set(titles(short)) == {"Weather words", "Word chain", "Fruit bingo"}
    assert counts(short, "duration") == {"0-10": 2, "11-20": 1}


# --- Sorting and paging -------------------------------------------------------------------


def test_most_used_sorts_by_teachers_who_used_it(library, django_capture_on_commit_callbacks):
    teachers = TeacherFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        for teacher in teachers:
            ClassUse.objects.create(user=teacher, page=library.word_game)
        ClassUse.objects.create(user=teachers[0], page=library.fruit_bingo)
    results = search("game", sort="most_used")
    assert titles(results)[:2] == ["Word chain", "Fruit bingo"]
    assert [hit.use_count for hit in results.hits[:2]] == [3, 1]


def test_newest_sorts_by_first_publication(library):
    assert titles(search("bingo", sort="newest")) == ["Class party ideas", "Fruit bingo"]


def test_pages_do_not_overlap_and_cover_everything(library):
    first = search("", page=1, page_size=4)
    second = search("", page=2, page_size=4)
    third = search("", page=3, page_size=4)
    seen = titles(first) + titles(second) + titles(third)
    assert len(seen) == len(set(seen)) == first.total == 10
    assert first.num_pages == 3
    assert first.has_next
    assert not third.has_next


def test_a_page_past_the_end_is_empty_not_an_error(library):
    results = search("", page=9, page_size=20)
    assert results.hits == []
    assert results.total == 10


# --- Refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"page": "abc"}, "page"),
        ({"page": 0}, "page"),
        ({"page_size": 101}, "page_size"),
        ({"page_size": "-1"}, "page_size"),
        ({"filters": {"grade": ["XYZ"]}}, "grade"),
        ({"filters": {"skill": ["flying"]}}, "skill"),
        ({"filters": {"type": ["blog"]}}, "type"),
        ({"filters": {"textbook": ["abc"]}}, "textbook"),
        ({"filters": {"unit": ["999999"]}}, "unit"),
        ({"filters": {"duration": ["5-6"]}}, "duration"),
        ({"filters": {"max_minutes": ["lots"]}}, "max_minutes"),
        ({"filters": {"colour": ["red"]}}, "colour"),
        ({"sort": "random"}, "sort"),
        ({"query": "x" * 2000}, "q"),
        ({"page": 600, "page_size": 20}, "page"),
    ],
)
def test_bad_parameters_are_refused_naming_the_parameter(db, kwargs, param):
    with pytest.raises(InvalidSearch) as refused:
        search(**kwargs)
    assert refused.value.param == param
    assert refused.value.message


def test_control_characters_are_dropped_not_refused(library):
    assert search("bin\x00go").query == "bingo"


def test_a_punctuation_only_query_finds_nothing(library):
    assert search("!!!").total == 0


def test_a_page_created_outside_search_signals_appears_after_a_rebuild(db):
    from search import indexing

    MaterialPageFactory(title="Quiet page")  # on_commit never ran: not indexed
    assert search("quiet").total == 0
    indexing.rebuild_index("database")
    assert titles(search("quiet")) == ["Quiet page"]
