"""Reading the models' field lists (LessonPlan.HEADER_FIELDS, LessonStep.CONTENT_FIELDS) by
kind, so no other module keeps its own copy of "which fields are text"."""

from django.db.models import CharField, Model, TextField


def free_text(model: type[Model], names: tuple[str, ...]) -> tuple[str, ...]:
    """The names among `names` of fields a teacher writes in (text without choices), in
    their order: what the history diffs word by word and what prints as paragraphs."""
    fields = (model._meta.get_field(name) for name in names)
    return tuple(
        field.name
        for field in fields
        if isinstance(field, CharField | TextField) and not field.choices
    )
