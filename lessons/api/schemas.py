"""What the lesson-plan API reads and writes. Lengths and ranges come from lessons/limits.py,
so the API refuses exactly what the builder's forms refuse."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, Field, StringConstraints

from common import paging
from common.api_errors import ErrorOut
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


# --- Conflicts: the API's error shape (common/api_errors.py) with what changed ---------


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
    limit: paging.limit(50) = 50
    offset: paging.Offset = 0


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
    user: text(254, required=True) = Field(..., description="Username or e-mail address.")
    role: RoleName


class MemberPatch(Schema):
    role: RoleName


class TransferIn(Schema):
    member: Id = Field(..., description="Id of the co-planner who becomes the owner.")
