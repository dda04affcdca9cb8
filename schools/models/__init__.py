"""Schools, their members and their classes: private to each school's members. A package
split by concern; import from here (`from schools.models import …`). The timetable
(timetable.py) is the calendar's."""

from .classes import MAX_STUDENTS, ClassTeacher, SchoolClass, academic_year_of
from .schools import School, SchoolMembership, SchoolRole, is_school_editor
from .timetable import AltVisitDate, AltVisits, BellTime, TimetablePeriod, VisitPattern, Weekday

__all__ = [
    "MAX_STUDENTS",
    "AltVisitDate",
    "AltVisits",
    "BellTime",
    "ClassTeacher",
    "School",
    "SchoolClass",
    "SchoolMembership",
    "SchoolRole",
    "TimetablePeriod",
    "VisitPattern",
    "Weekday",
    "academic_year_of",
    "is_school_editor",
]
