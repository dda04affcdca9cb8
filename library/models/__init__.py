"""Library content: Wagtail page types, the taxonomy they are tagged with, and teachers'
shelves. A package split by concern; import from here (`from library.models import …`)."""

from .clubs import ClubActivityPage, Season
from .contests import RubricCriterion, SpeechCategory, SpeechContestGuidePage
from .home import HomePage
from .indexes import ClubIndexPage, MaterialIndexPage, SpeechContestIndexPage
from .materials import MaterialPage
from .pages import LibraryAttachment, LibraryPage, LibraryPageTag, Licence
from .related import RelatedMaterial
from .shelf import ClassUse, SavedMaterial
from .taxonomy import (
    ActivityType,
    BookNumbering,
    Grade,
    Skill,
    Stage,
    TextbookSeries,
    TextbookUnit,
)
from .viewpoints import Viewpoint
from .visibility import Viewer, visible_pages

__all__ = [
    "ActivityType",
    "BookNumbering",
    "ClassUse",
    "ClubActivityPage",
    "ClubIndexPage",
    "Grade",
    "HomePage",
    "LibraryAttachment",
    "LibraryPage",
    "LibraryPageTag",
    "Licence",
    "MaterialIndexPage",
    "MaterialPage",
    "RelatedMaterial",
    "RubricCriterion",
    "SavedMaterial",
    "Season",
    "Skill",
    "SpeechCategory",
    "SpeechContestGuidePage",
    "SpeechContestIndexPage",
    "Stage",
    "TextbookSeries",
    "TextbookUnit",
    "Viewer",
    "Viewpoint",
    "visible_pages",
]
