"""What the lesson-plan API reads and writes. Lengths and ranges come from lessons/limits.py,
so the API refuses exactly what the builder's forms refuse."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, Field, StringConstraints

from lessons import limits
from lessons.models import MemberRole, Phase, PlanLanguage, Viewpoint, Visibility

Minutes = Annotated[int, Field(strict=True, ge=limits.MIN_MINUTES, le=limits.MAX_MINUTES)]
LessonMinutes = Annotated[
    int, Field(strict=True, ge=limits.MIN_MINUTES, le=limits.MAX_LESSON_MINUTES)
]
Period = Annotated[int, Field(strict=True, ge=1, le=limits.MAX_PERIOD)]
Id = Annotated[int, Field(strict=True, ge=1)]


def without_nul(value: str) -> str:
    """PostgreSQL cannot store NUL in text (SQLite can, so only the PostgreSQL run of
    tests/api/ showed the 500); the builder's forms refuse it too."""
    if "\x00" in value:
        raise ValueError(_("Null characters are not allowed."))
    return value


def text(max_length: int, required: bool = False):
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=int(required), max_length=max_length),
        AfterValidator(without_nul),
    ]


GradeCode = Annotated[str, AfterValidator(without_nul)]


PhaseName = Literal[tuple(Phase.values)]  # type: ignore[valid-type]
ViewpointName = Literal[("", *Viewpoint.values)]  # type: ignore[valid-type]
VisibilityName = Literal[tuple(Visibility.values)]  # type: ignore[valid-type]
LanguageName = Literal[tuple(PlanLanguage.values)]  # type: ignore[valid-type]
RoleName = Literal[tuple(MemberRole.values)]  # type: ignore[valid-type]


# --- Errors -------------------------------------------------------------------------------


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


REFUSALS = (400, 401, 403, 404)


def refusals(*codes: int) -> dict[int, type[ErrorOut]]:
    """The refusals an endpoint can answer, for its `response=`: 400 bad input (`errors`
    names each field), 401 not signed in, 403 the role does not allow it or the CSRF token
    is missing, 404 no such plan, step or co-planner — or not one you may see. The OpenAPI
    schema must list every status a client can get, or clients (and schemathesis, see
    tests/api/) cannot trust it."""
    if not set(codes) <= set(REFUSALS):
        raise ValueError(f"Refusals are {REFUSALS}, not {codes}.")
    return dict.fromkeys(codes, ErrorOut)


class TheirChangeOut(Schema):
    field: str
    old: Any = None
    new: Any = None
    author: str
    at: datetime


# --- Reading ------------------------------------------------------------------------------


class PersonOut(Schema):
    username: str
    name: str


class MaterialOut(Schema):
    id: int
    title: str
    title_ja: str
    url: str


class StepOut(Schema):
    id: int
    number: int
    phase: str
    minutes: int
    title: str
    student_activity: str
    jte_role: str
    alt_role: str
    teacher_notes: str
    evaluation: str
    viewpoint: str
    materials: list[MaterialOut]
    version: int


class MemberOut(Schema):
    id: int
    user: PersonOut
    role: str
    added_at: datetime


class InvitationOut(Schema):
    """A pending invitation by e-mail: the same whether or not the address has an account."""

    id: int
    address: str = Field(..., description="The invited address, masked: a***@example.com.")
    role: str
    expires_at: datetime


class UnitOut(Schema):
    id: int
    label: str


class PlanSummaryOut(Schema):
    id: int
    title: str
    grade: str | None
    class_name: str
    textbook_unit: UnitOut | None
    taught_on: date | None
    period: int | None
    length_minutes: int
    language: str
    visibility: str
    is_builtin: bool
    owner: PersonOut | None
    my_role: str
    version: int
    last_edited_at: datetime | None
    last_edited_by: PersonOut | None


class PlanListQuery(Schema):
    scope: Literal["all", "mine", "shared", "templates"] = Field(
        "all",
        description="mine: plans you own; shared: plans shared with you; all: both; "
        "templates: built-in and published templates.",
    )
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0)


class PlanListOut(Schema):
    count: int
    items: list[PlanSummaryOut]


class PlanOut(PlanSummaryOut):
    teacher_label: str
    goal: str
    can_do: str
    unit_about: str
    unit_goals: str
    criteria_knowledge: str
    criteria_thinking: str
    criteria_attitude: str
    unit_plan: str
    total_minutes: int
    steps: list[StepOut]
    members: list[MemberOut]


class PlanConflictOut(ErrorOut):
    current_version: int
    current: PlanOut
    changes: list[TheirChangeOut]


class StepConflictOut(ErrorOut):
    current_version: int | None
    current: StepOut | None
    changes: list[TheirChangeOut]


class OrderOut(Schema):
    order: list[int]


class OrderConflictOut(ErrorOut):
    order: list[int]


# --- Writing ------------------------------------------------------------------------------


class PlanFields(Schema):
    grade: GradeCode | None = Field(None, description="Grade code, ES3 … SHS3.")
    class_name: text(limits.CLASS_NAME) = ""
    textbook_unit: Id | None = Field(None, description="Id of a textbook unit.")
    taught_on: date | None = None
    period: Period | None = None
    language: LanguageName = "en"
    goal: text(limits.GOAL) = ""
    can_do: text(limits.CAN_DO) = ""
    unit_about: text(limits.UNIT_TEXT) = ""
    unit_goals: text(limits.UNIT_TEXT) = ""
    criteria_knowledge: text(limits.CRITERIA) = ""
    criteria_thinking: text(limits.CRITERIA) = ""
    criteria_attitude: text(limits.CRITERIA) = ""
    unit_plan: text(limits.UNIT_TEXT) = ""


class PlanIn(PlanFields):
    title: text(limits.TITLE, required=True)
    length_minutes: LessonMinutes | None = Field(
        None, description="Defaults to 45 at elementary school, 50 at junior and senior high."
    )
    visibility: VisibilityName = "private"


class PlanPatch(Schema):
    """Only the fields sent are changed. `version` is the plan's version you loaded."""

    version: Annotated[int, Field(strict=True, ge=0)]
    title: text(limits.TITLE, required=True) | None = None
    grade: GradeCode | None = None
    class_name: text(limits.CLASS_NAME) | None = None
    textbook_unit: Id | None = None
    taught_on: date | None = None
    period: Period | None = None
    length_minutes: LessonMinutes | None = None
    language: LanguageName | None = None
    goal: text(limits.GOAL) | None = None
    can_do: text(limits.CAN_DO) | None = None
    unit_about: text(limits.UNIT_TEXT) | None = None
    unit_goals: text(limits.UNIT_TEXT) | None = None
    criteria_knowledge: text(limits.CRITERIA) | None = None
    criteria_thinking: text(limits.CRITERIA) | None = None
    criteria_attitude: text(limits.CRITERIA) | None = None
    unit_plan: text(limits.UNIT_TEXT) | None = None
    visibility: VisibilityName | None = None


class StepIn(Schema):
    phase: PhaseName
    minutes: Minutes
    title: text(limits.STEP_TITLE) = ""
    student_activity: text(limits.STEP_TEXT) = ""
    jte_role: text(limits.STEP_TEXT) = ""
    alt_role: text(limits.STEP_TEXT) = ""
    teacher_notes: text(limits.STEP_TEXT) = ""
    evaluation: text(limits.EVALUATION) = ""
    viewpoint: ViewpointName = ""
    materials: Annotated[list[Id], Field(max_length=limits.MAX_MATERIALS_PER_STEP)] = []


class StepPatch(Schema):
    """Only the fields sent are changed. `version` is the step's version you loaded."""

    version: Annotated[int, Field(strict=True, ge=0)]
    phase: PhaseName | None = None
    minutes: Minutes | None = None
    title: text(limits.STEP_TITLE) | None = None
    student_activity: text(limits.STEP_TEXT) | None = None
    jte_role: text(limits.STEP_TEXT) | None = None
    alt_role: text(limits.STEP_TEXT) | None = None
    teacher_notes: text(limits.STEP_TEXT) | None = None
    evaluation: text(limits.EVALUATION) | None = None
    viewpoint: ViewpointName | None = None
    materials: Annotated[list[Id], Field(max_length=limits.MAX_MATERIALS_PER_STEP)] | None = None


class ReorderIn(Schema):
    order: Annotated[list[Id], Field(max_length=limits.MAX_STEPS)]


class MemberIn(Schema):
    user: text(254, required=True) = Field(
        ...,
        description=(
            "A username (added at once: 201) or an e-mail address (a pending invitation "
            "mailed to it: 202, the same answer whether or not the address has an account)."
        ),
    )
    role: RoleName


class MemberPatch(Schema):
    role: RoleName


class TransferIn(Schema):
    member: Id = Field(..., description="Id of the co-planner who becomes the owner.")
