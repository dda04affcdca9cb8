"""The facets of a search: the library's filters (library/filters.py) whose values are
counted, each value shown with its label and how many results have it.

Values are what URLs and the API carry: grade/skill/activity-type codes, textbook series
and unit ids, page kinds, duration buckets. Labels come from the taxonomy at query time
(the request's vocabulary), so an editor's renaming shows at once, without re-indexing.
"""

from collections.abc import Callable, Iterable

from library.filters import FILTERS, Vocabulary

from .results import FacetValue

# In the order the search page shows them. Values within a facet are ORed, facets ANDed.
FACETS = [name for name, definition in FILTERS.items() if definition.counted]
FACET_TITLES = {name: FILTERS[name].title for name in FACETS}


def facet_values(
    vocabulary: Vocabulary,
    facet: str,
    counts: dict[str, int],
    selected: Iterable[str],
    only: Iterable[str] | None = None,
    label: Callable[[str], str] | None = None,
    *,
    keep_empty: bool = False,
) -> list[FacetValue]:
    """A facet's values: known values in taxonomy order that have results or are selected
    (a selected value stays visible at 0 so the teacher can untick it). With `keep_empty`,
    every known value: the search page shows those without results disabled, so a teacher
    sees that the unit exists but has nothing yet."""
    chosen = set(selected)
    allowed = set(only) if only is not None else None
    values = []
    for value in vocabulary.order(facet):
        if allowed is not None and value not in allowed:
            continue
        count = counts.get(value, 0)
        if count or value in chosen or keep_empty:
            values.append(
                FacetValue(
                    value=value,
                    label=label(value) if label else vocabulary.label(facet, value),
                    count=count,
                    selected=value in chosen,
                )
            )
    return values


def build_facets(
    vocabulary: Vocabulary,
    counts: dict[str, dict[str, int]],
    filters: dict[str, tuple[str, ...]],
    *,
    keep_empty: bool = False,
) -> dict[str, list[FacetValue]]:
    """Every facet's values; "unit" only when a textbook series is chosen: the units of
    the chosen series at the chosen grades (the cascade series → grade → unit), and any
    unit already chosen, labelled without the book and, under one grade, the grade."""
    facets: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        only, label = None, None
        if facet == "unit":
            chosen_units = filters.get("unit", ())
            if not filters.get("textbook") and not chosen_units:
                continue
            grades = filters.get("grade", ())
            only = [*vocabulary.units_of(filters.get("textbook", ()), grades), *chosen_units]

            def label(unit: str, one_grade: bool = len(grades) == 1) -> str:
                return vocabulary.unit_label(unit, with_grade=not one_grade)

        facets[facet] = facet_values(
            vocabulary,
            facet,
            counts.get(facet, {}),
            filters.get(facet, ()),
            only,
            label,
            keep_empty=keep_empty,
        )
    return facets


def with_empty_values(
    vocabulary: Vocabulary, facets: dict[str, list[FacetValue]], filters
) -> dict[str, list[FacetValue]]:
    """The answer's facets with every value the teacher could choose, those without
    results at 0: what the search page shows (disabled), the API does not."""
    counts = {
        facet: {value.value: value.count for value in values} for facet, values in facets.items()
    }
    return {
        facet: values
        for facet, values in build_facets(vocabulary, counts, filters, keep_empty=True).items()
        if facet in facets
    }
