"""Linking materials to a step by searching the library inline (through the search
service): narrowed to the plan's grade and unit by default, one choice away from everything."""

from django.urls import reverse

from lessons.models import LessonStep
from library.models import Grade, TextbookSeries, TextbookUnit
from search.indexing import index_pages
from tests.factories.library import MaterialPageFactory


def library(team):
    # The catalogue ships this unit; the test wants it as a bare, untitled unit.
    unit, _created = TextbookUnit.objects.update_or_create(
        series=TextbookSeries.objects.get(name="NEW HORIZON"),
        grade=Grade.objects.get(code="JHS2"),
        label="Unit 3",
        defaults={"title": "", "title_ja": ""},
    )
    in_unit = MaterialPageFactory(title="Future bingo (unit)", grades=["JHS2"])
    in_unit.textbook_units.set([unit])
    in_unit.save()
    in_grade = MaterialPageFactory(title="Future bingo (grade)", grades=["JHS2"])
    elsewhere = MaterialPageFactory(title="Weather bingo", grades=["ES5"])
    index_pages([in_unit.pk, in_grade.pk, elsewhere.pk])
    team.plan.textbook_unit = unit
    team.plan.save()
    return in_unit, in_grade, elsewhere


def titles(response) -> list[str]:
    return [hit.title for hit in response.context["results"].hits]


def test_search_is_narrowed_by_grade_and_unit_by_default(team, client_for):
    library(team)
    client = client_for(team.editor)
    url = reverse("lessons:material_search", args=[team.plan.pk])
    default = client.get(url, {"q": "bingo", "target": "step1_materials"})
    assert titles(default) == ["Future bingo (unit)"]
    grade = client.get(url, {"q": "bingo", "scope": "grade"})
    assert sorted(titles(grade)) == ["Future bingo (grade)", "Future bingo (unit)"]
    everything = client.get(url, {"q": "bingo", "scope": "all"})
    assert len(titles(everything)) == 3
    html = default.content.decode()
    assert 'data-target="step1_materials"' in html
    assert "data-link-material=" in html


def test_no_material_with_every_word_shows_those_with_most(team, client_for):
    library(team)
    url = reverse("lessons:material_search", args=[team.plan.pk])
    response = client_for(team.editor).get(url, {"q": "future zebra", "scope": "all"})
    assert sorted(titles(response)) == ["Future bingo (grade)", "Future bingo (unit)"]
    assert response.context["results"].partial
    assert "No material has all of these words; these have most of them." in (
        response.content.decode()
    )


def test_bad_search_input_is_a_message_not_an_error(team, client_for):
    response = client_for(team.owner).get(
        reverse("lessons:material_search", args=[team.plan.pk]),
        {"q": "bingo", "scope": "nonsense", "target": "<script>"},
    )
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_linking_a_found_material_saves_with_the_step(team, client_for):
    in_unit, _grade, _other = library(team)
    step = team.steps[1]
    response = client_for(team.editor).post(
        reverse("lessons:edit_step", args=[team.plan.pk, step.pk]),
        {
            "phase": step.phase,
            "minutes": step.minutes,
            "title": step.title,
            "alt_role": step.alt_role,
            "materials": [in_unit.pk],
            "version": step.version,
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Future bingo (unit)" in response.content.decode()
    assert list(LessonStep.objects.get(pk=step.pk).materials.values_list("pk", flat=True)) == [
        in_unit.pk
    ]


def test_unpublished_materials_drop_out_of_plans(team, client_for):
    in_unit, _grade, _other = library(team)
    step = team.steps[1]
    step.materials.add(in_unit)
    in_unit.unpublish()
    html = client_for(team.owner).get(reverse("lessons:plan", args=[team.plan.pk])).content
    assert "Future bingo (unit)" not in html.decode()
