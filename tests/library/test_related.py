"""Related materials: same unit first, then shared tags, then same grade and activity type."""

import pytest
from wagtail.models import PageViewRestriction

from library.models import Grade, LibraryPage, TextbookSeries, TextbookUnit
from library.models.querysets import MAX_RELATED
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


def tag_units(page, *units):
    page.textbook_units.add(*units)
    page.save_revision().publish()
    return page


def related_pages(page):
    return LibraryPage.objects.related_to(page)


def titles(pages) -> list[str]:
    return [page.title for page in pages]


def test_same_unit_then_tags_then_grade_and_activity(units):
    unit3, unit4 = units
    page = tag_units(
        MaterialPageFactory(
            title="This page", grades=["JHS2"], activity_types=["game"], tags=["jobs", "future"]
        ),
        unit3,
        unit4,
    )
    MaterialPageFactory(title="Same grade and type", grades=["JHS2"], activity_types=["game"])
    MaterialPageFactory(title="One shared tag", tags=["jobs"])
    MaterialPageFactory(title="Two shared tags", tags=["jobs", "future"])
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


def test_only_live_public_pages_and_never_itself():
    page = MaterialPageFactory(title="This page", tags=["weather"])
    MaterialPageFactory(title="Draft", tags=["weather"], live=False)
    private = MaterialPageFactory(title="Private", tags=["weather"])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    unpublished = MaterialPageFactory(title="Unpublished", tags=["weather"])
    unpublished.unpublish()
    MaterialPageFactory(title="Live", tags=["weather"])

    assert titles(related_pages(page)) == ["Live"]


def test_other_page_types_can_be_related():
    page = MaterialPageFactory(title="Costume words", tags=["halloween"])
    ClubActivityPageFactory(title="Costume parade", tags=["halloween"])

    assert titles(related_pages(page)) == ["Costume parade"]


def test_nothing_in_common_means_no_related_section(client):
    page = MaterialPageFactory(title="Alone", grades=["ES3"], activity_types=["song_chant"])
    MaterialPageFactory(title="Other", grades=["SHS1"], activity_types=["debate"])

    assert related_pages(page) == []
    assert "Related materials" not in client.get(page.url).content.decode()


def test_related_pages_are_shown_on_the_page_in_order(client, units):
    unit3, _ = units
    page = tag_units(MaterialPageFactory(title="This page", tags=["jobs"]), unit3)
    MaterialPageFactory(title="By tag", tags=["jobs"])
    tag_units(MaterialPageFactory(title="By unit"), unit3)

    html = client.get(page.url).content.decode()

    related = html.split('id="related-heading"', 1)[1].split("</section>", 1)[0]
    assert related.index("By unit") < related.index("By tag")
    assert "This page" not in related
