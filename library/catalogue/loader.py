"""Write the textbook catalogue (textbooks.json) into the TextbookSeries/TextbookUnit tables.

Called by data migrations with the migration's historical `apps`, so it uses only model
fields, never model methods or imports of the current models: a later edition is added by
editing the file and adding a migration that calls `load_catalogue(apps)` again.

Idempotent and conservative, because editors and materials already use these rows:
- a series is found by name (case-insensitively) and updated, never duplicated;
- a unit is found by series + grade + label and updated in place, so the materials and
  lesson plans that point at it keep their links and ids;
- nothing is deleted, and an empty title in the file never erases a title already there;
- a row is saved only when a value changes, so a second run changes nothing.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import CATALOGUE_FILE
from .labels import number_from_label

STAGES = ("ES", "JHS", "SHS")
BOOK_NUMBERINGS = ("school_year", "from_es3", "none")
SERIES_FIELDS = (
    "name_reading",
    "publisher",
    "publisher_ja",
    "stage",
    "edition",
    "edition_ja",
    "book_numbering",
)
HIRAGANA = {chr(c) for c in range(0x3041, 0x3097)}
KATAKANA = {chr(c) for c in range(0x30A1, 0x30FB)}
KANA = HIRAGANA | KATAKANA | set("ー・ ")


@dataclass
class LoadReport:
    series_created: int = 0
    series_updated: int = 0
    units_created: int = 0
    units_updated: int = 0
    unchanged: int = 0
    created_units: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.series_created + self.series_updated + self.units_created + self.units_updated


def read_catalogue(path: Path = CATALOGUE_FILE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def catalogue_problems(data: dict) -> list[str]:
    """Everything wrong with the file, in words an editor can act on; [] when it is sound."""
    problems: list[str] = []
    if not isinstance(data.get("about"), dict):
        problems.append("the file needs an 'about' block saying where the titles come from")
    names: set[str] = set()
    for index, series in enumerate(data.get("series") or []):
        name = series.get("name", "")
        where = f"series[{index}] {name!r}"
        if not name or name.casefold() in names:
            problems.append(f"{where}: a name is missing or used twice")
        names.add(name.casefold())
        problems.extend(_series_problems(where, series))
    if not names:
        problems.append("the file lists no series")
    return problems


def _series_problems(where: str, series: dict) -> list[str]:
    problems = [f"{where}: '{key}' is missing" for key in SERIES_FIELDS if not series.get(key)]
    if series.get("stage") not in STAGES:
        problems.append(f"{where}: stage must be one of {', '.join(STAGES)}")
    if series.get("book_numbering") not in BOOK_NUMBERINGS:
        problems.append(f"{where}: book_numbering must be one of {', '.join(BOOK_NUMBERINGS)}")
    if not set(series.get("name_reading", "")) <= KANA:
        problems.append(f"{where}: name_reading must be written in kana")
    grades = series.get("grades") or {}
    if not grades:
        problems.append(f"{where}: no grades")
    for code, grade in grades.items():
        if not code.startswith(series.get("stage") or "?"):
            problems.append(f"{where} {code}: the grade is not of the series' stage")
        problems.extend(_grade_problems(f"{where} {code}", grade))
    return problems


def _grade_problems(where: str, grade: dict) -> list[str]:
    problems = []
    units = grade.get("units", [])
    if not grade.get("book"):
        problems.append(f"{where}: 'book' (the volume's name) is missing")
    if not isinstance(grade.get("complete"), bool):
        problems.append(f"{where}: 'complete' must be true or false")
    if (not grade.get("complete") or not units) and not grade.get("note"):
        problems.append(f"{where}: an incomplete or empty unit list needs a 'note' saying why")
    if grade.get("complete") is True and not units:
        problems.append(f"{where}: a grade without units cannot be 'complete'")
    problems.extend(_numbering_problems(where, grade, units))
    for unit in units:
        problems.extend(_unit_problems(f"{where} {unit.get('label')!r}", unit))
    return problems


def _numbering_problems(where: str, grade: dict, units: list[dict]) -> list[str]:
    """Labels and numbers unique in a grade; numbers consecutive unless a note says why."""
    problems = []
    labels = [unit.get("label") for unit in units]
    numbers = [unit.get("number") for unit in units]
    if len(set(labels)) != len(labels) or len(set(numbers)) != len(numbers):
        problems.append(f"{where}: unit labels and numbers must be unique in a grade")
    if numbers and all(isinstance(n, int) for n in numbers):
        expected = list(range(min(numbers), min(numbers) + len(numbers)))
        if sorted(numbers) != expected and not grade.get("gap_note"):
            problems.append(f"{where}: unit numbers skip a number; explain it in 'gap_note'")
    return problems


def _unit_problems(where: str, unit: dict) -> list[str]:
    problems = []
    label, number = unit.get("label", ""), unit.get("number")
    if not label or len(label) > 40:
        problems.append(f"{where}: the label must be 1 to 40 characters")
    if not isinstance(number, int) or number < 0:
        problems.append(f"{where}: the number must be a whole number from 0")
    titled = bool(unit.get("title") or unit.get("title_ja"))
    sources = unit.get("sources") or []
    if titled and not sources:
        problems.append(f"{where}: a titled unit needs the URL it was taken from")
    if any(not str(url).startswith(("https://", "http://")) for url in sources):
        problems.append(f"{where}: sources must be web addresses")
    if unit.get("unconfirmed") is not (not unit.get("title")):
        problems.append(f"{where}: 'unconfirmed' must be true exactly when there is no title")
    if max(len(unit.get("title", "")), len(unit.get("title_ja", ""))) > 150:
        problems.append(f"{where}: titles are at most 150 characters")
    return problems


def load_catalogue(apps, data: dict | None = None) -> LoadReport:
    """Load the catalogue (the shipped file unless `data` is given) with `apps`' models."""
    data = read_catalogue() if data is None else data
    problems = catalogue_problems(data)
    if problems:
        raise ValueError("The textbook catalogue has problems:\n" + "\n".join(problems))
    Grade = apps.get_model("library", "Grade")
    grades = {grade.code: grade for grade in Grade.objects.all()}
    report = LoadReport()
    for order, entry in enumerate(data["series"]):
        series = _load_series(apps, entry, order, report)
        for code, grade_entry in entry["grades"].items():
            series.grades.add(grades[code])
            for unit_entry in grade_entry["units"]:
                _load_unit(apps, series, grades[code], unit_entry, entry["edition"], report)
    return report


def _load_series(apps, entry: dict, order: int, report: LoadReport):
    TextbookSeries = apps.get_model("library", "TextbookSeries")
    series = TextbookSeries.objects.filter(name__iexact=entry["name"]).order_by("pk").first()
    values = {key: entry[key] for key in SERIES_FIELDS}
    if series is None:
        series = TextbookSeries.objects.create(name=entry["name"], sort_order=order, **values)
        report.series_created += 1
    elif _update(series, values):
        report.series_updated += 1
    else:
        report.unchanged += 1
    return series


def _load_unit(apps, series, grade, entry: dict, edition: str, report: LoadReport) -> None:
    TextbookUnit = apps.get_model("library", "TextbookUnit")
    values = {"number": entry["number"], "edition": edition}
    # An empty title in the file means "not confirmed", never "erase what editors wrote".
    values.update({key: entry[key] for key in ("title", "title_ja") if entry.get(key)})
    unit = TextbookUnit.objects.filter(series=series, grade=grade, label=entry["label"]).first()
    if unit is None:
        TextbookUnit.objects.create(series=series, grade=grade, label=entry["label"], **values)
        report.units_created += 1
        report.created_units.append(f"{series.name}, {grade.code}, {entry['label']}")
    elif _update(unit, values):
        report.units_updated += 1
    else:
        report.unchanged += 1


def _update(row, values: dict) -> bool:
    changed = [key for key, value in values.items() if getattr(row, key) != value]
    for key in changed:
        setattr(row, key, values[key])
    if changed:
        row.save(update_fields=changed)
    return bool(changed)


def number_units(apps) -> int:
    """Give every unit without a number the one in its label (for rows from before numbers);
    0 when the label has none, as TextbookUnit.save does."""
    TextbookUnit = apps.get_model("library", "TextbookUnit")
    numbered = 0
    for unit in TextbookUnit.objects.filter(number__isnull=True):
        unit.number = number_from_label(unit.label) or 0
        unit.save(update_fields=["number"])
        numbered += 1
    return numbered
