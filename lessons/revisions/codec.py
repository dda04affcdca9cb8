"""Snapshots and deltas as compact bytes.

A revision stores either a *keyframe* (the whole snapshot) or a *delta* against the revision
just before it. Both are JSON, written without ASCII escapes (Japanese is three bytes a
character instead of six) and zlib-compressed. A delta keeps only what changed: header
values, the step order when it changed, each changed field of a step, and whole new steps.
A long text that changed is kept as a *text patch* — the common beginning and end as
lengths, and the new middle — so a one-character edit of a 1,500-character field costs a
few bytes.

Applying the delta to the snapshot before gives back exactly the snapshot after, key order
included (`encode(apply_delta(a, make_delta(a, b))) == encode(b)`): a dict whose keys
changed is stored whole rather than patched.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

COMPRESSION_LEVEL = 6
# Texts shorter than this are stored whole in a delta: a patch would not be smaller.
PATCH_MIN_LENGTH = 48


def encode(value: Any) -> bytes:
    """Canonical bytes of a JSON value: compact, UTF-8 (lone surrogates from a JSON client
    survive the round trip), key order as given."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


def pack(value: Any) -> bytes:
    return zlib.compress(encode(value), COMPRESSION_LEVEL)


def unpack(data: bytes | memoryview) -> Any:
    return json.loads(zlib.decompress(bytes(data)).decode("utf-8", "surrogatepass"))


# --- Text patches ------------------------------------------------------------------------


def text_patch(old: str, new: str) -> list:
    """[kept from the start, kept from the end, new middle]."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return [start, end, new[start : len(new) - end]]


def apply_text_patch(old: str, patch: list) -> str:
    start, end, middle = patch
    return old[:start] + middle + old[len(old) - end :]


def value_patch(old: Any, new: Any) -> Any:
    """How a value is written in a delta: a text patch (a list) for two long texts, else
    the new value wrapped in a dict, so the two can never be confused."""
    if isinstance(old, str) and isinstance(new, str) and len(new) >= PATCH_MIN_LENGTH:
        return text_patch(old, new)
    return {"v": new}


def apply_value_patch(old: Any, patch: Any) -> Any:
    if isinstance(patch, list):
        return apply_text_patch(old, patch)
    return patch["v"]


def _dict_delta(before: dict, after: dict) -> dict | None:
    """The changed values of a dict with the same keys in the same order, else None."""
    if list(before) != list(after):
        return None
    return {
        key: value_patch(before[key], value)
        for key, value in after.items()
        if before[key] != value or type(before[key]) is not type(value)
    }


def _apply_dict_delta(before: dict, delta: dict) -> dict:
    result = dict(before)
    for key, patch in delta.items():
        result[key] = apply_value_patch(before[key], patch)
    return result


# --- Snapshot deltas ---------------------------------------------------------------------


def make_delta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What turns snapshot `before` into `after` (see the module docstring)."""
    delta: dict[str, Any] = {}
    if list(before) != ["plan", "steps"] or list(after) != ["plan", "steps"]:
        return {"whole": after}
    header = _dict_delta(before["plan"], after["plan"])
    if header is None:
        delta["plan_whole"] = after["plan"]
    elif header:
        delta["plan"] = header
    old_steps = {step["id"]: step for step in before["steps"]}
    order = [step["id"] for step in after["steps"]]
    if order != [step["id"] for step in before["steps"]]:
        delta["order"] = order
    changed: dict[str, Any] = {}
    whole: dict[str, Any] = {}
    for step in after["steps"]:
        old = old_steps.get(step["id"])
        fields = _dict_delta(old, step) if old is not None else None
        if fields is None:
            whole[str(step["id"])] = step
        elif fields:
            changed[str(step["id"])] = fields
    if changed:
        delta["steps"] = changed
    if whole:
        delta["new_steps"] = whole
    return delta


def apply_delta(before: dict[str, Any], delta: dict[str, Any]) -> dict[str, Any]:
    """The snapshot `delta` was made to reach from `before`."""
    if "whole" in delta:
        return delta["whole"]
    if "plan_whole" in delta:
        plan = delta["plan_whole"]
    else:
        plan = _apply_dict_delta(before["plan"], delta.get("plan", {}))
    old_steps = {step["id"]: step for step in before["steps"]}
    order = delta["order"] if "order" in delta else [step["id"] for step in before["steps"]]
    changed = delta.get("steps", {})
    whole = delta.get("new_steps", {})
    steps = []
    for step_id in order:
        key = str(step_id)
        if key in whole:
            steps.append(whole[key])
        elif key in changed:
            steps.append(_apply_dict_delta(old_steps[step_id], changed[key]))
        else:
            steps.append(old_steps[step_id])
    return {"plan": plan, "steps": steps}
