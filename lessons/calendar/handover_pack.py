"""What a hand-over pack says about each class handed over: where it stands in its unit
and in the school year, the next lessons, the leaving teacher's notes and the materials
the class has used. Read for the successor (plans they cannot open show as "planned",
without their contents), in a fixed number of queries whatever the number of classes.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from lessons.models import ClassNote, Handover, LessonPlan, LessonStep
from lessons.services.reading import live_materials_prefetch
from schools.models import academic_year_of as academic_year

from .access import accesses

UPCOMING = 8


@dataclass
class ClassPack:
    school_class: object
    last: LessonPlan | None = None
    taught_this_year: int = 0
    scheduled_this_year: int = 0
    upcoming: list[tuple[LessonPlan, bool]] = field(default_factory=list)  # (plan, readable)
    notes: str = ""
    materials: list = field(default_factory=list)


@dataclass
class HandoverPack:
    handover: Handover
    today: date
    classes: list[ClassPack]

    def version(self) -> str:
        parts = [str(self.today), self.handover.message]
        for pack in self.classes:
            parts.append(
                f"{pack.school_class.pk}:{pack.last.pk if pack.last else ''}:"
                f"{pack.taught_this_year}:{pack.scheduled_this_year}:"
                f"{[(p.pk, p.version, r) for p, r in pack.upcoming]}:{pack.notes}:"
                f"{[m.pk for m in pack.materials]}"
            )
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _materials(readable_ids) -> dict[int, list]:
    """class id → library pages linked from its readable plans' steps, each once."""
    found: dict[int, dict] = defaultdict(dict)
    steps = (
        LessonStep.objects.filter(plan_id__in=readable_ids)
        .select_related("plan")
        .only("id", "plan__school_class_id", "plan_id")
        .prefetch_related(live_materials_prefetch())
    )
    for step in steps:
        for material in step.materials.all():
            found[step.plan.school_class_id].setdefault(material.pk, material)
    return {class_id: list(pages.values()) for class_id, pages in found.items()}


def build_pack(handover: Handover, today: date | None = None) -> HandoverPack:
    today = today or timezone.localdate()
    classes = list(
        handover.classes.select_related("school", "grade").order_by("school__name", "name")
    )
    class_ids = [c.pk for c in classes]
    plans = list(
        LessonPlan.objects.filter(school_class_id__in=class_ids, taught_on__isnull=False)
        .select_related("unit_plan")
        .order_by("taught_on", "period", "id")
    )
    access = accesses(handover.successor, plans)
    readable = [pk for pk, found in access.items() if found is not None]
    materials = _materials(readable)
    notes = {
        note.school_class_id: note.text
        for note in ClassNote.objects.filter(school_class_id__in=class_ids, author=handover.leaver)
    }
    packs = {
        c.pk: ClassPack(c, notes=notes.get(c.pk, ""), materials=materials.get(c.pk, []))
        for c in classes
    }
    for plan in plans:
        pack = packs[plan.school_class_id]
        if academic_year(plan.taught_on) == pack.school_class.academic_year:
            pack.scheduled_this_year += 1
            if plan.taught_on <= today:
                pack.taught_this_year += 1
        if plan.taught_on <= today:
            pack.last = plan
        elif len(pack.upcoming) < UPCOMING:
            pack.upcoming.append((plan, access[plan.pk] is not None))
    return HandoverPack(handover, today, [packs[c.pk] for c in classes])
