"""Lesson plans: private teachers' data, ordinary Django models (not Wagtail pages).
A package split by concern; import from here (`from lessons.models import …`)."""

from .comments import PlanComment
from .invitations import PlanInvitation
from .members import MemberRole, PlanMember
from .plans import LessonPlan, PlanLanguage, Visibility, default_lesson_minutes
from .revisions import PlanRevision, RevisionAction
from .steps import LessonStep, Phase, Viewpoint

__all__ = [
    "LessonPlan",
    "LessonStep",
    "MemberRole",
    "Phase",
    "PlanComment",
    "PlanInvitation",
    "PlanLanguage",
    "PlanMember",
    "PlanRevision",
    "RevisionAction",
    "Viewpoint",
    "Visibility",
    "default_lesson_minutes",
]
