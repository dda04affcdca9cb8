"""Codes in an import file → the taxonomy rows pages point at.

Grades, skills and activity types must already exist (checked before anything is written).
Textbook units — and, for the senior-high books editors bring in, their series — are
created the first time an import names them, and found by name afterwards (series names
case-insensitively), so a second import never adds a second "NEW HORIZON, JHS2, Unit 3".
"""

from library.models import ActivityType, Grade, Skill, TextbookSeries, TextbookUnit

from .entry import UnitRef


class TaxonomyResolver:
    def __init__(self, *, dry_run: bool = False):
        self.dry_run = dry_run
        self.grades = {grade.code: grade for grade in Grade.objects.all()}
        self.skills = {skill.code: skill for skill in Skill.objects.all()}
        self.activity_types = {kind.code: kind for kind in ActivityType.objects.all()}
        self.series = {series.name.casefold(): series for series in TextbookSeries.objects.all()}
        self.units: dict[tuple[str, str, str], TextbookUnit] = {
            (unit.series.name.casefold(), unit.grade.code, unit.label): unit
            for unit in TextbookUnit.objects.select_related("series", "grade")
        }
        self.new_series: list[str] = []
        self.new_units: list[str] = []

    def is_new_unit(self, ref: UnitRef) -> bool:
        return ref.key not in self.units

    def unit(self, ref: UnitRef) -> TextbookUnit | None:
        """The unit for a reference, created (with its series) if missing.

        On a dry run nothing is created: the new names are only recorded for the report.
        """
        unit = self.units.get(ref.key)
        if unit is not None:
            if not self.dry_run:
                self._update_titles(unit, ref)
            return unit
        series = self.series.get(ref.series.casefold())
        if series is None:
            if ref.series not in self.new_series:
                self.new_series.append(ref.series)
            if not self.dry_run:
                series = TextbookSeries.objects.create(
                    name=ref.series, sort_order=len(self.series) + 1
                )
                self.series[ref.series.casefold()] = series
        if series is not None and not self.dry_run:
            series.grades.add(self.grades[ref.grade])
        if str(ref) not in self.new_units:
            self.new_units.append(str(ref))
        if self.dry_run:
            return None
        unit = TextbookUnit.objects.create(
            series=series,
            grade=self.grades[ref.grade],
            label=ref.unit,
            title=ref.title,
            title_ja=ref.title_ja,
        )
        self.units[ref.key] = unit
        return unit

    @staticmethod
    def _update_titles(unit: TextbookUnit, ref: UnitRef) -> None:
        """An import that names a unit's title corrects it; one that does not leaves it."""
        changed = []
        for name in ("title", "title_ja"):
            value = getattr(ref, name)
            if value and value != getattr(unit, name):
                setattr(unit, name, value)
                changed.append(name)
        if changed:
            unit.save(update_fields=changed)
