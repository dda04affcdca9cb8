"""A unit page's address, as teachers would say it: the series, the grade, the unit number
(/units/new-horizon/JHS2/5/). Kept out of the model: models import no URL module
(tests/library/test_imports.py); templates ask through `{{ unit|unit_url }}`."""

from django.urls import reverse


def unit_url(unit) -> str:
    """The unit page of `unit` (a TextbookUnit with its series and grade loaded)."""
    return reverse("units:unit", args=(unit.series.slug, unit.grade.code, unit.number or 0))
