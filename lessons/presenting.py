"""Changes in teachers' words: turns revision entries (services/revisions.py) into what the
history page, the comparison of two revisions and the conflict message show.

Labels are looked up when shown, not stored, so a Japanese-speaking JTE reads an English
ALT's changes with Japanese labels.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lessons.models import LessonPlan, LessonStep, Phase, PlanLanguage, Viewpoint
from lessons.models.fields import free_text
from lessons.services.materials import linkable_materials
from lessons.services.revisions import ADDED, DELETED, ORDER
from library.models import Grade, TextbookUnit

# Fields diffed word by word: the models' own text fields (lessons/models/fields.py).
TEXT_FIELDS = {
    *free_text(LessonPlan, LessonPlan.HEADER_FIELDS),
    *free_text(LessonStep, LessonStep.CONTENT_FIELDS),
}
CHOICE_LABELS = {
    "phase": dict(Phase.choices),
    "viewpoint": dict(Viewpoint.choices),
    "language": dict(PlanLanguage.choices),
}
EMPTY = gettext_lazy("(empty)")


@dataclass
class ShownChange:
    label: str
    kind: str  # "text" (diffed word by word), "value", "added", "deleted" or "order"
    old: str = ""
    new: str = ""
    details: list[tuple[str, str]] = field(default_factory=list)  # an added/deleted step
    author: str = ""
    at: Any = None


@dataclass
class Section:
    heading: str
    changes: list[ShownChange] = field(default_factory=list)


def field_label(target: str, name: str, plan: LessonPlan) -> str:
    if name == "jte_role":
        return _("%(teacher)s role") % {"teacher": plan.teacher_label}
    if name == "materials":
        return _("Library materials")
    model = LessonPlan if target == "plan" else LessonStep
    label = str(model._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def _referenced(entries: list[dict[str, Any]]) -> dict[str, set]:
    """The grade codes, unit ids and material ids that a batch of entries mentions, in
    their old or new values (a whole-object value is a dict of fields)."""
    found: dict[str, set] = {"grade": set(), "textbook_unit": set(), "materials": set()}
    for entry in entries:
        for value in (entry.get("old"), entry.get("new")):
            values = value if isinstance(value, dict) else {entry.get("field"): value}
            for key, item in values.items():
                if key == "materials" and item:
                    found[key].update(item)
                elif key in found and item:
                    found[key].add(item)
    return found


class Lookups:
    """Names for the ids and codes in a batch of entries: three queries at most."""

    def __init__(self, entries: list[dict[str, Any]]):
        found = _referenced(entries)
        self.grades = self._grades(found["grade"])
        self.units = self._units(found["textbook_unit"])
        self.materials = self._materials(found["materials"])

    @staticmethod
    def _grades(codes: set) -> dict:
        if not codes:
            return {}
        return {g.code: g.shown_name for g in Grade.objects.filter(code__in=codes)}

    @staticmethod
    def _units(ids: set) -> dict:
        if not ids:
            return {}
        units = TextbookUnit.objects.filter(pk__in=ids).select_related("series", "grade")
        return {unit.pk: unit.display_name() for unit in units}

    @staticmethod
    def _materials(ids: set) -> dict:
        if not ids:
            return {}
        return dict(linkable_materials().filter(pk__in=ids).values_list("pk", "title"))

    def show(self, name: str, value: Any) -> str:
        if value in (None, "", []):
            return str(EMPTY)
        if name == "grade":
            return self.grades.get(value, value)
        if name == "textbook_unit":
            return self.units.get(value, _("a unit no longer in the library"))
        if name == "materials":
            return ", ".join(
                self.materials.get(pk, _("a material no longer in the library")) for pk in value
            )
        if name in CHOICE_LABELS:
            return str(CHOICE_LABELS[name].get(value, value))
        if name == "taught_on":
            try:
                return formats.date_format(date.fromisoformat(value))
            except (TypeError, ValueError):
                return str(value)
        return str(value)


def step_name(name: str, phase: str, number: int | None) -> str:
    label = name or str(CHOICE_LABELS["phase"].get(phase, "")) or _("untitled")
    if number is None:
        return _("Step “%(name)s”") % {"name": label}
    return _("Step %(number)d: %(name)s") % {"number": number, "name": label}


def _step_details(step: dict[str, Any], plan: LessonPlan, lookups: Lookups):
    details = []
    for name in (*LessonStep.CONTENT_FIELDS, "materials"):
        if step.get(name) not in (None, "", []):
            details.append((field_label("step", name, plan), lookups.show(name, step[name])))
    return details


def _shown(entry, plan, lookups) -> ShownChange:
    name = entry["field"]
    if name == ADDED:
        return ShownChange(_("Added"), "added", details=_step_details(entry["new"], plan, lookups))
    if name == DELETED:
        return ShownChange(
            _("Deleted"), "deleted", details=_step_details(entry["old"], plan, lookups)
        )
    if name == ORDER:
        names = [step_name(title, phase, None) for title, phase in entry.get("names", [])]
        return ShownChange(_("New order"), "order", new=" → ".join(names))
    kind = "text" if name in TEXT_FIELDS else "value"
    return ShownChange(
        field_label(entry["target"], name, plan),
        kind,
        old=lookups.show(name, entry["old"]) if kind == "value" else entry["old"] or "",
        new=lookups.show(name, entry["new"]) if kind == "value" else entry["new"] or "",
    )


def _heading(entry) -> tuple[str, str]:
    if entry["target"] == "plan":
        return "plan", _("Plan details")
    if entry["target"] == ORDER:
        return "order", _("Order of steps")
    return f"step-{entry['step']}", step_name(
        entry.get("name", ""), entry.get("phase", ""), entry.get("number")
    )


def describe(entries: list[dict[str, Any]], plan: LessonPlan) -> list[Section]:
    """Group entries under "Plan details", one heading per step, and "Order of steps"."""
    lookups = Lookups(entries)
    sections: dict[str, Section] = {}
    for entry in entries:
        key, heading = _heading(entry)
        section = sections.setdefault(key, Section(heading))
        section.changes.append(_shown(entry, plan, lookups))
    return list(sections.values())


def describe_conflict(conflict, plan: LessonPlan) -> list[ShownChange]:
    """The other person's changes, each with who and when, for the conflict message."""
    entries = [
        {"target": conflict.target, "step": None, "field": c.field, "old": c.old, "new": c.new}
        for c in conflict.changes
    ]
    lookups = Lookups(entries)
    shown = []
    for entry, change in zip(entries, conflict.changes, strict=True):
        if entry["field"] in (ADDED, DELETED, ORDER):
            continue
        item = _shown(entry, plan, lookups)
        item.author, item.at = change.author, change.at
        shown.append(item)
    return shown


def summarise(entries: list[dict[str, Any]], plan: LessonPlan) -> str:
    """One line for the history list ("Step 2: Bingo — ALT role, minutes"), without
    looking anything up, so a page of fifty revisions costs no extra queries."""
    parts: dict[str, list[str]] = {}
    for entry in entries:
        _key, heading = _heading(entry)
        name = entry["field"]
        if name == ADDED:
            label = _("added")
        elif name == DELETED:
            label = _("deleted")
        elif name == ORDER:
            label = _("new order")
        else:
            label = field_label(entry["target"], name, plan)
        labels = parts.setdefault(heading, [])
        if label not in labels:
            labels.append(label)
    return "; ".join(f"{heading} — {', '.join(labels)}" for heading, labels in parts.items())
