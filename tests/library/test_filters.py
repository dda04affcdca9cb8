"""The one filter vocabulary (library/filters.py): what a value must be, what is dropped
and why, and what the filters mean as a condition on library pages."""

import pytest
from django.http import QueryDict

from library.filters import FILTERS, check_filters, duration_bucket, renamed_filters
from library.models import Grade, LibraryPage, TextbookSeries, TextbookUnit
from library.models.taxonomy import load_vocabulary
from tests.factories.library import ClubActivityPageFactory, MaterialPageFactory

pytestmark = pytest.mark.django_db


def unit(series: str, grade: str, label: str) -> TextbookUnit:
    # The textbook catalogue may already ship this unit.
    return TextbookUnit.objects.get_or_create(
        series=TextbookSeries.objects.get(name=series),
        grade=Grade.objects.get(code=grade),
        label=label,
    )[0]


def test_listing_search_and_api_share_one_set_of_names():
    # The textbook cascade in the order teachers think of it: series, grade, unit.
    assert list(FILTERS) == [
        "type",
        "textbook",
        "grade",
        "unit",
        "skill",
        "activity_type",
        "duration",
        "max_minutes",
    ]


def test_known_values_are_kept_and_the_rest_dropped_with_the_reason():
    checked = check_filters(
        {"grade": ["ES5", "XYZ", "ES5"], "skill": "flying", "max_minutes": "abc"},
        load_vocabulary(),
    )

    assert checked.values == {"grade": ("ES5",)}
    assert [(d.param, d.message, d.value) for d in checked.dropped] == [
        ("grade", "Unknown value “XYZ”.", "XYZ"),
        ("skill", "Unknown value “flying”.", "flying"),
        ("max_minutes", "Must be a whole number, not “abc”.", None),
    ]


@pytest.mark.parametrize(
    ("raw", "param", "message"),
    [
        ({"textbook": ["NEW HORIZON"]}, "textbook", "Unknown value “NEW HORIZON”."),
        ({"unit": ["99999"]}, "unit", "Unknown value “99999”."),
        ({"duration": "forever"}, "duration", "Unknown value “forever”."),
        ({"type": "blog"}, "type", "Unknown value “blog”."),
        ({"max_minutes": ["10", "20"]}, "max_minutes", "Give one number of minutes."),
        ({"max_minutes": "0"}, "max_minutes", "Must be between 1 and 600."),
        ({"grade": [f"G{n}" for n in range(51)]}, "grade", "Too many values."),
        ({"grade": 3.5}, "grade", "Must be a list of values."),
    ],
)
def test_each_unusable_value_names_its_parameter(raw, param, message):
    checked = check_filters(raw, load_vocabulary())
    assert checked.values == {}
    assert [(d.param, d.message) for d in checked.dropped] == [(param, message)]


def test_a_query_dict_is_read_like_a_dict_of_lists():
    checked = check_filters(
        QueryDict("grade=ES5&grade=ES6&grade=&max_minutes=15"), load_vocabulary()
    )
    assert checked.values == {"grade": ("ES5", "ES6"), "max_minutes": ("15",)}
    assert checked.dropped == []


def test_with_cascade_a_unit_counts_only_under_its_textbook():
    unit3 = unit("NEW HORIZON", "JHS2", "Unit 3")
    other = unit("SUNSHINE", "JHS2", "Program 3")
    series = str(unit3.series_id)
    vocabulary = load_vocabulary([str(unit3.pk), str(other.pk)], [series])

    alone = check_filters({"unit": [str(unit3.pk)]}, vocabulary, cascade=True)
    assert alone.values == {}
    assert [d.param for d in alone.dropped] == ["unit"]

    mixed = check_filters(
        {"textbook": [series], "unit": [str(unit3.pk), str(other.pk)]}, vocabulary, cascade=True
    )
    assert mixed.values == {"textbook": (series,), "unit": (str(unit3.pk),)}
    assert [d.value for d in mixed.dropped] == [str(other.pk)]

    # Without the cascade (search, the lesson builder) a unit alone narrows by itself.
    assert check_filters({"unit": [str(unit3.pk)]}, vocabulary).values == {"unit": (str(unit3.pk),)}


def test_labels_follow_the_language_and_units_say_where_they_belong():
    from django.utils import translation

    unit3 = unit("NEW HORIZON", "JHS2", "Unit 3")
    unit3.title, unit3.title_ja = "My Hero", "私のヒーロー"
    unit3.save()
    vocabulary = load_vocabulary([str(unit3.pk)])
    with translation.override("ja"):
        assert vocabulary.label("grade", "ES5") == "小5"
        assert vocabulary.label("unit", str(unit3.pk)) == "NEW HORIZON · 中2 · Unit 3: 私のヒーロー"
    assert (
        vocabulary.label("unit", str(unit3.pk)) == "NEW HORIZON · Junior high 2 · Unit 3: My Hero"
    )
    assert vocabulary.label("textbook", str(unit3.series_id)) == "NEW HORIZON (Tokyo Shoseki)"
    assert vocabulary.unit_grade[str(unit3.pk)] == "JHS2"
    assert vocabulary.units_of([str(unit3.series_id)]) == [str(unit3.pk)]


def filtered_titles(**raw) -> set[str]:
    vocabulary = load_vocabulary(raw.get("unit", ()), raw.get("textbook", ()))
    checked = check_filters(raw, vocabulary)
    assert checked.dropped == []
    return set(
        LibraryPage.objects.live().public().filtered(checked.values).values_list("title", flat=True)
    )


def test_every_filter_is_a_condition_on_library_pages():
    unit3 = unit("NEW HORIZON", "JHS2", "Unit 3")
    quick = MaterialPageFactory(
        title="Quick game", grades=["ES5"], activity_types=["game"], duration_minutes=5
    )
    quick.textbook_units.add(unit3)
    quick.save_revision().publish()
    MaterialPageFactory(
        title="Long song", grades=["ES6"], skills=["listening"], duration_minutes=45
    )
    ClubActivityPageFactory(title="Parade", grades=["JHS1"], duration_minutes=60)
    MaterialPageFactory(title="Untimed", grades=["ES5"], duration_minutes=None)

    assert filtered_titles(type=["club_activity"]) == {"Parade"}
    assert filtered_titles(type=["material"]) == {"Quick game", "Long song", "Untimed"}
    assert filtered_titles(grade=["ES5", "ES6"]) == {"Quick game", "Long song", "Untimed"}
    assert filtered_titles(grade=["ES5"], activity_type=["game"]) == {"Quick game"}
    assert filtered_titles(skill=["listening"]) == {"Long song"}
    assert filtered_titles(textbook=[str(unit3.series_id)]) == {"Quick game"}
    assert filtered_titles(unit=[str(unit3.pk)]) == {"Quick game"}
    assert filtered_titles(duration=["0-10", "46+"]) == {"Quick game", "Parade"}
    assert filtered_titles(duration=["21-45"]) == {"Long song"}
    assert filtered_titles(max_minutes="45") == {"Quick game", "Long song"}


@pytest.mark.parametrize(
    ("minutes", "bucket"),
    [(None, ""), (1, "0-10"), (10, "0-10"), (11, "11-20"), (45, "21-45"), (46, "46+")],
)
def test_duration_buckets(minutes, bucket):
    assert duration_bucket(minutes) == bucket


def test_old_listing_names_are_renamed_and_everything_else_kept_in_order():
    renamed = renamed_filters(QueryDict("page=2&series=3&activity=game&activity=song&unit=7"))
    assert renamed.urlencode() == "page=2&textbook=3&activity_type=game&activity_type=song&unit=7"
    assert renamed_filters(QueryDict("grade=ES5&activity_type=game")) is None
