"""The unit page and the series → grade → unit cascade of the section listings: counts
under the other filters, options without pages disabled, units following the grade."""

import re

import pytest

from library.models import (
    Grade,
    LibraryAttachment,
    MaterialIndexPage,
    TextbookSeries,
    TextbookUnit,
)
from library.previews import first_preview_url
from library.tasks import make_file_preview
from library.units.addresses import unit_url
from tests.factories.library import (
    ClubActivityPageFactory,
    MaterialPageFactory,
    SpeechContestGuidePageFactory,
)
from tests.library.test_listing import an_image

pytestmark = pytest.mark.django_db


def unit(series: str, grade: str, number: int, title: str = "", title_ja: str = "") -> TextbookUnit:
    found, _created = TextbookUnit.objects.update_or_create(
        series=TextbookSeries.objects.get(name=series),
        grade=Grade.objects.get(code=grade),
        label=f"Unit {number}",
        defaults={"number": number, "title": title, "title_ja": title_ja},
    )
    return found


def tagged(factory, title: str, *units: TextbookUnit, **fields):
    page = factory(title=title, **fields)
    page.textbook_units.add(*units)
    page.save_revision().publish()
    return page


def library_url() -> str:
    return MaterialIndexPage.objects.get().url


def group(response, name: str):
    return next(g for g in response.context["listing"].groups if g.name == name)


def test_the_unit_page_lists_everything_for_the_unit_by_type(client):
    unit5 = unit("NEW HORIZON", "JHS2", 5, "Universal Design", "ユニバーサルデザイン")
    tagged(MaterialPageFactory, "Design survey", unit5, grades=["JHS2"])
    tagged(SpeechContestGuidePageFactory, "Speech on design", unit5)
    tagged(ClubActivityPageFactory, "Design club poster", unit5)
    tagged(MaterialPageFactory, "Another unit", unit("NEW HORIZON", "JHS2", 6))
    draft = MaterialPageFactory(title="Secret draft", live=False)
    draft.textbook_units.add(unit5)
    draft.save_revision()

    assert unit_url(unit5) == "/units/new-horizon/JHS2/5/"
    response = client.get(unit_url(unit5))

    assert response.status_code == 200
    html = response.content.decode()
    assert "NEW HORIZON 2" in html
    assert 'Unit 5: <span lang="en">Universal Design</span>' in html
    assert '<p class="section-header__other" lang="ja">ユニバーサルデザイン</p>' in html
    by_type = {s.kind: [p.title for p in s.pages] for s in response.context["sections"]}
    assert by_type == {
        "material": ["Design survey"],
        "speech_contest_guide": ["Speech on design"],
        "club_activity": ["Design club poster"],
    }
    assert "Secret draft" not in html
    assert "Another unit" not in html
    # The next unit of the book is one link away.
    assert 'href="/units/new-horizon/JHS2/6/" rel="next"' in html


def test_the_unit_page_in_japanese_uses_the_japanese_title_and_grade(client):
    unit5 = unit("NEW HORIZON", "JHS2", 5, "Universal Design", "ユニバーサルデザイン")
    html = client.get(unit_url(unit5), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert '<span lang="ja">ユニバーサルデザイン</span>' in html
    assert "中2" in html
    assert "JHS2" not in re.sub(r'href="[^"]*"', "", html)


@pytest.mark.parametrize(
    "path",
    [
        "/units/no-such-series/JHS2/5/",
        "/units/new-horizon/JHS9/5/",
        "/units/new-horizon/JHS2/999/",
        "/units/new-horizon/JHS2/99999999999999999999/",
        "/units/new-horizon/" + "J" * 300 + "/5/",
    ],
)
def test_an_unknown_unit_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_cards_and_the_material_page_link_the_unit_page(client):
    unit5 = unit("NEW HORIZON", "JHS2", 5, "Universal Design")
    page = tagged(MaterialPageFactory, "Design survey", unit5)

    listing = client.get(library_url()).content.decode()
    link = '<a href="/units/new-horizon/JHS2/5/">NEW HORIZON 2 · Unit 5: Universal Design</a>'
    assert link in listing
    assert link in client.get(page.url).content.decode()


def test_search_hits_show_the_unit_and_the_thumbnail(client, django_capture_on_commit_callbacks):
    unit5 = unit("NEW HORIZON", "JHS2", 5, "Universal Design")
    with django_capture_on_commit_callbacks(execute=True):  # the index follows on commit
        page = tagged(MaterialPageFactory, "Design survey", unit5)
    attachment = LibraryAttachment.objects.create(
        page=page, sort_order=0, title="Sheet", image=an_image()
    )
    make_file_preview.call(attachment.pk)  # what the previews worker does
    thumbnail = first_preview_url(page)
    assert thumbnail

    html = client.get("/search/", {"q": "design"}).content.decode()

    assert (
        '<a href="/units/new-horizon/JHS2/5/">NEW HORIZON 2 · Unit 5: Universal Design</a>' in html
    )
    assert f'<img class="hit__thumb" src="{thumbnail}"' in html


def test_listing_options_are_counted_under_the_other_filters_and_empty_ones_disabled(client):
    horizon = TextbookSeries.objects.get(name="NEW HORIZON")
    unit5 = unit("NEW HORIZON", "JHS2", 5)
    unit1 = unit("NEW HORIZON", "JHS1", 1)
    tagged(MaterialPageFactory, "Survey", unit5, grades=["JHS2"], skills=["writing"])
    tagged(MaterialPageFactory, "Interview", unit5, grades=["JHS2"])
    tagged(MaterialPageFactory, "Greetings", unit1, grades=["JHS1"])

    response = client.get(library_url(), {"textbook": horizon.pk, "grade": "JHS2"})

    grades = {o.value: (o.count, o.disabled) for o in group(response, "grade").options}
    # Grades are counted under the series, not under the grade already chosen.
    assert grades["JHS2"] == (2, False)
    assert grades["JHS1"] == (1, False)
    assert grades["ES5"] == (0, True)
    # The units follow the series *and* the grade, each with its count.
    units = {o.value: o for o in group(response, "unit").options}
    assert str(unit1.pk) not in units
    assert (units[str(unit5.pk)].count, units[str(unit5.pk)].label) == (2, "Unit 5")
    empty = next(o for o in units.values() if o.count == 0)
    assert empty.disabled
    html = response.content.decode()
    assert re.search(rf'<option value="{empty.value}" disabled>[^<]*\(0\)</option>', html)
    assert re.search(r'<input type="checkbox" name="grade" value="ES5"[^>]* disabled>', html)
    skills = {o.value: o.count for o in group(response, "skill").options}
    assert skills["writing"] == 1


def test_listing_counts_cost_one_query_per_filter(client, django_assert_max_num_queries, settings):
    settings.KYOZAI_PAGE_CACHE_SECONDS = 0
    horizon = TextbookSeries.objects.get(name="NEW HORIZON")
    params = {"textbook": horizon.pk, "grade": "JHS2"}
    tagged(MaterialPageFactory, "Survey", unit("NEW HORIZON", "JHS2", 5), grades=["JHS2"])
    client.get(library_url(), params)
    with django_assert_max_num_queries(40) as few:
        client.get(library_url(), params)
    for number in range(1, 8):
        tagged(MaterialPageFactory, f"More {number}", unit("NEW HORIZON", "JHS2", number))
    with django_assert_max_num_queries(40) as many:
        client.get(library_url(), params)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_search_shows_empty_values_disabled_and_units_following_the_grade(
    client, django_capture_on_commit_callbacks
):
    horizon = TextbookSeries.objects.get(name="NEW HORIZON")
    unit5 = unit("NEW HORIZON", "JHS2", 5, "Universal Design")
    unit1 = unit("NEW HORIZON", "JHS1", 1)
    with django_capture_on_commit_callbacks(execute=True):
        tagged(MaterialPageFactory, "Design survey", unit5, grades=["JHS2"])

    html = client.get("/search/", {"textbook": horizon.pk, "grade": "JHS2"}).content.decode()

    assert f'value="{unit5.pk}"' in html
    assert f'value="{unit1.pk}"' not in html
    assert re.search(
        r'<li class="facet__value--empty">\s*<input [^>]*value="ES5"[^>]* disabled>', html
    )
    # The API keeps its contract: only values with results (or chosen).
    data = client.get("/api/v1/search/", {"textbook": horizon.pk, "grade": "JHS2"}).json()
    assert "ES5" not in [value["value"] for value in data["facets"]["grade"]]


def test_the_search_page_has_one_search_box(client):
    html = client.get("/search/").content.decode()
    assert html.count('type="search"') == 1
    assert 'class="site-search"' not in html
    assert 'class="site-search"' in client.get("/").content.decode()


def test_the_header_folds_into_a_menu_button_that_works_without_javascript(client):
    html = client.get("/").content.decode()
    assert re.search(r'<details class="site-menu">\s*<summary class="site-menu__button">', html)
