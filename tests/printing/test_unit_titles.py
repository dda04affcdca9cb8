"""A unit's title on paper (#13.1): the 単元名 line of the 学習指導案 (略案 and 細案), the
"Unit" fact of the team-teaching plan, and the "Textbook units" fact of a material's
printout, rendered by the real WeasyPrint and read back from the PDF. The title is markup
on purpose: it must print as the characters typed, never as bold or italic text, and the
HTML the PDF is made from must carry it escaped."""

import re

import pytest
from django.utils import translation

from lessons.printing.layouts import plan_print
from lessons.services.editing import update_header
from library.printing.content import page_content, render_page_pdf
from printing.inspect import extract_text
from printing.papers import Paper
from printing.render import render_html
from tests.factories.library import MaterialPageFactory
from tests.lessons.conftest import make_team
from tests.library.test_unit_titles import TITLE, TITLE_HTML, TITLE_JA, TITLE_JA_HTML, titled_unit

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def unit():
    return titled_unit()


@pytest.fixture
def plan(unit):
    team = make_team()
    return update_header(team.plan.pk, team.owner, {"textbook_unit": unit}, team.plan.version)


@pytest.mark.parametrize("layout", ["ryakuan", "saian"])
def test_the_shidouan_names_the_unit_with_its_japanese_title(plan, layout):
    printout = plan_print(plan, layout, "en")  # a 指導案 prints in Japanese whatever is asked
    html = render_html(printout.template_name, printout.context(), title=printout.title)
    # The unit, its title, then the book in brackets (lessons/printing/layouts.unit_title).
    book = '<span class="unit-book">（NEW HORIZON 2）</span>'  # noqa: RUF001
    assert f'単元名</h2><span class="body">Unit 5\u3000{TITLE_JA_HTML}{book}</span>' in html
    assert "<i>未来</i>" not in html
    text = flat(extract_text(printout.render(Paper.A4)))
    assert flat(f"単元名Unit 5\u3000{TITLE_JA}（NEW HORIZON 2）") in text  # noqa: RUF001


def test_the_team_teaching_plan_names_the_unit_with_its_title(plan):
    printout = plan_print(plan, "team_teaching", "en")
    html = render_html(printout.template_name, printout.context(), title=printout.title)
    assert f"NEW HORIZON 2 · Unit 5: {TITLE_HTML}" in html
    assert "<b>Hall</b>" not in html
    assert flat(f"Unit NEW HORIZON 2 · Unit 5: {TITLE}") in flat(
        extract_text(printout.render(Paper.A4))
    )
    japanese = plan_print(plan, "team_teaching", "ja")
    assert flat(f"NEW HORIZON 2 · Unit 5: {TITLE_JA}") in flat(
        extract_text(japanese.render(Paper.A4))
    )


@pytest.mark.parametrize(("language", "title"), [("en", TITLE), ("ja", TITLE_JA)])
def test_a_material_printout_names_its_unit_with_the_title(unit, language, title):
    page = MaterialPageFactory(title="Hall of fame quiz", title_ja="殿堂クイズ", grades=["JHS2"])
    page.textbook_units.add(unit)
    page.save_revision().publish()
    with translation.override(language):
        context = page_content(page, language).as_context()
    html = render_html("library/pdf/library_page.html", context, language=language)
    assert (TITLE_HTML if language == "en" else TITLE_JA_HTML) in html
    assert "<b>Hall</b>" not in html
    assert "<i>未来</i>" not in html
    text = flat(extract_text(render_page_pdf(page, Paper.A4, language)))
    assert flat(f"NEW HORIZON 2 · Unit 5: {title}") in text
