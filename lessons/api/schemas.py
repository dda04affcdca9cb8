"""What the lesson-plan API reads and writes.

The plan's and the step's own fields are not listed here: the schemas are built from the
models' field lists (LessonPlan.HEADER_FIELDS, LessonStep.CONTENT_FIELDS) and each field's
definition (lessons/api/fields.py), so the API refuses exactly what the builder's forms
refuse, and a field added to a model is in the API at once.
"""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field, create_model

from common import paging
from common.api_errors import ErrorOut
from lessons import limits
from lessons.models import LessonPlan, LessonStep, MemberRole, Visibility

from .fields import Id, as_read, choice_names, field_type, for_changing, for_creating, text

VisibilityName = choice_names(LessonPlan._meta.get_field("visibility"))
RoleName = Literal[tuple(MemberRole.values)]  # type: ignore[valid-type]
Version = Annotated[int, Field(strict=True, ge=0)]
Materials = Annotated[list[Id], Field(max_length=limits.MAX_MATERIALS_PER_STEP)]


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


StepOut = create_model(
    "StepOut",
    __base__=Schema,
    id=(int, ...),
    number=(int, ...),
    **{name: as_read(LessonStep, name) for name in LessonStep.CONTENT_FIELDS},
    materials=(list[MaterialOut], ...),
    version=(int, ...),
)


class ColleagueOut(Schema):
    user: PersonOut
    schools: list[str]
    on_plan: bool


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
    """A plan in a list: its basic fields (LessonPlan.BASIC_FIELDS, relations by code and
    label) and who may do what with it."""

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


PlanOut = create_model(
    "PlanOut",
    __base__=PlanSummaryOut,
    teacher_label=(str, ...),
    **{name: as_read(LessonPlan, name) for name in LessonPlan.SECTION_FIELDS},
    total_minutes=(int, ...),
    steps=(list[StepOut], ...),
    members=(list[MemberOut], ...),
)


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

LENGTH_DEFAULT = (
    field_type(LessonPlan, "length_minutes") | None,
    Field(None, description="Defaults to 45 at elementary school, 50 at junior and senior high."),
)

PlanIn = create_model(
    "PlanIn",
    __base__=Schema,
    **{
        name: for_creating(LessonPlan, name, length_minutes=LENGTH_DEFAULT)
        for name in LessonPlan.HEADER_FIELDS
    },
    visibility=(VisibilityName, Visibility.PRIVATE.value),
)

PlanPatch = create_model(
    "PlanPatch",
    __base__=Schema,
    __doc__="Only the fields sent are changed. `version` is the plan's version you loaded.",
    version=(Version, ...),
    **{name: for_changing(LessonPlan, name) for name in LessonPlan.HEADER_FIELDS},
    visibility=(VisibilityName | None, None),
)

StepIn = create_model(
    "StepIn",
    __base__=Schema,
    **{name: for_creating(LessonStep, name) for name in LessonStep.CONTENT_FIELDS},
    materials=(Materials, []),
)

StepPatch = create_model(
    "StepPatch",
    __base__=Schema,
    __doc__="Only the fields sent are changed. `version` is the step's version you loaded.",
    version=(Version, ...),
    **{name: for_changing(LessonStep, name) for name in LessonStep.CONTENT_FIELDS},
    materials=(Materials | None, None),
)


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
