"""The API's field types, read from the models' field definitions.

The plan's and the step's fields are listed once, on their models (LessonPlan.HEADER_FIELDS,
LessonStep.CONTENT_FIELDS), with their limits, choices and bounds on each field. The API's
schemas are built from those here, so a field added to the model, or a limit changed in
lessons/limits.py, reaches the API, the forms and the revisions at once.

Only how the API spells a relation (a grade by its code, a unit by its id) is the API's own
(RELATIONS below).
"""

from datetime import date
from typing import Annotated, Any, Literal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext as _
from pydantic import AfterValidator, Field, StringConstraints

Id = Annotated[int, Field(strict=True, ge=1)]


def without_nul(value: str) -> str:
    """PostgreSQL cannot store NUL in text (SQLite can, so only the PostgreSQL run of
    tests/api/ showed the 500); the builder's forms refuse it too."""
    if "\x00" in value:
        raise ValueError(_("Null characters are not allowed."))
    return value


def text(max_length: int, required: bool = False):
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=int(required), max_length=max_length),
        AfterValidator(without_nul),
    ]


GradeCode = Annotated[str, AfterValidator(without_nul)]

# Relations as the API names them: (type, description).
RELATIONS: dict[str, tuple[Any, str]] = {
    "grade": (GradeCode, "Grade code, ES3 … SHS3."),
    "textbook_unit": (Id, "Id of a textbook unit."),
}


def choice_names(field: models.Field):
    values = [value for value, _label in field.choices]
    return Literal[tuple(["", *values] if field.blank else values)]  # type: ignore[valid-type]


def _bounds(field: models.Field) -> dict[str, int]:
    """The strictest of the field's minimum and maximum validators."""
    lows = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    return {
        **({"ge": max(lows)} if lows else {}),
        **({"le": min(highs)} if highs else {}),
    }


def field_type(model: type[models.Model], name: str) -> Any:
    """The type the API accepts for one model field: its choices, its length, its bounds."""
    if name in RELATIONS:
        return RELATIONS[name][0]
    field = model._meta.get_field(name)
    if field.choices:
        return choice_names(field)
    if isinstance(field, models.CharField | models.TextField):
        return text(field.max_length, required=not field.blank)
    if isinstance(field, models.IntegerField):
        return Annotated[int, Field(strict=True, **_bounds(field))]
    if isinstance(field, models.DateField):
        return date
    raise TypeError(f"No API type for {model.__name__}.{name}.")


def description(model: type[models.Model], name: str) -> str | None:
    if name in RELATIONS:
        return RELATIONS[name][1]
    return None


def for_creating(model: type[models.Model], name: str, **overrides) -> tuple[Any, Any]:
    """(type, default) of a field a client sends to create: required when the model needs a
    value; else optional, with the model's default ("" for text, null where allowed)."""
    if name in overrides:
        return overrides[name]
    kind, field = field_type(model, name), model._meta.get_field(name)
    about = description(model, name)
    if field.null:
        return kind | None, Field(None, description=about)
    if field.has_default():
        default = field.get_default()  # a choice's plain value, not its enum member
        return kind, Field(getattr(default, "value", default), description=about)
    if field.blank:
        return kind, Field("", description=about)
    return kind, Field(..., description=about)


def for_changing(model: type[models.Model], name: str) -> tuple[Any, Any]:
    """(type, default) of a field a client may send to change: absent means unchanged."""
    return field_type(model, name) | None, Field(None, description=description(model, name))


def as_read(model: type[models.Model], name: str) -> tuple[Any, Any]:
    """(type, required) of a field the API answers with (text and choices as strings)."""
    field = model._meta.get_field(name)
    if isinstance(field, models.IntegerField):
        return (int | None if field.null else int), ...
    return str, ...
