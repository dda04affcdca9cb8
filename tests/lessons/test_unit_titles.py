"""A plan's textbook unit shows with its title, escaped, wherever the planner shows it (#13.1):
the plan editor's header, the header form's unit choices, "My lessons" and the plan's
history. (The plan PDFs' 単元名 line is in tests/printing/test_unit_titles.py.)"""

import pytest
from django.urls import reverse

from lessons.services.editing import update_header
from tests.library.test_unit_titles import (
    TITLE_HTML,
    TITLE_JA_HTML,
    assert_escaped,
    titled_unit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return titled_unit()


@pytest.fixture
def owner_client(team, client_for):
    return client_for(team.owner)


@pytest.fixture
def plan(team, unit):
    return update_header(team.plan.pk, team.owner, {"textbook_unit": unit}, team.plan.version)


def page(client, name: str, plan=None, language: str = "en") -> str:
    client.get(reverse("switch_language", args=[language]))
    url = reverse(f"lessons:{name}", args=[plan.pk]) if plan else reverse(f"lessons:{name}")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_plan_editor_header_shows_the_unit_title(owner_client, plan):
    assert_escaped(page(owner_client, "plan", plan), f"NEW HORIZON 2 · Unit 5: {TITLE_HTML}</a>")
    html = page(owner_client, "plan", plan, "ja")
    assert_escaped(html, f"NEW HORIZON 2 · Unit 5: {TITLE_JA_HTML}</a>")


def test_the_header_form_offers_units_with_their_titles(owner_client, plan, unit):
    html = page(owner_client, "edit_header", plan)
    assert_escaped(html, f'<option value="{unit.pk}" selected>NEW HORIZON 2 · Unit 5: {TITLE_HTML}')
    html = page(owner_client, "edit_header", plan, "ja")
    assert_escaped(html, f"NEW HORIZON 2 · Unit 5: {TITLE_JA_HTML}</option>")


def test_my_lessons_shows_the_unit_title(owner_client, plan):
    assert_escaped(page(owner_client, "my_lessons"), f"<span>NEW HORIZON 2 · Unit 5: {TITLE_HTML}")


def test_the_revision_that_set_the_unit_names_it_with_its_title(owner_client, plan):
    number = plan.revisions.order_by("-number").values_list("number", flat=True).first()
    url = reverse("lessons:revision", args=[plan.pk, number])
    owner_client.get(reverse("switch_language", args=["en"]))
    assert_escaped(owner_client.get(url).content.decode(), f"NEW HORIZON 2 · Unit 5: {TITLE_HTML}")
    owner_client.get(reverse("switch_language", args=["ja"]))
    html = owner_client.get(url).content.decode()
    assert_escaped(html, f"NEW HORIZON 2 · Unit 5: {TITLE_JA_HTML}")
