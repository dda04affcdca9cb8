"""The filters a teacher narrows the library by: one definition for the section listings
(/library/, /speech-contests/, /english-club/), the search page and the JSON API.

A filter has one name wherever it appears (`grade`, `skill`, `activity_type`, `textbook`,
`unit`… in a listing's URL, the search page's URL and the API alike), one title, one check
of its values against the taxonomy, and one meaning as a condition on library pages.
Values within a filter are ORed (fifth *or* sixth grade), filters are ANDed.

Checking never raises: `check_filters` keeps what it can use and returns what it dropped,
each with the parameter's name and a message a teacher understands. A page answers with
the rest (the search page says what it left out); the API refuses the first with a 400.

The values a filter knows, and their labels in both languages, come from a `Vocabulary`
loaded from the taxonomy tables (library/models/taxonomy.py). It imports no model of ours,
so the page QuerySet (library/models/querysets.py) can build on it without a circle.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

MAX_VALUES_PER_FILTER = 50
# The longest a library page can take in class; also the highest `max_minutes`.
MAX_DURATION_MINUTES = 600

# (kind, label): the `kind` of each library page type, as URLs and the API name it.
PAGE_TYPES = {
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

# Names the section listings used before the vocabulary was one; their URLs redirect.
RENAMED = {"activity": "activity_type", "series": "textbook"}

# The filters a section index offers, in its panel's order: the textbook cascade the way
# teachers think of a lesson (series → grade → unit), then skill and activity type.
SECTION_FILTERS = ("textbook", "grade", "unit", "skill", "activity_type")
# Every query parameter a section index reads: its filters, the page number and the old
# names that still redirect. The full-page cache keeps only these in its key and in the
# request it renders (config/page_cache/query.py), so a name missing here never reaches
# the page for a visitor.
SECTION_QUERY_PARAMETERS = (*SECTION_FILTERS, "page", *RENAMED)


def duration_bucket(minutes: int | None) -> str:
    """The bucket value a page's duration falls in ("" when it has none)."""
    if minutes is None:
        return ""
    for value, _label, shortest, longest in DURATION_BUCKETS:
        if (shortest is None or minutes >= shortest) and (longest is None or minutes <= longest):
            return value
    return ""


def reading_japanese() -> bool:
    return (get_language() or "en").startswith("ja")


class InvalidFilter(ValueError):
    """A value a teacher or an API client sent that cannot be used. `param` names the
    parameter as URLs and the API spell it, `message` says what is wrong in a teacher's
    words, `value` is the one bad value of a list parameter when it was one."""

    def __init__(self, param: str, message: str, value: str | None = None):
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = str(message)
        self.value = value


def whole_number(param: str, value: object, lowest: int, highest: int) -> int:
    """`value` as an int in [lowest, highest]; raises InvalidFilter naming `param`."""
    if isinstance(value, bool):
        raise InvalidFilter(param, _("Must be a whole number."))
    if isinstance(value, str):
        value = value.strip()
        if not value.isascii() or not value.lstrip("-").isdigit():
            raise InvalidFilter(
                param, _("Must be a whole number, not “%(value)s”.") % {"value": value[:20]}
            )
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise InvalidFilter(param, _("Must be a whole number.")) from None
    if not lowest <= number <= highest:
        raise InvalidFilter(
            param,
            _("Must be between %(lowest)d and %(highest)d.")
            % {"lowest": lowest, "highest": highest},
        )
    return number


def unknown(param: str, value: str) -> InvalidFilter:
    return InvalidFilter(param, _("Unknown value “%(value)s”.") % {"value": value[:40]}, value)


@dataclass
class Vocabulary:
    """The values each filter knows, in display order, with English and Japanese labels.

    Units are loaded only for the textbooks and units a request names (there can be
    thousands); `unit_series` and `unit_grade` say where each belongs, so a panel can offer
    the units of the chosen textbook at the chosen grades. `unit_short` is a unit's label
    under its series and grade ("Unit 5: What design is good for everyone?")."""

    labels: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    unit_series: dict[str, str] = field(default_factory=dict)
    unit_grade: dict[str, str] = field(default_factory=dict)
    unit_short: dict[str, tuple[str, str]] = field(default_factory=dict)

    def knows(self, name: str, value: str) -> bool:
        return value in self.labels.get(name, {})

    def label(self, name: str, value: str) -> str:
        english, japanese = self.labels.get(name, {}).get(value, (value, ""))
        return japanese if japanese and reading_japanese() else english

    def order(self, name: str) -> list[str]:
        return list(self.labels.get(name, {}))

    def units_of(self, textbooks: Iterable[str], grades: Iterable[str] = ()) -> list[str]:
        """The units of these textbooks, in order; only those at `grades` when some are
        given (the cascade: series, then grade, then unit)."""
        chosen = set(textbooks)
        at = set(grades)
        return [
            unit
            for unit in self.order("unit")
            if self.unit_series.get(unit) in chosen and (not at or self.unit_grade.get(unit) in at)
        ]

    def unit_label(self, unit: str, *, with_grade: bool) -> str:
        """A unit as a cascade offers it: "Unit 5: …" under a single chosen grade, "中2 ·
        Unit 5: …" when the grade is not yet narrowed to one."""
        english, japanese = self.unit_short.get(unit, (self.label("unit", unit), ""))
        text = japanese if japanese and reading_japanese() else english
        grade = self.unit_grade.get(unit, "")
        return f"{self.label('grade', grade)} · {text}" if with_grade and grade else text


@dataclass(frozen=True)
class Filter:
    """A filter on taxonomy codes (grade, skill, activity type): a page passes when it has
    any of the chosen values through `lookup`."""

    name: str
    title: Promise
    lookup: str = ""
    # A facet: the search counts its values. (`max_minutes` is a limit, not counted.)
    counted: bool = True
    # The filter this one refines: a unit belongs to a textbook.
    parent: str = ""

    def check(self, raw: object, vocabulary: Vocabulary) -> tuple[tuple[str, ...], list]:
        """(the values kept, what was dropped and why)."""
        values, dropped = listed(self.name, raw)
        kept = []
        for value in values:
            if self.knows(value, vocabulary):
                kept.append(value)
            else:
                dropped.append(unknown(self.name, value))
        return tuple(kept), dropped

    def knows(self, value: str, vocabulary: Vocabulary) -> bool:
        return vocabulary.knows(self.name, value)

    def condition(self, values: Iterable[str]) -> Q:
        """The pages having any of `values`, as a condition on library pages."""
        return Q(**{f"{self.lookup}__in": list(values)})

    def count_in(self, pages: QuerySet) -> dict[str, int]:
        """How many of `pages` have each value: one aggregate query (GROUP BY the value),
        whatever the number of values, so a panel's counts cost one query per filter."""
        rows = pages.order_by().values_list(self.lookup).annotate(pages=Count("pk", distinct=True))
        return {str(value): number for value, number in rows if value is not None}


@dataclass(frozen=True)
class IdFilter(Filter):
    """A textbook series or unit, by id: ids are digits before they are looked up."""

    def knows(self, value: str, vocabulary: Vocabulary) -> bool:
        return value.isascii() and value.isdigit() and vocabulary.knows(self.name, value)

    def condition(self, values: Iterable[str]) -> Q:
        return Q(**{f"{self.lookup}__in": [int(value) for value in values]})


@dataclass(frozen=True)
class TypeFilter(Filter):
    """The kind of page: a teaching material, a speech-contest guide, a club activity."""

    def condition(self, values: Iterable[str]) -> Q:
        chosen = set(values)
        models = [
            model
            for model in apps.get_app_config("library").get_models()
            if getattr(model, "kind", "") in chosen
        ]
        content_types = ContentType.objects.get_for_models(*models).values() if models else []
        return Q(content_type__in=list(content_types))


@dataclass(frozen=True)
class DurationFilter(Filter):
    """How long a page takes in class, by bucket (DURATION_BUCKETS)."""

    def condition(self, values: Iterable[str]) -> Q:
        chosen = set(values)
        ranges = [
            Q(**{f"{self.lookup}__range": (shortest or 0, longest or MAX_DURATION_MINUTES)})
            for value, _label, shortest, longest in DURATION_BUCKETS
            if value in chosen
        ]
        return reduce(or_, ranges, Q(pk__in=[]))


@dataclass(frozen=True)
class LimitFilter(Filter):
    """`max_minutes`: one number, a hard limit on how long a page takes."""

    def check(self, raw: object, vocabulary: Vocabulary) -> tuple[tuple[str, ...], list]:
        values, dropped = listed(self.name, raw)
        if not values:
            return (), dropped
        if len(values) > 1:
            return (), [*dropped, InvalidFilter(self.name, _("Give one number of minutes."))]
        try:
            minutes = whole_number(self.name, values[0], 1, MAX_DURATION_MINUTES)
        except InvalidFilter as refused:
            return (), [*dropped, refused]
        return (str(minutes),), dropped

    def condition(self, values: Iterable[str]) -> Q:
        return Q(**{f"{self.lookup}__lte": min(int(value) for value in values)})


# Every filter, in the order the search page shows them.
FILTERS: dict[str, Filter] = {
    item.name: item
    for item in (
        TypeFilter("type", _("Type")),
        IdFilter("textbook", _("Textbook"), "textbook_units__series_id"),
        Filter("grade", _("Grade"), "grades__code"),
        IdFilter("unit", _("Unit"), "textbook_units", parent="textbook"),
        Filter("skill", _("Skill area"), "skills__code"),
        Filter("activity_type", _("Activity type"), "activity_types__code"),
        DurationFilter("duration", _("Time in class"), "duration_minutes"),
        LimitFilter("max_minutes", _("Fits in (minutes)"), "duration_minutes", counted=False),
    )
}


def listed(param: str, raw: object) -> tuple[list[str], list[InvalidFilter]]:
    """The values of one parameter as a list of distinct, non-empty strings."""
    if raw is None:
        return [], []
    if isinstance(raw, str | int):
        raw = [raw]
    if not isinstance(raw, Iterable):
        return [], [InvalidFilter(param, _("Must be a list of values."))]
    values = list(dict.fromkeys(str(v).strip() for v in raw if v is not None and str(v).strip()))
    if len(values) > MAX_VALUES_PER_FILTER:
        return [], [InvalidFilter(param, _("Too many values."))]
    return values, []


@dataclass
class Checked:
    """Filter values that can be used (name → values, only filters with some), and what
    was dropped on the way, in the order the parameters were checked."""

    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    dropped: list[InvalidFilter] = field(default_factory=list)


def check_filters(
    raw: Mapping[str, object],
    vocabulary: Vocabulary,
    names: Iterable[str] = FILTERS,
    *,
    cascade: bool = False,
) -> Checked:
    """Check the filters `names` among `raw` (a dict or a QueryDict). With `cascade`, a
    value of a refining filter counts only under a chosen value of its parent (a unit only
    with its textbook) — the way a panel that offers units once a series is chosen reads."""
    checked = Checked()
    for name in names:
        definition = FILTERS[name]
        values, dropped = definition.check(_raw_values(raw, name), vocabulary)
        if cascade and definition.parent:
            values, orphans = _under_parent(definition, values, checked.values, vocabulary)
            dropped.extend(orphans)
        checked.dropped.extend(dropped)
        if values:
            checked.values[name] = values
    return checked


def _raw_values(raw: Mapping[str, object], name: str) -> object:
    if isinstance(raw, QueryDict):
        return raw.getlist(name)
    return raw.get(name)


def _under_parent(
    definition: Filter,
    values: tuple[str, ...],
    chosen: Mapping[str, tuple[str, ...]],
    vocabulary: Vocabulary,
) -> tuple[tuple[str, ...], list[InvalidFilter]]:
    parents = set(chosen.get(definition.parent, ()))
    kept = tuple(value for value in values if vocabulary.unit_series.get(value) in parents)
    dropped = [
        InvalidFilter(
            definition.name,
            _("“%(value)s” is not in the chosen textbook.") % {"value": value[:40]},
            value,
        )
        for value in values
        if value not in kept
    ]
    return kept, dropped


def renamed_filters(params: QueryDict) -> QueryDict | None:
    """`params` with the listing's old filter names replaced (`activity` → `activity_type`,
    `series` → `textbook`), every other parameter kept in order; None when none is old."""
    if not any(old in params for old in RENAMED):
        return None
    renamed = QueryDict(mutable=True)
    for name, values in params.lists():
        for value in values:
            renamed.appendlist(RENAMED.get(name, name), value)
    return renamed
