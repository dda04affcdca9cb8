"""A revision's changes when several saves become one revision.

Each entry says what one save changed in one field (services/revisions.py has the
vocabulary: target, step, version, field, old, new). When a teacher's saves are coalesced
into one revision, or the retention policy folds old revisions into the next one kept, the
entries for the same field are merged: the first `old`, the last `new` and `version`.

Coalescing keeps a *trail* in a merged entry: for every save folded in, the field's version
after it and a compact patch back to its value then (codec.value_patch). A co-planner who loaded the
plan between two coalesced saves gets, in a conflict, the field's value exactly as they
loaded it (`value_at`), so a merge never mistakes their untouched field for an edit. Folding
by the retention policy drops the trails: it only ever touches revisions far older than any
edit still open in a form.
"""

from __future__ import annotations

from typing import Any

from .codec import apply_value_patch, value_patch


def _key(entry: dict[str, Any]) -> tuple:
    return (entry.get("target"), entry.get("step"), entry.get("field"))


def merge(
    older: list[dict[str, Any]], newer: list[dict[str, Any]], *, trail: bool = True
) -> list[dict[str, Any]]:
    """The changes of two consecutive revisions as one list (entries for the same field
    merged, in the order they first appeared). Without `trail`, only old and new are kept."""
    merged: dict[tuple, dict[str, Any]] = {}
    for entry in older:
        merged[_key(entry)] = entry if trail else _without_trail(entry)
    for entry in newer:
        key = _key(entry)
        first = merged.get(key)
        merged[key] = entry if first is None else _fold(first, entry, trail)
    return list(merged.values())


def _without_trail(entry: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in entry.items() if name != "trail"}


def _fold(first: dict[str, Any], then: dict[str, Any], trail: bool) -> dict[str, Any]:
    folded = {**then, "old": first.get("old")}
    if trail and first.get("version") is not None:
        # Back from `then`'s value to `first`'s: what the field was at first's version.
        back = value_patch(then.get("new"), first.get("new"))
        folded["trail"] = [*first.get("trail", []), [first["version"], back]]
    else:
        folded.pop("trail", None)
    return folded


def value_at(entry: dict[str, Any], loaded_version: int) -> tuple[bool, Any]:
    """(True, value) when the entry's trail passes through `loaded_version`: the field's
    value at that version. (False, entry's old) when it does not.

    The trail's patches lead backwards, newest first, from the entry's `new`, so folding
    one more save in costs one patch, however long the trail is."""
    value = entry.get("new")
    for version, back in reversed(entry.get("trail", [])):
        value = apply_value_patch(value, back)
        if version <= loaded_version:
            return True, value
    return False, entry.get("old")
