"""Schemathesis against /api/v1/: generated requests to every operation of the OpenAPI
schema never get a server error, a status code the schema does not list, a content type it
does not declare (or anything but JSON), or a body that breaks the schema.

The schema is the one the site serves (/api/v1/openapi.json), loaded from the Django
application in-process; requests go through the whole WSGI stack (middleware, CSRF, session)
into a real database holding published library pages (English and Japanese) and lesson plans.
A signed-in teacher exercises every operation; a visitor without an account exercises the
public search and is refused by every lesson-plan operation.

Generated ids are steered towards plans, steps, co-planners, unit and yearly plans and a
class that exist, and a generated
`version` towards the current one, so requests reach the real handlers rather than stopping
at 404 or 409. Each request runs in a savepoint that is rolled back: one example deleting the
plan does not leave the next ones only 404s, and a failure replays the same way. The seed is
fixed, so CI fails (or passes) identically every run.
"""

from dataclasses import dataclass, field

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from lessons.models import (
    LessonPlan,
    LessonStep,
    MemberRole,
    PlanMember,
    UnitPlan,
    Visibility,
    YearlyPlan,
)
from lessons.services.editing import add_step, create_plan
from library.models import Grade, TextbookSeries, TextbookUnit
from schools.models import ClassTeacher, School, SchoolClass, SchoolMembership, SchoolRole
from tests.api.browsers import csrf_pair
from tests.factories.accounts import TeacherFactory
from tests.factories.library import (
    ClubActivityPageFactory,
    MaterialPageFactory,
    SpeechContestGuidePageFactory,
)


def answers_json(ctx, response, case) -> bool | None:
    """Every answer with a body is JSON — including refusals that Django itself produces
    (a body it cannot parse, an address no endpoint serves), which would otherwise be the
    site's HTML error pages. 405 for a method the schema does not list is ninja's own empty
    answer with an Allow header."""
    if response.status_code in (204, 405):
        return None
    content_type = response.headers.get("content-type", [""])[0]
    if not content_type.startswith("application/json"):
        raise AssertionError(f"{response.status_code} answered {content_type!r}, not JSON.")
    return True


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    answers_json,
]


def config(*, max_examples: int, coverage: bool) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "seed": 20240407,
            "generation": {"max-examples": max_examples, "deterministic": True, "mode": "all"},
            "phases": {
                "examples": {"enabled": True},
                # Boundary values and every way to break each parameter, schema-driven.
                "coverage": {"enabled": coverage},
                "fuzzing": {"enabled": True},
                "stateful": {"enabled": False},
            },
        }
    )


def load_schema(**options) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", WSGIHandler(), config=config(**options)
    )


schema = load_schema(max_examples=50, coverage=True)
search_schema = schema.include(tag="search")
lesson_schema = schema.include(tag="lessons")
# Without an account every lesson-plan request stops at authentication, so a few examples
# per operation say all there is to say.
refused_schema = load_schema(max_examples=15, coverage=False).include(tag="lessons")


@dataclass
class World:
    """What generated ids are steered towards: (plan, step) and (plan, co-planner) pairs,
    so that a steered step belongs to the steered plan; the class, unit plans and yearly
    plan of the teacher's school."""

    plans: list[int]
    steps: list[tuple[int, int]]
    members: list[tuple[int, int]]
    classes: list[int] = field(default_factory=list)
    units: list[int] = field(default_factory=list)
    yearly: list[int] = field(default_factory=list)


@pytest.fixture
def material(db, django_capture_on_commit_callbacks, settings):
    """A published material, indexed for the database search backend."""
    settings.KYOZAI_SEARCH_BACKEND = "database"
    with django_capture_on_commit_callbacks(execute=True):
        return MaterialPageFactory(
            title="Fruit bingo",
            title_ja="フルーツビンゴ",
            summary="Call out fruit; the first full line wins.",
            summary_ja="果物の名前を聞いてビンゴ。",
            grades=["ES5", "ES6"],
            skills=["listening"],
            activity_types=["game"],
            duration_minutes=15,
        )


@pytest.fixture
def library(material, django_capture_on_commit_callbacks) -> None:
    """Live pages of all three kinds in English and Japanese, and a draft."""
    with django_capture_on_commit_callbacks(execute=True):
        MaterialPageFactory(
            title="Self-introduction worksheet",
            title_ja="自己紹介ワークシート",
            grades=["JHS1"],
            skills=["spoken_production"],
            activity_types=["worksheet"],
            duration_minutes=25,
        )
        SpeechContestGuidePageFactory(title="Recitation guide", title_ja="暗唱の手引き")
        ClubActivityPageFactory(title="Halloween party", title_ja="ハロウィンパーティー")
        MaterialPageFactory(title="Unpublished draft", title_ja="下書き", live=False)


@pytest.fixture
def world(db) -> World:
    """The teacher "sam" owns a plan for a textbook unit, shared with a colleague (viewer),
    edits the colleague's shared plan, and cannot see the colleague's private one. Both
    teach at a school whose class has a unit plan of each of them and a yearly plan."""
    teacher = TeacherFactory(username="sam", display_name="Sam (ALT)", email="sam@example.jp")
    colleague = TeacherFactory(username="tanaka", display_name="田中 花子")
    TeacherFactory(username="suzuki", display_name="鈴木 一郎", email="suzuki@example.jp")

    series = TextbookSeries.objects.get(name="NEW HORIZON")
    # The catalogue ships this unit; the tests give it their own titles.
    unit, _created = TextbookUnit.objects.update_or_create(
        series=series,
        grade_id=series.grades.get(code="JHS1").pk,
        label="Unit 3",
        defaults={"title": "My favourite things", "title_ja": "好きなもの"},
    )
    own = create_plan(
        teacher,
        {
            "title": "季節の言葉 — seasons",
            "grade": Grade.objects.get(code="JHS1"),
            "textbook_unit": unit,
            "length_minutes": 50,
        },
    )
    greeting = add_step(own.pk, teacher, {"phase": "warm_up", "minutes": 5, "title": "挨拶"})
    game = add_step(own.pk, teacher, {"phase": "practice", "minutes": 20, "title": "Bingo"})
    viewer = PlanMember.objects.create(plan=own, user=colleague, role=MemberRole.VIEWER)

    shared = create_plan(colleague, {"title": "Weekend plans", "length_minutes": 50})
    review = add_step(shared.pk, colleague, {"phase": "review", "minutes": 10})
    editor = PlanMember.objects.create(plan=shared, user=teacher, role=MemberRole.EDITOR)

    private = create_plan(colleague, {"title": "Private notes", "length_minutes": 50})
    hidden = add_step(private.pk, colleague, {"phase": "review", "minutes": 10})
    LessonPlan.objects.filter(pk__in=[own.pk, shared.pk]).update(visibility=Visibility.SHARED)
    school_class, units, yearly = _school_world(teacher, colleague, unit)

    return World(
        plans=[own.pk, shared.pk, private.pk],
        steps=[
            (own.pk, greeting.pk),
            (own.pk, game.pk),
            (shared.pk, review.pk),
            (private.pk, hidden.pk),
        ],
        members=[(own.pk, viewer.pk), (shared.pk, editor.pk)],
        classes=[school_class.pk],
        units=units,
        yearly=yearly,
    )


def _school_world(teacher, colleague, textbook_unit) -> tuple[SchoolClass, list[int], list[int]]:
    """Minami JHS with both teachers, its class 1-1 (taught by both), a unit plan of each
    of them for the class and the class's yearly plan."""
    school = School.objects.create(name="Minami JHS", name_ja="南中学校", stage="JHS")
    SchoolMembership.objects.create(school=school, user=teacher, role=SchoolRole.ALT)
    SchoolMembership.objects.create(school=school, user=colleague, role=SchoolRole.JTE)
    jhs1 = Grade.objects.get(code="JHS1")
    school_class = SchoolClass.objects.create(
        school=school, academic_year=2026, grade=jhs1, name="1-1"
    )
    ClassTeacher.objects.create(school_class=school_class, user=teacher, role=SchoolRole.ALT)
    ClassTeacher.objects.create(school_class=school_class, user=colleague, role=SchoolRole.JTE)
    units = [
        UnitPlan.objects.create(
            school_class=school_class,
            textbook_unit=textbook_unit,
            title=title,
            owner=owner,
            lesson_count=4,
        ).pk
        for owner, title in ((teacher, "Unit 3: my favourite things"), (colleague, "単元 3"))
    ]
    yearly = YearlyPlan.objects.create(
        school=school, school_class=school_class, grade=jhs1, academic_year=2026, owner=teacher
    )
    return school_class, units, [yearly.pk]


@pytest.fixture
def _a_step_uses_the_material(world, material):
    """So step and plan answers carry a material (with its Japanese title)."""
    _plan, step_id = world.steps[1]
    LessonStep.objects.get(pk=step_id).materials.add(material)


@pytest.fixture
def _requests_share_the_test_transaction():
    """Django closes the database connection when a request starts and ends; the test
    client turns that off, and so must requests sent straight to the WSGI handler, or the
    test's transaction (and its data) would be gone after the first request."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@dataclass
class Visitor:
    cookies: dict[str, str]
    headers: dict[str, str]
    statuses: set[int] = field(default_factory=set)


def browser(session: str | None = None) -> Visitor:
    """A browser holding a CSRF cookie and sending the matching header, as the lesson
    builder's pages do, so unsafe requests pass the CSRF check and reach authentication and
    the handler."""
    cookie, token = csrf_pair()
    cookies = {settings.CSRF_COOKIE_NAME: cookie}
    if session:
        cookies[settings.SESSION_COOKIE_NAME] = session
    return Visitor(cookies=cookies, headers={"X-CSRFToken": token})


def signed_in(username: str) -> Visitor:
    client = Client()
    client.force_login(TeacherFactory(username=username))
    return browser(client.cookies[settings.SESSION_COOKIE_NAME].value)


@pytest.fixture
def teacher_browser(world) -> Visitor:
    visitor = signed_in("sam")
    yield visitor
    # The generated requests really were the teacher's (no 401) and reached the handlers
    # (not only 404 for ids nobody has, or 405 for methods the schema does not list).
    assert 401 not in visitor.statuses
    assert visitor.statuses - {404, 405}, visitor.statuses


@pytest.fixture(params=["without an account", "signed in"])
def searcher(request, library) -> Visitor:
    visitor = browser() if request.param == "without an account" else signed_in("sam")
    yield visitor
    assert 200 in visitor.statuses, "no search was answered"


def steer(value, known: list) -> object | None:
    """One of `known` for most generated ids (the coverage phase sends them as text,
    fuzzing as numbers); None leaves one in len+1 as generated."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        index = value % (len(known) + 1)
        if index < len(known):
            return known[index]
    return None


def _steer_class(case, world: World) -> None:
    """A generated `school_class` (a unit plan's class, a yearly plan's, the list's filter)
    towards the teacher's class."""
    for container in (case.query, case.body):
        if isinstance(container, dict) and "school_class" in container:
            found = steer(container["school_class"], world.classes)
            container["school_class"] = found or container["school_class"]


def steer_ids(case, world: World) -> None:
    _steer_class(case, world)
    path = case.path_parameters or {}
    if "unit_id" in path:
        path["unit_id"] = steer(path["unit_id"], world.units) or path["unit_id"]
        if "number" in path:
            path["number"] = steer(path["number"], [1, 2, 3, 4]) or path["number"]
    elif "/yearly/" in case.path and "plan_id" in path:
        path["plan_id"] = steer(path["plan_id"], world.yearly) or path["plan_id"]
    elif "step_id" in path:
        pair = steer(path["step_id"], world.steps)
        if pair:
            path["plan_id"], path["step_id"] = pair
    elif "member_id" in path:
        pair = steer(path["member_id"], world.members)
        if pair:
            path["plan_id"], path["member_id"] = pair
    elif "plan_id" in path:
        plan = steer(path["plan_id"], world.plans)
        if plan:
            path["plan_id"] = plan


def current_version(path: dict) -> int | None:
    if "step_id" in path:
        found = LessonStep.objects.filter(pk=path["step_id"], plan_id=path["plan_id"])
    else:
        found = LessonPlan.objects.filter(pk=path["plan_id"])
    return found.values_list("version", flat=True).first()


def steer_version(case) -> None:
    """Even generated versions become the current one, so edits can succeed, not only 409."""
    path = case.path_parameters or {}
    ids = [path.get("plan_id"), *([path["step_id"]] if "step_id" in path else [])]
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in ids):
        return  # a generated "null" or 0.5 is the handler's to refuse, not ours to look up
    for container in (case.body, case.query):
        if not isinstance(container, dict) or not isinstance(container.get("version"), int):
            continue
        if container["version"] % 2 == 0 and (version := current_version(path)):
            container["version"] = version


def send(case, visitor: Visitor):
    with transaction.atomic():
        response = case.call_and_validate(
            checks=CHECKS, cookies=visitor.cookies, headers=visitor.headers
        )
        transaction.set_rollback(True)
    visitor.statuses.add(response.status_code)
    return response


# The world is built once per operation on purpose; each example is rolled back to it.
bounded = hypothesis_settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, database=None
)


@pytest.mark.django_db
@pytest.mark.usefixtures("_requests_share_the_test_transaction", "_a_step_uses_the_material")
@lesson_schema.parametrize()
@bounded
def test_lesson_plans_keep_to_the_schema_for_a_teacher(case, world, teacher_browser):
    steer_ids(case, world)
    steer_version(case)
    send(case, teacher_browser)


@pytest.mark.django_db
@pytest.mark.usefixtures("_requests_share_the_test_transaction")
@search_schema.parametrize()
@bounded
def test_search_keeps_to_the_schema(case, searcher):
    response = send(case, searcher)
    assert response.status_code != 401


@pytest.mark.django_db
@pytest.mark.usefixtures("_requests_share_the_test_transaction")
@refused_schema.parametrize()
@bounded
def test_lesson_plans_refuse_a_visitor_without_an_account(case, world):
    steer_ids(case, world)
    response = send(case, browser())
    assert not 200 <= response.status_code < 300, response.text[:200]
