"""The facets a teacher narrows by, their values and their labels in both languages.

Values are what URLs and the API carry: grade/skill/activity-type codes, textbook series
and unit ids, page kinds, duration buckets. Labels come from the taxonomy tables at query
time, so an editor's renaming shows at once, without re-indexing.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from library.models import ActivityType, Grade, Skill, TextbookSeries, TextbookUnit

from .results import FacetValue

# In the order the search page shows them. Values within a facet are ORed, facets ANDed.
FACETS = ["type", "grade", "skill", "activity_type", "textbook", "unit", "duration"]
# Filters that are not facets: a hard limit applied before counting.
FILTER_KEYS = [*FACETS, "max_minutes"]

FACET_TITLES = {
    "type": _("Type"),
    "grade": _("Grade"),
    "skill": _("Skill area"),
    "activity_type": _("Activity type"),
    "textbook": _("Textbook"),
    "unit": _("Unit"),
    "duration": _("Time in class"),
}

# (kind, label): LibraryPage.kind of each searchable page type.
TYPE_LABELS = {
    "material": pgettext_lazy("search type", "Teaching material"),
    "speech_contest_guide": pgettext_lazy("search type", "Speech-contest guide"),
    "club_activity": pgettext_lazy("search type", "English-club activity"),
}

# (value, label, shortest, longest) in minutes; None = open-ended.
DURATION_BUCKETS = [
    ("0-10", _("10 min or less"), None, 10),
    ("11-20", _("11–20 min"), 11, 20),  # noqa: RUF001 - an en dash, as in print
    ("21-45", _("21–45 min"), 21, 45),  # noqa: RUF001
    ("46+", _("More than 45 min"), 46, None),
]


def duration_bucket(minutes: int | None) -> str:
    """The bucket value a page's duration falls in ("" when it has none)."""
    if minutes is None:
        return ""
    for value, _label, shortest, longest in DURATION_BUCKETS:
        if (shortest is None or minutes >= shortest) and (longest is None or minutes <= longest):
            return value
    return ""


def _japanese() -> bool:
    return (get_language() or "en").startswith("ja")


@dataclass
class Vocabulary:
    """Known values of each facet, in display order, with English and Japanese labels."""

    labels: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # Unit id → series id, to list the units of the chosen series only.
    unit_series: dict[str, str] = field(default_factory=dict)

    def knows(self, facet: str, value: str) -> bool:
        return value in self.labels.get(facet, {})

    def label(self, facet: str, value: str) -> str:
        english, japanese = self.labels.get(facet, {}).get(value, (value, ""))
        return japanese if japanese and _japanese() else english

    def order(self, facet: str) -> list[str]:
        return list(self.labels.get(facet, {}))


def load_vocabulary(unit_ids: Iterable[str] = (), series_ids: Iterable[str] = ()) -> Vocabulary:
    """Labels for every facet; units only for the given series/unit ids (there can be
    thousands of units, and only the chosen series' units are ever shown)."""
    vocabulary = Vocabulary()
    vocabulary.labels["type"] = {kind: (str(label), "") for kind, label in TYPE_LABELS.items()}
    vocabulary.labels["grade"] = {
        code: (name, name_ja)
        for code, name, name_ja in Grade.objects.values_list("code", "name", "name_ja")
    }
    vocabulary.labels["skill"] = {
        code: (name, name_ja)
        for code, name, name_ja in Skill.objects.values_list("code", "name", "name_ja")
    }
    vocabulary.labels["activity_type"] = {
        code: (name, name_ja)
        for code, name, name_ja in ActivityType.objects.values_list("code", "name", "name_ja")
    }
    vocabulary.labels["textbook"] = {
        str(pk): (name, "") for pk, name in TextbookSeries.objects.values_list("pk", "name")
    }
    vocabulary.labels["duration"] = {
        value: (str(label), "") for value, label, _lo, _hi in DURATION_BUCKETS
    }
    units = TextbookUnit.objects.select_related("grade", "series")
    wanted_units = [int(u) for u in unit_ids if u.isdigit()]
    wanted_series = [int(s) for s in series_ids if s.isdigit()]
    vocabulary.labels["unit"] = {}
    if wanted_units or wanted_series:
        units = units.filter(Q(pk__in=wanted_units) | Q(series_id__in=wanted_series))
        for unit in units.order_by("series__sort_order", "grade__sort_order", "label", "pk"):
            english = f"{unit.series.name} · {unit.grade.name} · {unit.label}"
            japanese = (
                f"{unit.series.name} · {unit.grade.name_ja or unit.grade.name} · {unit.label}"
            )
            if unit.title:
                english += f": {unit.title}"
            if unit.title_ja or unit.title:
                japanese += f": {unit.title_ja or unit.title}"
            vocabulary.labels["unit"][str(unit.pk)] = (english, japanese)
            vocabulary.unit_series[str(unit.pk)] = str(unit.series_id)
    return vocabulary


def facet_values(
    vocabulary: Vocabulary,
    facet: str,
    counts: dict[str, int],
    selected: Iterable[str],
    only: Iterable[str] | None = None,
) -> list[FacetValue]:
    """A facet's values for display: known values in taxonomy order that have results or
    are selected (a selected value stays visible at 0 so the teacher can untick it)."""
    chosen = set(selected)
    allowed = set(only) if only is not None else None
    values = []
    for value in vocabulary.order(facet):
        if allowed is not None and value not in allowed:
            continue
        count = counts.get(value, 0)
        if count or value in chosen:
            values.append(
                FacetValue(
                    value=value,
                    label=vocabulary.label(facet, value),
                    count=count,
                    selected=value in chosen,
                )
            )
    return values


def build_facets(
    vocabulary: Vocabulary,
    counts: dict[str, dict[str, int]],
    filters: dict[str, tuple[str, ...]],
) -> dict[str, list[FacetValue]]:
    """Every facet's values; "unit" only when a textbook series is chosen (units of the
    chosen series, or already-chosen units)."""
    facets: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        if facet == "unit":
            series = set(filters.get("textbook", ()))
            if not series and not filters.get("unit"):
                continue
            units = [
                u
                for u in vocabulary.order("unit")
                if vocabulary.unit_series.get(u) in series or u in filters.get("unit", ())
            ]
            facets["unit"] = facet_values(
                vocabulary, "unit", counts.get("unit", {}), filters.get("unit", ()), units
            )
            continue
        facets[facet] = facet_values(
            vocabulary, facet, counts.get(facet, {}), filters.get(facet, ())
        )
    return facets
