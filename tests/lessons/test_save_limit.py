"""One person may save plans only so often (issue #11.6: a client saving after every
keystroke): beyond the limit a save is refused with 429 and Retry-After — in the editor's
pages, its htmx requests and the JSON API — nothing is written, and the text stays in the
form. Counted per person, in the shared cache (real Redis here too)."""

import json

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from config.cache import redis_cache_settings
from lessons.models import LessonStep, PlanRevision
from lessons.services.editing import update_step
from lessons.services.save_limit import SavingTooFast

API = "/api/v1/lessons"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("three_saves_a_minute")]


@pytest.fixture
def three_saves_a_minute(settings):
    settings.KYOZAI_PLAN_SAVES_PER_MINUTE = 3


def post_step(client, team, step, text, **headers):
    step = LessonStep.objects.get(pk=step.pk)
    return client.post(
        reverse("lessons:edit_step", args=[team.plan.pk, step.pk]),
        {"phase": step.phase, "minutes": step.minutes, "alt_role": text, "version": step.version},
        headers=headers,
    )


def use_up_the_minute(team, user):
    cache.clear()  # building the team's plan counted saves too
    step = team.steps[0]
    for save in range(3):
        step = LessonStep.objects.get(pk=step.pk)
        update_step(team.plan.pk, step.pk, user, {"title": f"t{save}"}, None, step.version)


def test_a_save_over_the_limit_is_429_with_a_page_saying_how_long_to_wait(team, client_for):
    use_up_the_minute(team, team.owner)
    before = PlanRevision.objects.filter(plan=team.plan).count()
    response = post_step(client_for(team.owner), team, team.steps[1], "Too fast")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    html = response.content.decode()
    assert "You are saving faster than Kyozai allows" in html
    assert "what you typed is still in the form" in html
    assert LessonStep.objects.get(pk=team.steps[1].pk).alt_role == "Models it."
    assert PlanRevision.objects.filter(plan=team.plan).count() == before


def test_an_htmx_save_over_the_limit_leaves_the_form_and_shows_a_message(team, client_for):
    use_up_the_minute(team, team.owner)
    response = post_step(client_for(team.owner), team, team.steps[1], "Too fast", HX_Request="true")
    assert response.status_code == 429
    assert response["HX-Retarget"] == "#main"
    assert response["HX-Reswap"] == "afterbegin"
    assert 'role="alert"' in response.content.decode()
    assert "Retry-After" in response


def test_the_api_answers_429_with_retry_after(team, client_for):
    use_up_the_minute(team, team.owner)
    response = client_for(team.owner).patch(
        f"{API}/plans/{team.plan.pk}/steps/{team.steps[1].pk}/",
        json.dumps({"alt_role": "Too fast", "version": team.steps[1].version}),
        content_type="application/json",
    )
    assert response.status_code == 429
    body = response.json()
    assert body["retry_after"] == int(response["Retry-After"])
    assert "saving faster" in body["detail"]


def test_the_429_is_in_the_api_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    patch = schema["paths"]["/api/v1/lessons/plans/{plan_id}/steps/{step_id}/"]["patch"]
    assert "429" in patch["responses"]


def test_the_limit_is_per_person(team, client_for):
    use_up_the_minute(team, team.owner)
    response = post_step(client_for(team.editor), team, team.steps[1], "Sam's turn")
    assert response.status_code == 302
    assert LessonStep.objects.get(pk=team.steps[1].pk).alt_role == "Sam's turn"


def test_restoring_and_copying_count_too(team):
    from lessons.services.copying import duplicate_plan
    from lessons.services.revisions import restore_revision

    use_up_the_minute(team, team.owner)
    with pytest.raises(SavingTooFast):
        restore_revision(team.plan.pk, 1, team.owner)
    with pytest.raises(SavingTooFast):
        duplicate_plan(team.plan, team.owner)


def test_the_limit_holds_across_workers_with_redis(team, settings):
    """With Redis (as in production) the count is shared: the cache the next worker opens
    sees the same count."""
    settings.CACHES = {"default": redis_cache_settings("redis://127.0.0.1:6379/4")}
    try:
        use_up_the_minute(team, team.owner)  # clears this test's Redis database (4) first
        with pytest.raises(SavingTooFast) as refused:
            update_step(team.plan.pk, team.steps[1].pk, team.owner, {"title": "x"}, None, 1)
        assert 1 <= refused.value.retry_after <= 60
    finally:
        cache.clear()


@override_settings(KYOZAI_PLAN_SAVES_PER_MINUTE=0)
def test_a_limit_of_zero_turns_it_off(team):
    use_up_the_minute(team, team.owner)
    for save in range(5):
        step = LessonStep.objects.get(pk=team.steps[1].pk)
        update_step(team.plan.pk, step.pk, team.owner, {"title": f"s{save}"}, None, step.version)
