"""The section index pages: which pages they list, the filters, pagination, query bounds."""

import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import PageViewRestriction

from library.listing import PAGE_SIZE
from library.models import (
    ClubIndexPage,
    Grade,
    LibraryAttachment,
    MaterialIndexPage,
    SpeechContestIndexPage,
    TextbookSeries,
    TextbookUnit,
)
from library.previews import preview_url
from tests.factories.library import (
    ClubActivityPageFactory,
    MaterialPageFactory,
    SpeechContestGuidePageFactory,
)

pytestmark = pytest.mark.django_db


def library_url() -> str:
    return MaterialIndexPage.objects.get().url


def listed_titles(response) -> list[str]:
    return [page.title for page in response.context["listing"].pages]


def png_bytes(colour: str = "#1f5f8b") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 80), colour).save(buffer, "PNG")
    return buffer.getvalue()


def unit(series_name: str, grade_code: str, label: str) -> TextbookUnit:
    # The catalogue may already ship the unit; the tests want it bare and untitled.
    unit, _created = TextbookUnit.objects.update_or_create(
        series=TextbookSeries.objects.get(name=series_name),
        grade=Grade.objects.get(code=grade_code),
        label=label,
        defaults={"title": "", "title_ja": ""},
    )
    return unit


def test_lists_live_public_children_newest_first(client):
    MaterialPageFactory(title="Older")
    MaterialPageFactory(title="Newer")
    MaterialPageFactory(title="A draft", live=False)
    private = MaterialPageFactory(title="Behind a log-in")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(library_url())

    assert response.status_code == 200
    assert listed_titles(response) == ["Newer", "Older"]
    assert "A draft" not in response.content.decode()


def test_each_section_lists_only_its_own_type(client):
    MaterialPageFactory(title="A material")
    SpeechContestGuidePageFactory(title="A speech guide")
    ClubActivityPageFactory(title="A club activity")

    assert listed_titles(client.get(library_url())) == ["A material"]
    guides = client.get(SpeechContestIndexPage.objects.get().url)
    assert listed_titles(guides) == ["A speech guide"]
    assert "Time limit 3:00" in guides.content.decode()
    clubs = client.get(ClubIndexPage.objects.get().url)
    assert listed_titles(clubs) == ["A club activity"]
    assert "Groups of 4" in clubs.content.decode()


def test_values_within_a_filter_are_ored(client):
    MaterialPageFactory(title="Fifth", grades=["ES5"])
    MaterialPageFactory(title="Sixth", grades=["ES6"])
    MaterialPageFactory(title="Junior high", grades=["JHS1"])

    response = client.get(library_url(), {"grade": ["ES5", "ES6"]})

    assert sorted(listed_titles(response)) == ["Fifth", "Sixth"]


def test_filters_are_anded_with_each_other(client):
    MaterialPageFactory(title="Fifth-grade game", grades=["ES5"], activity_types=["game"])
    MaterialPageFactory(title="Fifth-grade song", grades=["ES5"], activity_types=["song_chant"])
    MaterialPageFactory(title="Junior-high game", grades=["JHS1"], activity_types=["game"])

    response = client.get(library_url(), {"grade": "ES5", "activity_type": "game"})

    assert listed_titles(response) == ["Fifth-grade game"]


def test_a_page_matching_two_values_is_listed_once(client):
    MaterialPageFactory(title="Both grades", grades=["ES5", "ES6"], skills=["listening", "reading"])

    response = client.get(
        library_url(), {"grade": ["ES5", "ES6"], "skill": ["listening", "reading"]}
    )

    assert listed_titles(response) == ["Both grades"]
    assert response.context["listing"].total == 1


def test_skill_filter(client):
    MaterialPageFactory(title="Listening", skills=["listening"])
    MaterialPageFactory(title="Writing", skills=["writing"])

    assert listed_titles(client.get(library_url(), {"skill": "writing"})) == ["Writing"]


def test_textbook_series_then_unit(client):
    unit3 = unit("NEW HORIZON", "JHS2", "Unit 3")
    unit4 = unit("NEW HORIZON", "JHS2", "Unit 4")
    other = unit("SUNSHINE", "JHS2", "Program 3")
    for title, textbook_unit in (
        ("Unit 3 page", unit3),
        ("Unit 4 page", unit4),
        ("Sunshine", other),
    ):
        page = MaterialPageFactory(title=title)
        page.textbook_units.add(textbook_unit)
        page.save_revision().publish()
    series = str(unit3.series_id)

    by_series = client.get(library_url(), {"textbook": series})
    assert sorted(listed_titles(by_series)) == ["Unit 3 page", "Unit 4 page"]
    # The unit choice appears once a series is chosen, listing only that series' units.
    html = by_series.content.decode()
    assert 'name="unit"' in html
    assert "Program 3" not in html

    by_unit = client.get(library_url(), {"textbook": series, "unit": str(unit4.pk)})
    assert listed_titles(by_unit) == ["Unit 4 page"]


def test_unit_from_another_series_or_without_a_series_is_ignored(client):
    unit3 = unit("NEW HORIZON", "JHS2", "Unit 3")
    other = unit("SUNSHINE", "JHS2", "Program 3")
    tagged = MaterialPageFactory(title="Unit 3 page")
    tagged.textbook_units.add(unit3)
    tagged.save_revision().publish()
    MaterialPageFactory(title="Untagged")

    no_series = client.get(library_url(), {"unit": str(unit3.pk)})
    assert sorted(listed_titles(no_series)) == ["Unit 3 page", "Untagged"]
    assert 'name="unit"' not in no_series.content.decode()

    mismatched = client.get(
        library_url(), {"textbook": str(unit3.series_id), "unit": str(other.pk)}
    )
    assert listed_titles(mismatched) == ["Unit 3 page"]


@pytest.mark.parametrize(
    "params",
    [
        {"grade": "XX9"},
        {"grade": ["ES5", "<script>"]},
        {"skill": "juggling", "activity_type": ""},
        {"textbook": "not-a-number"},
        {"textbook": "999999", "unit": "abc"},
        {"page": "zzz"},
        {"page": "-3"},
        {"page": "99999"},
        {"grade": "ES5" * 500},
    ],
)
def test_bad_parameters_are_ignored_without_an_error(client, params):
    MaterialPageFactory(title="Fifth", grades=["ES5"])
    MaterialPageFactory(title="Junior high", grades=["JHS1"])

    response = client.get(library_url(), params)

    assert response.status_code == 200
    titles = listed_titles(response)
    # An unknown value is dropped; the known ES5 in the second case still filters.
    expected = ["Fifth"] if params.get("grade") == ["ES5", "<script>"] else ["Junior high", "Fifth"]
    assert titles == expected
    assert "<script>" not in response.content.decode()


def test_active_filters_are_shown_with_links_that_remove_them(client):
    MaterialPageFactory(title="Fifth-grade game", grades=["ES5"], activity_types=["game"])

    response = client.get(library_url(), {"grade": ["ES5", "ES6"], "activity_type": "game"})

    active = {chip.label: chip.remove_url for chip in response.context["listing"].active}
    assert active == {
        "Elementary 5": "?grade=ES6&activity_type=game",
        "Elementary 6": "?grade=ES5&activity_type=game",
        "Game": "?grade=ES5&grade=ES6",
    }
    html = response.content.decode()
    assert 'href="?grade=ES6&amp;activity_type=game"' in html
    # The ticked boxes stay ticked: the form never loses what the teacher chose.
    assert re.search(r'<input[^>]*value="ES5"[^>]*checked', html)
    assert not re.search(r'<input[^>]*value="JHS1"[^>]*checked', html)


def test_pages_of_twenty_keep_the_filters(client):
    for number in range(PAGE_SIZE + 3):
        MaterialPageFactory(title=f"Game {number}", grades=["ES5"])
    MaterialPageFactory(title="Not in the filter", grades=["JHS1"])

    first = client.get(library_url(), {"grade": "ES5"})
    listing = first.context["listing"]
    assert len(listing.pages) == PAGE_SIZE
    assert listing.total == PAGE_SIZE + 3
    assert listing.next_url == "?grade=ES5&page=2"
    assert 'rel="next"' in first.content.decode()

    second = client.get(library_url(), {"grade": "ES5", "page": "2"})
    assert listed_titles(second) == ["Game 2", "Game 1", "Game 0"]
    assert second.context["listing"].previous_url == "?grade=ES5"


def test_card_shows_what_a_teacher_scans_for(client):
    page = MaterialPageFactory(
        title="Weather Bingo",
        title_ja="天気ビンゴ",
        summary="A listening bingo with weather words.",
        grades=["ES5", "ES6"],
        activity_types=["game"],
        duration_minutes=15,
    )
    attachment = LibraryAttachment(page=page, sort_order=0, title="Sheet", image=an_image())
    attachment.preview.save("cards-preview.png", ContentFile(png_bytes("#a4161a")), save=False)
    attachment.preview_pages = 1
    attachment.preview_status = LibraryAttachment.PreviewStatus.READY
    attachment.save()

    html = client.get(library_url()).content.decode()

    assert "Weather Bingo" in html
    assert '<p class="lib-card__subtitle" lang="ja">天気ビンゴ</p>' in html
    assert (
        '<span aria-hidden="true">ES5</span><span class="visually-hidden">Elementary 5</span>'
        in html
    )
    assert "15 min" in html
    assert "Game" in html
    assert "A listening bingo with weather words." in html
    assert f'src="{escape(preview_url(attachment))}"' in html


def test_card_without_a_preview_has_no_thumbnail(client):
    MaterialPageFactory(title="Plain")
    assert "lib-card__thumb" not in client.get(library_url()).content.decode()


def test_japanese_readers_get_japanese_titles_and_filter_labels(client):
    MaterialPageFactory(title="Weather Bingo", title_ja="天気ビンゴ", grades=["ES5"])

    html = client.get(library_url(), HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    assert ">天気ビンゴ</a>" in html
    assert '<p class="lib-card__subtitle" lang="en">Weather Bingo</p>' in html
    assert "小5" in html


def test_works_without_javascript(client):
    html = client.get(library_url()).content.decode()
    assert re.search(r'<form class="filters" method="get" action="/library/"', html)
    assert '<button type="submit">Show results</button>' in html


def test_query_count_does_not_grow_with_the_number_of_pages(
    client, django_assert_max_num_queries, settings
):
    settings.KYOZAI_PAGE_CACHE_SECONDS = 0  # the view's own queries, not the page cache's

    def add_pages(count: int):
        for _ in range(count):
            page = MaterialPageFactory(
                grades=["ES5", "ES6"], skills=["listening"], activity_types=["game", "warm_up"]
            )
            LibraryAttachment.objects.create(page=page, image=an_image(), sort_order=0)

    add_pages(2)
    # Once first: Wagtail remembers the site's root paths in the cache on the first request.
    client.get(library_url(), {"grade": "ES5", "activity_type": "game"})
    # 20, and one aggregate count per filter of the panel (textbook, grade, skill, activity).
    with django_assert_max_num_queries(24) as few:
        client.get(library_url(), {"grade": "ES5", "activity_type": "game"})
    add_pages(18)
    with django_assert_max_num_queries(24) as many:
        response = client.get(library_url(), {"grade": "ES5", "activity_type": "game"})
    assert len(response.context["listing"].pages) == 20
    assert len(many.captured_queries) == len(few.captured_queries)


def an_image() -> Image:
    return Image.objects.create(
        title="Picture", file=ImageFile(io.BytesIO(png_bytes()), name="picture.png")
    )


def test_old_filter_names_redirect_for_good_keeping_every_other_parameter(client):
    response = client.get(library_url() + "?grade=ES5&activity=game&series=3&page=2")

    assert response.status_code == 301
    # A visitor's address reaches the page with its parameters in one order (the full-page
    # cache normalises it), so the redirect keeps every value, not the order of the names.
    location = urlsplit(response["Location"])
    assert location.path == "/library/"
    assert sorted(parse_qsl(location.query)) == sorted(
        [("grade", "ES5"), ("activity_type", "game"), ("textbook", "3"), ("page", "2")]
    )


def test_every_section_redirects_its_old_filter_names(client):
    for section in (SpeechContestIndexPage, ClubIndexPage):
        url = section.objects.get().url
        response = client.get(url, {"series": "3", "unit": "7"})
        assert response.status_code == 301
        assert response["Location"] == f"{url}?textbook=3&unit=7"


def test_an_old_bookmark_lists_what_it_listed_before(client):
    MaterialPageFactory(title="Fifth-grade game", grades=["ES5"], activity_types=["game"])
    MaterialPageFactory(title="Fifth-grade song", grades=["ES5"], activity_types=["song_chant"])

    response = client.get(library_url(), {"activity": "game"}, follow=True)

    assert response.redirect_chain == [("/library/?activity_type=game", 301)]
    assert listed_titles(response) == ["Fifth-grade game"]


def test_the_listing_uses_the_filter_names_of_search_and_the_api(client):
    html = client.get(library_url()).content.decode()
    assert 'name="activity_type"' in html
    assert 'name="textbook"' in html
    assert 'name="activity"' not in html
    assert 'name="series"' not in html
