"""The facets of a search: the library's filters (library/filters.py) whose values are
counted, each value shown with its label and how many results have it.

Values are what URLs and the API carry: grade/skill/activity-type codes, textbook series
and unit ids, page kinds, duration buckets. Labels come from the taxonomy at query time
(the request's vocabulary), so an editor's renaming shows at once, without re-indexing.
"""

from collections.abc import Iterable

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
        only = None
        if facet == "unit":
            chosen_units = filters.get("unit", ())
            if not filters.get("textbook") and not chosen_units:
                continue
            only = [*vocabulary.units_of(filters.get("textbook", ())), *chosen_units]
        facets[facet] = facet_values(
            vocabulary, facet, counts.get(facet, {}), filters.get(facet, ()), only
        )
    return facets
