"""An ALT with NEW HORIZON 2, Unit 5 in mind finds everything for it: in the library she
picks the series, then the grade, then the unit (each option counted, the empty ones
disabled, the units following the grade, all in place with htmx), opens the unit page and
from there a material, its related materials and the larger view of its worksheet's first
page; the search page narrows the same way. Then the same on a phone,
where the header folds into a menu button.
"""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect
from wagtail.documents import get_document_model

from library.models import (
    Grade,
    LibraryAttachment,
    LibraryPage,
    MaterialIndexPage,
    TextbookSeries,
    TextbookUnit,
)
from library.tasks import make_file_preview
from library.units.addresses import unit_url
from tests.factories.library import (
    ClubActivityPageFactory,
    MaterialPageFactory,
    SpeechContestGuidePageFactory,
)
from tests.library.sample_files import weasyprint_pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def unit(grade: str, number: int, title: str) -> TextbookUnit:
    found, _created = TextbookUnit.objects.update_or_create(
        series=TextbookSeries.objects.get(name="NEW HORIZON"),
        grade=Grade.objects.get(code=grade),
        label=f"Unit {number}",
        defaults={"number": number, "title": title},
    )
    return found


@pytest.fixture
def horizon(settings):
    """Two materials, a speech guide and a club activity for NEW HORIZON 2, Unit 5; one
    material for Unit 4 and one for JHS1. The design survey has a worksheet, converted as
    the previews worker converts it; every publish stores related materials (the test
    settings run the `default` queue at once)."""
    settings.STORAGES = {**settings.STORAGES}
    unit5 = unit("JHS2", 5, "Universal Design")
    unit4 = unit("JHS2", 4, "Homestay")
    unit1 = unit("JHS1", 1, "Hello, Everyone!")
    for factory, title, units, grades in (
        (MaterialPageFactory, "Design survey", [unit5], ["JHS2"]),
        (MaterialPageFactory, "Barrier-free map", [unit5], ["JHS2"]),
        (MaterialPageFactory, "Homestay role-play", [unit4], ["JHS2"]),
        (MaterialPageFactory, "First greetings", [unit1], ["JHS1"]),
        (SpeechContestGuidePageFactory, "Speech on design", [unit5], ["JHS2"]),
        (ClubActivityPageFactory, "Design club poster", [unit5], ["JHS2"]),
    ):
        page = factory(title=title, grades=grades)
        page.textbook_units.add(*units)
        page.save_revision().publish()
    survey = LibraryPage.objects.get(title="Design survey")
    document = get_document_model().objects.create(
        title="survey.pdf",
        file=ContentFile(weasyprint_pdf_bytes("Which design helps everyone?"), name="survey.pdf"),
    )
    make_file_preview.call(LibraryAttachment.objects.create(page=survey, document=document).pk)
    return {"unit5": unit5, "unit4": unit4, "series": unit5.series}


def test_filter_by_series_grade_and_unit_then_open_the_unit_page(live_server, horizon, page):
    page.goto(live_server.url + MaterialIndexPage.objects.get().url)
    page.get_by_text("Filter by textbook unit").click()

    page.get_by_label("Textbook", exact=True).select_option(label="NEW HORIZON (Tokyo Shoseki) (4)")
    # (Four before the choice too: wait for the chip that says the series is in use.)
    expect(page.locator(".chip--active", has_text="NEW HORIZON")).to_be_visible()
    expect(page.locator("#listing-count")).to_have_text("4 results")
    # The grades are counted under the series: Junior high 2 has three, Elementary 5 none.
    grades = page.locator(".filters__group--grade")
    expect(grades.get_by_label("Junior high 2 (3)")).to_be_enabled()
    expect(grades.get_by_label("Elementary 5 (0)")).to_be_disabled()

    grades.get_by_label("Junior high 2 (3)").check()
    expect(page.locator("#listing-count")).to_have_text("3 results")
    unit_choice = page.get_by_label("Unit", exact=True)
    # The units are this book's at the chosen grade: no JHS1 unit, empty ones disabled.
    expect(unit_choice.locator("option", has_text="Unit 5: Universal Design (2)")).to_be_enabled()
    expect(unit_choice.locator("option", has_text="Hello, Everyone!")).to_have_count(0)

    unit_choice.select_option(label="Unit 5: Universal Design (2)")
    expect(page.locator("#listing-count")).to_have_text("2 results")
    expect(page.locator(".lib-card__title")).to_have_count(2)
    assert f"unit={horizon['unit5'].pk}" in page.url

    page.locator(".lib-card").first.get_by_role(
        "link", name="NEW HORIZON 2 · Unit 5: Universal Design"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unit 5: Universal Design")
    for heading, count in (
        ("Teaching materials", 2),
        ("Speech-contest guides", 1),
        ("English-club activities", 1),
    ):
        section = page.locator(".unit-section", has=page.get_by_role("heading", name=heading))
        expect(section.locator(".lib-card")).to_have_count(count)
    expect(page.get_by_role("link", name="Unit 4: Homestay")).to_be_visible()

    page.get_by_role("link", name="Design survey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Design survey")
    facts = page.locator(".facts")
    expect(
        facts.get_by_role("link", name="NEW HORIZON 2 · Unit 5: Universal Design")
    ).to_be_visible()
    # Related materials stored at publish: the same unit first, then the same stage.
    related = page.locator("section.related")
    expect(related).to_contain_text("Barrier-free map")
    shown = related.inner_text()
    for same_unit in ("Barrier-free map", "Speech on design", "Design club poster"):
        assert shown.index(same_unit) < shown.index("First greetings")
    # The worksheet's first page, then its larger view.
    page.get_by_role("link", name="Page 1 of survey.pdf (opens a larger view)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pages of survey.pdf")
    picture = page.get_by_role("img", name="Page 1 of survey.pdf")
    expect(picture).to_have_js_property("complete", True)


def test_the_search_page_narrows_series_grade_and_unit_the_same_way(live_server, horizon, page):
    page.goto(f"{live_server.url}/search/?textbook={horizon['series'].pk}")
    expect(page.locator(".hit")).to_have_count(6)
    page.locator(".facet", has_text="Grade").get_by_label("Junior high 2").check()
    expect(page.locator(".hit")).to_have_count(5)
    units = page.locator(".facet", has_text="Unit")
    expect(units.get_by_label("Unit 1: Hello, Everyone!")).to_have_count(0)
    units.get_by_label("Unit 5: Universal Design").check()
    expect(page.locator(".hit")).to_have_count(4)
    expect(
        page.locator(".hit").first.get_by_role(
            "link", name="NEW HORIZON 2 · Unit 5: Universal Design"
        )
    ).to_be_visible()
    # One search box on the search page.
    expect(page.get_by_role("searchbox")).to_have_count(1)


def test_on_a_phone_the_header_is_one_menu_button(live_server, horizon, phone):
    phone.goto(f"{live_server.url}{unit_url(horizon['unit5'])}")
    menu = phone.locator(".site-menu__button")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(phone.get_by_role("link", name="My lessons")).to_be_hidden()
    # The unit's heading starts near the top of the screen.
    heading = phone.get_by_role("heading", level=1).bounding_box()
    assert heading["y"] < 200

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(phone.get_by_role("link", name="My lessons")).to_be_visible()
    expect(phone.get_by_role("searchbox", name="Search the library")).to_be_visible()
