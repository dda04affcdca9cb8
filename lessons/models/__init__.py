"""Lesson plans: private teachers' data, ordinary Django models (not Wagtail pages).
A package split by concern; import from here (`from lessons.models import …`)."""

from .comments import PlanComment
from .feeds import CalendarFeed
from .handovers import ClassNote, Handover
from .invitations import PlanInvitation
from .members import MemberRole, PlanMember
from .phases import PhaseStyle
from .plans import LessonPlan, PlanLanguage, Visibility, default_lesson_minutes
from .revisions import PlanRevision, RevisionAction
from .shidouan import ShidouanLayout
from .steps import LessonStep, Phase, Viewpoint
from .unitplans import MAX_UNIT_LESSONS, UnitLesson, UnitPlan, focus_codes
from .yearly import SCHOOL_MONTHS, YearlyPlan, YearlyPlanRow, month_order

__all__ = [
    "MAX_UNIT_LESSONS",
    "SCHOOL_MONTHS",
    "CalendarFeed",
    "ClassNote",
    "Handover",
    "LessonPlan",
    "LessonStep",
    "MemberRole",
    "Phase",
    "PhaseStyle",
    "PlanComment",
    "PlanInvitation",
    "PlanLanguage",
    "PlanMember",
    "PlanRevision",
    "RevisionAction",
    "ShidouanLayout",
    "UnitLesson",
    "UnitPlan",
    "Viewpoint",
    "Visibility",
    "YearlyPlan",
    "YearlyPlanRow",
    "default_lesson_minutes",
    "focus_codes",
    "month_order",
]
