"""The conflict screen's choice per field (issue #15.5): keep mine, use theirs, or both
(text fields only). Whatever is chosen, nothing a teacher wrote is lost without asking."""

import pytest
from django.urls import reverse

from lessons.services.conflicts import BOTH_SEPARATOR, resolve
from tests.lessons.test_conflicts import header_form, step_form

HTMX = {"HX-Request": "true"}


def _clash_on_step(team, client_for):
    """The JTE saves the ALT role and the minutes; the ALT's save of both is refused."""
    step = team.steps[1]
    url = reverse("lessons:edit_step", args=[team.plan.pk, step.pk])
    jte, alt = client_for(team.owner), client_for(team.editor)
    assert (
        jte.post(url, step_form(step, alt_role="JTE's idea.", minutes=20), headers=HTMX).status_code
        == 200
    )
    mine = step_form(step, alt_role="ALT's idea.", minutes=12)
    refused = alt.post(url, mine, headers=HTMX)
    assert refused.status_code == 409
    step.refresh_from_db()
    return step, url, alt, mine, refused.content.decode()


def test_the_conflict_offers_three_choices_for_text_and_two_for_numbers(team, client_for):
    _step, _url, _alt, _mine, page = _clash_on_step(team, client_for)
    assert 'name="resolve-alt_role" value="mine" checked' in page
    assert 'name="resolve-alt_role" value="theirs"' in page
    assert 'name="resolve-alt_role" value="both"' in page
    assert 'name="resolve-minutes" value="theirs"' in page
    assert 'name="resolve-minutes" value="both"' not in page


@pytest.mark.parametrize(
    ("choices", "alt_role", "minutes"),
    [
        ({}, "ALT's idea.", 12),
        ({"resolve-alt_role": "mine", "resolve-minutes": "mine"}, "ALT's idea.", 12),
        ({"resolve-alt_role": "theirs", "resolve-minutes": "theirs"}, "JTE's idea.", 20),
        ({"resolve-alt_role": "both", "resolve-minutes": "theirs"}, None, 20),
        # "both" means nothing for a number: mine is kept.
        ({"resolve-alt_role": "theirs", "resolve-minutes": "both"}, "JTE's idea.", 12),
    ],
)
def test_each_choice_saves_what_it_says(team, client_for, choices, alt_role, minutes):
    step, url, alt, mine, _page = _clash_on_step(team, client_for)
    answer = alt.post(url, mine | {"version": step.version} | choices, headers=HTMX)
    assert answer.status_code == 200
    step.refresh_from_db()
    expected = alt_role if alt_role is not None else "ALT's idea." + BOTH_SEPARATOR + "JTE's idea."
    assert step.alt_role == expected
    assert step.minutes == minutes


def test_both_texts_too_long_together_are_shown_not_cut(team, client_for):
    step = team.steps[1]
    url = reverse("lessons:edit_step", args=[team.plan.pk, step.pk])
    jte, alt = client_for(team.owner), client_for(team.editor)
    long_jte, long_alt = "J" * 1000, "A" * 1000  # 1,500 characters at most together
    jte.post(url, step_form(step, alt_role=long_jte), headers=HTMX)
    mine = step_form(step, alt_role=long_alt)
    assert alt.post(url, mine, headers=HTMX).status_code == 409
    step.refresh_from_db()
    answer = alt.post(
        url, mine | {"version": step.version, "resolve-alt_role": "both"}, headers=HTMX
    )
    page = answer.content.decode()
    assert answer.status_code == 400  # longer than the field allows: both texts in the form
    assert long_alt in page
    assert long_jte in page
    step.refresh_from_db()
    assert step.alt_role == long_jte


def test_header_choices_work_the_same_way(team, client_for):
    plan = team.plan
    url = reverse("lessons:edit_header", args=[plan.pk])
    owner, editor = client_for(team.owner), client_for(team.editor)
    assert owner.post(
        url, header_form(plan, goal="Owner's goal.", length_minutes=45)
    ).status_code in (200, 302)
    mine = header_form(plan, goal="Editor's goal.", length_minutes=55)
    assert editor.post(url, mine).status_code == 409
    plan.refresh_from_db()
    answer = editor.post(
        url,
        mine
        | {"version": plan.version, "resolve-goal": "both", "resolve-length_minutes": "theirs"},
    )
    assert answer.status_code in (200, 302)
    plan.refresh_from_db()
    assert plan.goal == "Editor's goal." + BOTH_SEPARATOR + "Owner's goal."
    assert plan.length_minutes == 45


@pytest.mark.parametrize(
    ("mine", "theirs", "choice", "text", "kept"),
    [
        ("a", "b", "both", True, "a" + BOTH_SEPARATOR + "b"),
        ("", "b", "both", True, "b"),
        ("a", "", "both", True, "a"),
        ("a", "a", "both", True, "a"),
        ("a" + BOTH_SEPARATOR + "b", "b", "both", True, "a" + BOTH_SEPARATOR + "b"),
        (3, 5, "both", False, 3),
        ("a", "b", "nonsense", True, "a"),
    ],
)
def test_resolve(mine, theirs, choice, text, kept):
    assert resolve(mine, theirs, choice, text=text) == kept
