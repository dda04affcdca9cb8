"""Related materials: worked out once per publish and stored (library/related/), the same
textbook unit first, then the same stage — never across stages — ranked by the search
backend's "more like this", the tier queries filling up or standing in; the material page
only reads the stored list, through the privacy rule."""

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from library.models import Grade, LibraryPage, RelatedMaterial, TextbookSeries, TextbookUnit
from library.models.querysets import MAX_RELATED
from library.related import refresh_related
from library.related.ranking import related_ids
from tests.factories.library import ClubActivityPageFactory, MaterialPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    series = TextbookSeries.objects.get(name="NEW HORIZON")
    grade = Grade.objects.get(code="JHS2")
    # The catalogue ships these units; get them rather than create them twice.
    return [
        TextbookUnit.objects.get_or_create(series=series, grade=grade, label=f"Unit {number}")[0]
        for number in (3, 4)
    ]


@pytest.fixture
def published(django_capture_on_commit_callbacks):
    """Create pages whose after-commit work runs: the index job and the related-materials
    job (both on the `default` queue, run at once by the test settings)."""

    def create(factory=MaterialPageFactory, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return factory(**fields)

    return create


def tag_units(page, *units):
    page.textbook_units.add(*units)
    page.save_revision().publish()
    return page


def related_pages(page):
    """Compute and store the page's list, then read it as the material page does."""
    refresh_related(page.pk)
    return LibraryPage.objects.related_cards(page)


def titles(pages) -> list[str]:
    return [page.title for page in pages]


def test_same_unit_then_same_stage_tags_then_grade_and_activity(units):
    unit3, unit4 = units
    page = tag_units(
        MaterialPageFactory(
            title="This page", grades=["JHS2"], activity_types=["game"], tags=["jobs", "future"]
        ),
        unit3,
        unit4,
    )
    MaterialPageFactory(title="Same grade and type", grades=["JHS2"], activity_types=["game"])
    MaterialPageFactory(title="One shared tag", grades=["JHS1"], tags=["jobs"])
    MaterialPageFactory(title="Two shared tags", grades=["JHS3"], tags=["jobs", "future"])
    tag_units(MaterialPageFactory(title="One shared unit"), unit4)
    tag_units(MaterialPageFactory(title="Both units"), unit3, unit4)
    MaterialPageFactory(
        title="Same grade, other type", grades=["JHS2"], activity_types=["song_chant"]
    )
    MaterialPageFactory(title="Unrelated", grades=["ES3"], tags=["animals"])

    assert titles(related_pages(page)) == [
        "Both units",
        "One shared unit",
        "Two shared tags",
        "One shared tag",
        "Same grade and type",
    ]


def test_never_across_stages_when_the_page_has_grades():
    """The elementary weather game never gets the JHS3 relative-clause games, however
    many tags they share; a page without grades is bounded by nothing."""
    page = MaterialPageFactory(
        title="Weather game", grades=["ES5"], activity_types=["game"], tags=["weather", "game"]
    )
    MaterialPageFactory(title="Relative clauses", grades=["JHS3"], tags=["weather", "game"])
    MaterialPageFactory(title="Ungraded", tags=["weather", "game"])
    MaterialPageFactory(title="Weather song", grades=["ES6"], tags=["weather"])

    assert titles(related_pages(page)) == ["Weather song"]
    ungraded = LibraryPage.objects.get(title="Ungraded")
    assert set(titles(related_pages(ungraded))) == {
        "Weather game",
        "Relative clauses",
        "Weather song",
    }


def test_a_page_in_two_tiers_appears_once_in_the_first(units):
    unit3, _ = units
    page = tag_units(MaterialPageFactory(title="This page", tags=["jobs"]), unit3)
    tag_units(MaterialPageFactory(title="Unit and tag", tags=["jobs"]), unit3)
    MaterialPageFactory(title="Tag only", tags=["jobs"])

    assert titles(related_pages(page)) == ["Unit and tag", "Tag only"]


def test_newest_first_within_a_tier_and_at_most_six():
    page = MaterialPageFactory(title="This page", tags=["weather"])
    for number in range(MAX_RELATED + 2):
        MaterialPageFactory(title=f"Weather {number}", tags=["weather"])

    related = related_pages(page)

    assert len(related) == MAX_RELATED == 6
    assert titles(related) == [f"Weather {number}" for number in (7, 6, 5, 4, 3, 2)]
    assert RelatedMaterial.objects.filter(page=page).count() == MAX_RELATED


def test_only_live_public_pages_and_never_itself():
    page = MaterialPageFactory(title="This page", tags=["weather"])
    MaterialPageFactory(title="Draft", tags=["weather"], live=False)
    private = MaterialPageFactory(title="Private", tags=["weather"])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    unpublished = MaterialPageFactory(title="Unpublished", tags=["weather"])
    unpublished.unpublish()
    MaterialPageFactory(title="Live", tags=["weather"])

    assert titles(related_pages(page)) == ["Live"]


def test_a_stored_page_made_private_is_left_out_before_any_refresh():
    """The read applies the privacy rule itself: a list a moment behind never shows it."""
    page = MaterialPageFactory(title="This page", tags=["weather"])
    secret = MaterialPageFactory(title="Soon private", tags=["weather"])
    MaterialPageFactory(title="Stays public", tags=["weather"])
    refresh_related(page.pk)
    assert RelatedMaterial.objects.filter(page=page, related=secret).exists()

    # Made private without signals running (no commit in this test): the list still names it.
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    assert RelatedMaterial.objects.filter(page=page, related=secret).exists()
    assert titles(LibraryPage.objects.related_cards(page)) == ["Stays public"]

    secret.unpublish()
    PageViewRestriction.objects.filter(page=secret).delete()
    assert titles(LibraryPage.objects.related_cards(page)) == ["Stays public"]


def test_other_page_types_can_be_related():
    page = MaterialPageFactory(title="Costume words", tags=["halloween"])
    ClubActivityPageFactory(title="Costume parade", tags=["halloween"])

    assert titles(related_pages(page)) == ["Costume parade"]


def test_nothing_in_common_means_no_related_section(client):
    page = MaterialPageFactory(title="Alone", grades=["ES3"], activity_types=["song_chant"])
    MaterialPageFactory(title="Other", grades=["SHS1"], activity_types=["debate"])

    assert related_pages(page) == []
    assert "Related materials" not in client.get(page.url).content.decode()


def test_the_page_shows_its_stored_list_in_order_without_ranking_anything(client, units):
    unit3, _ = units
    page = tag_units(MaterialPageFactory(title="This page", tags=["jobs"]), unit3)
    MaterialPageFactory(title="By tag", tags=["jobs"])
    tag_units(MaterialPageFactory(title="By unit"), unit3)
    refresh_related(page.pk)

    with CaptureQueriesContext(connection) as captured:
        html = client.get(page.url).content.decode()

    related = html.split('id="related-heading"', 1)[1].split("</section>", 1)[0]
    assert related.index("By unit") < related.index("By tag")
    assert "This page" not in related
    sql = [query["sql"] for query in captured.captured_queries]
    # One query reads the list with the cards (the prefetches follow it); nothing ranks:
    # no search index, no counting of shared units, no tags but the page's own.
    assert sum("library_relatedmaterial" in statement for statement in sql) == 1
    assert not [s for s in sql if "kyozai_search" in s or "COUNT(" in s]
    tag_queries = [s for s in sql if "taggit" in s]
    assert all(f'"content_object_id" = {page.pk}' in s for s in tag_queries)


def test_text_similarity_ranks_within_the_stage(published):
    """With the pages indexed, "more like this" puts the page reading most like this one
    first, even when another shares more tags."""
    page = published(
        title="Weather bingo",
        summary="Sunny, rainy, cloudy, snowy: mark the weather you hear.",
        grades=["ES5"],
        tags=["weather"],
    )
    published(
        title="Class rules poster",
        summary="Rules for the classroom.",
        grades=["ES5"],
        tags=["weather", "bingo"],
    )
    published(
        title="Weather forecast role play",
        summary="Sunny, rainy, cloudy or snowy tomorrow? Students read the weather.",
        grades=["ES6"],
    )
    published(
        title="Weather relative clauses",
        summary="Sunny, rainy, cloudy, snowy: the weather which we like.",
        grades=["JHS3"],
        tags=["weather"],
    )

    assert titles(related_pages(page)) == ["Weather forecast role play", "Class rules poster"]


def test_publishing_stores_the_list_and_joins_the_units_lists(published, units):
    unit3, _ = units
    first = published(title="Unit 3 game", grades=["JHS2"], textbook_units=[unit3])
    assert not RelatedMaterial.objects.filter(page=first).exists()  # nothing to relate yet

    second = published(title="Unit 3 worksheet", grades=["JHS2"], textbook_units=[unit3])

    assert titles(LibraryPage.objects.related_cards(second)) == ["Unit 3 game"]
    # The earlier page of the unit was refreshed by the publish: it names the new one.
    assert titles(LibraryPage.objects.related_cards(first)) == ["Unit 3 worksheet"]


@pytest.mark.parametrize("how", ["unpublish", "private", "delete"])
def test_a_page_that_goes_leaves_the_lists_naming_it(
    published, django_capture_on_commit_callbacks, how
):
    page = published(title="This page", grades=["ES5"], tags=["weather"])
    gone = published(title="Going", grades=["ES5"], tags=["weather"])
    published(title="Staying", grades=["ES5"], tags=["weather"])
    refresh_related(page.pk)
    assert set(titles(LibraryPage.objects.related_cards(page))) == {"Going", "Staying"}

    with django_capture_on_commit_callbacks(execute=True):
        if how == "unpublish":
            gone.unpublish()
        elif how == "private":
            PageViewRestriction.objects.create(
                page=gone, restriction_type=PageViewRestriction.LOGIN
            )
        else:
            gone.delete()

    assert list(
        RelatedMaterial.objects.filter(page=page).values_list("related__title", flat=True)
    ) == ["Staying"]


def test_a_failing_search_index_falls_back_to_the_tier_queries(published, caplog):
    page = published(title="Weather bingo", grades=["ES5"], tags=["weather"])
    published(title="Weather song", grades=["ES5"], tags=["weather"])
    with connection.cursor() as cursor:  # a real failure: the index's table is gone
        cursor.execute(
            "ALTER TABLE kyozai_search_searchtext RENAME TO kyozai_search_searchtext_gone"
            if connection.vendor == "postgresql"
            else "DROP TABLE kyozai_search_fts"
        )

    with caplog.at_level(logging.WARNING, logger="kyozai.library"):
        assert titles(related_pages(page)) == ["Weather song"]
    assert "from the tier queries alone" in caplog.text


def test_a_preview_of_an_unsaved_page_has_no_list():
    assert related_ids(LibraryPage(title="Never saved")) == []
    assert LibraryPage.objects.related_cards(LibraryPage(title="Never saved")) == []
