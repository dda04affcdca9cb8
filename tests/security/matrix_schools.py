"""Matrix entries for schools, classes, unit plans and yearly plans (issue #15): who may use
each page and endpoint, in tests/security/matrix.py's words. Minami JHS's members are Sam
(the owner) and Suzuki (the viewer, its JTE and 2-3's teacher); Hanako and Kate are not,
and get 404 for everything in it; the AJET editor looks after every school.

Joined into MATRIX at the end of matrix.py (one dict for the whole site)."""

from __future__ import annotations

from django.urls import reverse

from .matrix import (
    BAD_INPUT,
    DENIED,
    HIDDEN,
    LOGIN,
    NOT_ALLOWED,
    OK,
    SIGNED_IN,
    UNAUTHENTICATED,
    Check,
    get_and_post,
    who,
)

# A method the view never takes: 405 for everyone signed in, before any school is looked
# up, so it is the same for every id and shows nothing (as matrix.Check says).
WRONG_METHOD = who(LOGIN, *[NOT_ALLOWED] * 5)


def read_only(address, readers):
    return get_and_post(address, readers, WRONG_METHOD)


def post_only(address, doers, data=lambda world, target: {}):
    return get_and_post(address, WRONG_METHOD, doers, data)


# Members of Minami JHS and editors; Hanako (other) and Kate (co-editor) are strangers.
MEMBERS = who(LOGIN, OK, HIDDEN, OK, HIDDEN, OK)
# Sam's unit plan: changed by its owner and 2-3's teachers (Sam, Suzuki); the editor reads.
UNIT_EDITORS = who(LOGIN, OK, HIDDEN, OK, HIDDEN, DENIED)
UNIT_OWNER = who(LOGIN, OK, HIDDEN, DENIED, HIDDEN, DENIED)
API_MEMBERS = who(UNAUTHENTICATED, OK, HIDDEN, OK, HIDDEN, OK)
API_UNIT_EDITORS = who(UNAUTHENTICATED, OK, HIDDEN, OK, HIDDEN, DENIED)
API_SIGNED_IN = who(UNAUTHENTICATED, OK, OK, OK, OK, OK)


def at(name, *ids):
    return lambda world, target: reverse(name, args=[i(world) for i in ids])


def school_id(world):
    return world.school.pk


def class_id(world):
    return world.school_class.pk


def unit_id(world):
    return world.unit_plan.pk


def yearly_id(world):
    return world.yearly_plan.pk


def lesson_three(world):
    return 3


def class_data(world, target):
    from django.contrib.auth import get_user_model

    suzuki = get_user_model().objects.get(username="suzuki")
    return {
        "academic_year": 2026,
        "grade": world.school_class.grade_id,
        "name": "2-4",
        "students": 31,
        "lead_teacher": suzuki.pk,
    }


def colleague_data(world, target):
    from django.contrib.auth import get_user_model

    kate = get_user_model().objects.get(username="kate")
    return {"q": "kate", "user": kate.pk, "role": "alt"}


def unit_data(world, target):
    return {"title": "Unit 2 Food", "lesson_count": 6}


def api(suffix):
    return lambda world, target: "/api/v1/" + suffix(world)


def api_class_body(world, target):
    return {
        "academic_year": 2026,
        "grade": "JHS2",
        "name": "2-5",
        "teachers": [{"username": "suzuki", "role": "jte"}],
    }


def class_ref(world, target):
    return {"school_class": world.school_class.pk}


SCHOOL_CHECKS: dict[str, list[Check]] = {
    # --- schools and classes (schools/urls.py) ------------------------------------------
    "schools/": read_only(at("schools:my_schools"), SIGNED_IN),
    "schools/new/": get_and_post(
        at("schools:new"),
        SIGNED_IN,
        SIGNED_IN,
        lambda world, target: {"name": "Kita ES", "stage": "ES"},
    ),
    "schools/<int:school_id>/": read_only(at("schools:school", school_id), MEMBERS),
    "schools/<int:school_id>/colleagues/add/": get_and_post(
        at("schools:add_colleague", school_id), MEMBERS, MEMBERS, colleague_data
    ),
    "schools/<int:school_id>/classes/new/": get_and_post(
        at("schools:new_class", school_id), MEMBERS, MEMBERS, class_data
    ),
    "schools/classes/<int:class_id>/edit/": get_and_post(
        at("schools:edit_class", class_id), MEMBERS, MEMBERS, class_data
    ),
    # --- classes, unit plans, yearly plans (lessons/urls.py) -----------------------------
    "lessons/classes/<int:class_id>/": read_only(at("lessons:class_page", class_id), MEMBERS),
    "lessons/classes/<int:class_id>/units/new/": get_and_post(
        at("lessons:new_unit_plan", class_id), MEMBERS, MEMBERS, unit_data
    ),
    "lessons/classes/<int:class_id>/yearly/": post_only(
        at("lessons:new_yearly_plan", class_id), MEMBERS
    ),
    "lessons/units/<int:unit_id>/": read_only(at("lessons:unit_plan", unit_id), MEMBERS),
    "lessons/units/<int:unit_id>/edit/": get_and_post(
        at("lessons:edit_unit_plan", unit_id), UNIT_EDITORS, UNIT_EDITORS, unit_data
    ),
    "lessons/units/<int:unit_id>/lessons/<int:number>/plan/": post_only(
        at("lessons:unit_lesson_plan", unit_id, lesson_three), UNIT_EDITORS
    ),
    "lessons/units/<int:unit_id>/copy/": get_and_post(
        at("lessons:copy_unit_plan", unit_id), MEMBERS, MEMBERS, class_ref
    ),
    "lessons/units/<int:unit_id>/visibility/": post_only(
        at("lessons:unit_visibility", unit_id),
        UNIT_OWNER,
        lambda world, target: {"visibility": "template"},
    ),
    "lessons/yearly/<int:plan_id>/": read_only(at("lessons:yearly_plan", yearly_id), MEMBERS),
    "lessons/yearly/<int:plan_id>/rows/add/": post_only(
        at("lessons:yearly_add_row", yearly_id),
        MEMBERS,
        lambda world, target: {"month": 5, "unit_title": "Unit 1", "planned_hours": 8},
    ),
    "lessons/yearly/<int:plan_id>/import/": [
        Check("get", at("lessons:yearly_import", yearly_id), MEMBERS),
        # No file: the form says so (400), after the school check (strangers: 404).
        Check(
            "post",
            at("lessons:yearly_import", yearly_id),
            who(LOGIN, BAD_INPUT, HIDDEN, BAD_INPUT, HIDDEN, BAD_INPUT),
        ),
    ],
    "lessons/yearly/<int:plan_id>/export.csv": read_only(
        at("lessons:yearly_export", yearly_id), MEMBERS
    ),
    # --- the API --------------------------------------------------------------------------
    "api/v1/schools/": [
        Check("get", api(lambda w: "schools/"), API_SIGNED_IN, json=True),
        Check(
            "post",
            api(lambda w: "schools/"),
            API_SIGNED_IN,
            lambda world, target: {"name": "Higashi SHS", "stage": "SHS"},
            json=True,
        ),
    ],
    "api/v1/schools/<int:school_id>/": [
        Check("get", api(lambda w: f"schools/{w.school.pk}/"), API_MEMBERS, json=True),
    ],
    "api/v1/schools/<int:school_id>/members/": [
        Check(
            "post",
            api(lambda w: f"schools/{w.school.pk}/members/"),
            API_MEMBERS,
            lambda world, target: {"username": "kate", "role": "alt"},
            json=True,
        ),
    ],
    "api/v1/schools/<int:school_id>/classes/": [
        Check("get", api(lambda w: f"schools/{w.school.pk}/classes/"), API_MEMBERS, json=True),
        Check(
            "post",
            api(lambda w: f"schools/{w.school.pk}/classes/"),
            API_MEMBERS,
            api_class_body,
            json=True,
        ),
    ],
    "api/v1/schools/classes/<int:class_id>/": [
        Check(
            "get", api(lambda w: f"schools/classes/{w.school_class.pk}/"), API_MEMBERS, json=True
        ),
        Check(
            "put",
            api(lambda w: f"schools/classes/{w.school_class.pk}/"),
            API_MEMBERS,
            api_class_body,
            json=True,
        ),
    ],
    "api/v1/lessons/units/": [
        Check("get", api(lambda w: "lessons/units/"), API_SIGNED_IN, json=True),
        Check(
            "post",
            api(lambda w: "lessons/units/"),
            API_MEMBERS,
            lambda world, target: {"school_class": world.school_class.pk, "title": "Unit 3"},
            json=True,
        ),
    ],
    "api/v1/lessons/units/<int:unit_id>/": [
        Check("get", api(lambda w: f"lessons/units/{w.unit_plan.pk}/"), API_MEMBERS, json=True),
        Check(
            "patch",
            api(lambda w: f"lessons/units/{w.unit_plan.pk}/"),
            API_UNIT_EDITORS,
            lambda world, target: {"title": "Unit 1 Summer plans"},
            json=True,
        ),
    ],
    "api/v1/lessons/units/<int:unit_id>/lessons/<int:number>/plan/": [
        Check(
            "post",
            api(lambda w: f"lessons/units/{w.unit_plan.pk}/lessons/2/plan/"),
            API_UNIT_EDITORS,
            json=True,
        ),
    ],
    "api/v1/lessons/units/<int:unit_id>/copy/": [
        Check(
            "post",
            api(lambda w: f"lessons/units/{w.unit_plan.pk}/copy/"),
            API_MEMBERS,
            class_ref,
            json=True,
        ),
    ],
    "api/v1/lessons/yearly/": [
        Check("post", api(lambda w: "lessons/yearly/"), API_MEMBERS, class_ref, json=True),
    ],
    "api/v1/lessons/yearly/<int:plan_id>/": [
        Check("get", api(lambda w: f"lessons/yearly/{w.yearly_plan.pk}/"), API_MEMBERS, json=True),
    ],
}
