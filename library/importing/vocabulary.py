"""The codes and names an import file may use, as the database knows them right now."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from library.models import ActivityType, Grade, LibraryPage, Skill, TextbookSeries


@dataclass
class Vocabulary:
    """The codes and names the database knows, loaded once per import."""

    grades: list[str]
    skills: list[str]
    activity_types: list[str]
    series_grades: dict[str, tuple[str, set[str]]]  # casefolded name → (name, grade codes)
    slug_kinds: dict[str, list[str]]  # slug → kinds of the library pages that use it

    @classmethod
    def load(cls) -> "Vocabulary":
        series_grades: dict[str, tuple[str, set[str]]] = {}
        for series in TextbookSeries.objects.prefetch_related("grades"):
            codes = {grade.code for grade in series.grades.all()}
            series_grades[series.name.casefold()] = (series.name, codes)
        slug_kinds: dict[str, list[str]] = {}
        for slug, content_type_id in LibraryPage.objects.values_list("slug", "content_type"):
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            slug_kinds.setdefault(slug, []).append(getattr(model, "kind", "") or "")
        return cls(
            grades=list(Grade.objects.values_list("code", flat=True)),
            skills=list(Skill.objects.values_list("code", flat=True)),
            activity_types=list(ActivityType.objects.values_list("code", flat=True)),
            series_grades=series_grades,
            slug_kinds=slug_kinds,
        )
