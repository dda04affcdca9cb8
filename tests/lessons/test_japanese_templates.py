# ruff: noqa: RUF001 — Japanese phase names use full-width brackets, as printed
"""Templates for Japanese schools (issue #15.7): every built-in template in Japanese and
English, phases named the Japanese way (導入・展開・まとめ) when a plan chooses it, and "Add to
a lesson plan" putting the new step before the closing reflection, with a warning when the
steps outrun the lesson."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from lessons.builtin_templates import BUILTIN_TEMPLATES, family_of
from lessons.models import LessonPlan, PhaseStyle
from lessons.printing.layouts import plan_print
from lessons.services.editing import add_step, create_plan
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db


def test_every_builtin_template_exists_in_english_and_japanese():
    families: dict[str, set[str]] = {}
    for template in BUILTIN_TEMPLATES:
        families.setdefault(family_of(template.key), set()).add(template.language)
    assert len(families) == 5
    assert all(languages == {"en", "ja"} for languages in families.values()), families


def test_the_two_versions_have_the_same_shape_and_fill_the_lesson():
    by_key = {plan.builtin_key: plan for plan in LessonPlan.objects.builtin()}
    for template in BUILTIN_TEMPLATES:
        plan = by_key[template.key]
        steps = list(plan.steps.all())
        assert sum(step.minutes for step in steps) == plan.length_minutes, template.key
        assert all(step.alt_role for step in steps), template.key
    for key in ("jhs-50-ppp", "shs-50-task-based", "speech-contest-practice", "jhs-test-review"):
        english = [(s.phase, s.minutes) for s in by_key[key].steps.all()]
        japanese = [(s.phase, s.minutes) for s in by_key[key + "-ja"].steps.all()]
        assert english == japanese, key
    assert by_key["es-45-lets-try-en"].language == "en"


def test_a_japanese_ui_teacher_sees_and_copies_the_japanese_template(client_for, teacher):
    client = client_for(teacher)
    url = reverse("lessons:my_lessons") + "?tab=templates"
    both = client.get(url + "&languages=all").content.decode()
    assert "中学校 50分 PPP型の授業" in both  # every version when asked for all
    assert "JHS 50-minute lesson: presentation" in both
    client.cookies["django_language"] = "ja"
    page = client.get(url).content.decode()
    assert "中学校 50分 PPP型の授業" in page
    assert "JHS 50-minute lesson: presentation" not in page
    english = client_for(teacher)
    english.cookies["django_language"] = "en"
    page = english.get(url).content.decode()
    assert "JHS 50-minute lesson: presentation" in page
    assert "中学校 50分 PPP型の授業" not in page


def _plan(user, **values):
    return create_plan(user, {"title": "Seasons", "length_minutes": 50, **values})


def test_phase_names_follow_the_plans_style(teacher):
    plan = _plan(teacher, language="ja")
    assert plan.uses_japanese_phases  # by default for a Japanese plan
    assert plan.phase_name("practice", "練習", "ja") == "展開（練習）"
    assert plan.phase_name("warm_up", "ウォームアップ", "ja") == "導入（ウォームアップ）"
    assert plan.phase_name("reflection", "振り返り", "ja") == "まとめ（振り返り）"
    plan.phase_style = PhaseStyle.STAGES
    assert plan.phase_name("practice", "Practice", "en") == "Practice"
    english = _plan(teacher, language="en")
    assert not english.uses_japanese_phases
    english.phase_style = PhaseStyle.JAPANESE
    assert english.phase_name("practice", "Practice", "en") == "展開 Development (Practice)"


def test_the_editor_and_the_print_follow_the_style(client_for, teacher):
    plan = _plan(teacher, language="ja", phase_style=PhaseStyle.JAPANESE)
    add_step(plan.pk, teacher, {"phase": "warm_up", "minutes": 5, "title": "あいさつ"})
    add_step(plan.pk, teacher, {"phase": "practice", "minutes": 20, "title": "ドリル"})
    add_step(plan.pk, teacher, {"phase": "reflection", "minutes": 5, "title": "振り返り"})
    client = client_for(teacher)
    client.cookies["django_language"] = "ja"
    page = client.get(reverse("lessons:plan", args=[plan.pk])).content.decode()
    assert "展開（練習）" in page
    assert "導入（ウォームアップ）" in page
    printed = plan_print(plan, "ryakuan", "ja")
    assert [row.phase for row in printed.steps] == [
        "導入（ウォームアップ）",
        "展開（練習）",
        "まとめ（振り返り）",
    ]
    plan.phase_style = PhaseStyle.STAGES
    plan.save()
    assert plan_print(plan, "ryakuan", "ja").steps[1].phase == "練習"


def test_the_style_is_a_header_field_teachers_change(client_for, teacher):
    plan = _plan(teacher, language="en")
    client = client_for(teacher)
    form = client.get(reverse("lessons:edit_header", args=[plan.pk])).content.decode()
    assert 'name="phase_style"' in form
    answer = client.post(
        reverse("lessons:edit_header", args=[plan.pk]),
        {
            "title": plan.title,
            "length_minutes": 50,
            "language": "en",
            "phase_style": "japanese",
            "version": plan.version,
        },
    )
    assert answer.status_code == 302
    plan.refresh_from_db()
    assert plan.phase_style == "japanese"


def test_add_to_a_plan_goes_before_the_closing_reflection_and_warns(client_for, teacher):
    plan = _plan(teacher, language="en")
    add_step(plan.pk, teacher, {"phase": "warm_up", "minutes": 10, "title": "Greeting"})
    add_step(plan.pk, teacher, {"phase": "practice", "minutes": 30, "title": "Drill"})
    add_step(plan.pk, teacher, {"phase": "reflection", "minutes": 5, "title": "Reflection"})
    add_step(plan.pk, teacher, {"phase": "reflection", "minutes": 3, "title": "Goodbye"})
    page = MaterialPageFactory(title="Weather bingo", duration_minutes=20)
    client = client_for(teacher)
    answer = client.post(
        reverse("lessons:add_material", args=[page.pk]), {"target": "existing", "plan": plan.pk}
    )
    assert answer.status_code == 302
    titles = list(plan.steps.order_by("position", "id").values_list("title", flat=True))
    assert titles == ["Greeting", "Drill", "Weather bingo", "Reflection", "Goodbye"]
    warnings = [str(m) for m in get_messages(answer.wsgi_request) if m.level_tag == "warning"]
    assert warnings == [
        "The steps now take 68 minutes, 18 more than the 50-minute lesson. "
        "Shorten or remove a step."
    ]


def test_add_to_a_plan_without_reflection_appends_and_does_not_warn(client_for, teacher):
    plan = _plan(teacher, language="en")
    add_step(plan.pk, teacher, {"phase": "warm_up", "minutes": 5, "title": "Greeting"})
    page = MaterialPageFactory(title="Weather bingo", duration_minutes=10)
    answer = client_for(teacher).post(
        reverse("lessons:add_material", args=[page.pk]), {"target": "existing", "plan": plan.pk}
    )
    titles = list(plan.steps.order_by("position", "id").values_list("title", flat=True))
    assert titles == ["Greeting", "Weather bingo"]
    assert not [m for m in get_messages(answer.wsgi_request) if m.level_tag == "warning"]
