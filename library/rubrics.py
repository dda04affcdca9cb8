"""A speech-contest rubric is data: criteria whose points add up to 100.

One check used by the admin form, the page model and the import command, so a rubric
can never be saved with a total other than 100 by any route.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

RUBRIC_TOTAL = 100


def check_rubric_points(points: Iterable[int]) -> None:
    values = [int(p or 0) for p in points]
    if not values:
        return
    total = sum(values)
    if total != RUBRIC_TOTAL:
        raise ValidationError(
            _("The rubric's points add up to %(total)s; they must add up to exactly 100.")
            % {"total": total},
            code="rubric_total",
        )
