"""Optimistic concurrency: what to tell someone whose save came too late.

Every edit names the version it was loaded from. When another co-planner saved in between,
the save is refused and the editor gets a `Conflict`: who changed what and when (read back
from the revisions), and the values to put back in their form: their own text wherever they
typed something, the other person's where they had left the field alone. Nothing is ever
silently overwritten, and nothing anyone typed is lost.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lessons.models import LessonPlan, LessonStep, PlanRevision
from lessons.models.fields import free_text
from lessons.revisions import changelog

# How far back to look for the other person's changes: enough for any realistic gap
# between loading a form and saving it, bounded so a conflict never reads a whole history.
REVISIONS_TO_SCAN = 200


@dataclass(frozen=True)
class TheirChange:
    field: str
    old: Any
    new: Any
    author: str
    at: datetime


@dataclass
class Conflict:
    """A refused save. `current` is None when the step was deleted meanwhile."""

    target: str  # "plan" or "step"
    current: LessonPlan | LessonStep | None
    current_version: int | None
    changes: list[TheirChange]
    merged: dict[str, Any] = field(default_factory=dict)
    clashes: set[str] = field(default_factory=set)
    deleted: TheirChange | None = None

    @property
    def text_clashes(self) -> set[str]:
        """Clashing fields a teacher writes in: these may keep both texts."""
        return self.clashes & set(text_fields(self.target))

    @property
    def authors(self) -> list[str]:
        seen: list[str] = []
        for change in [*self.changes, *([self.deleted] if self.deleted else [])]:
            if change.author not in seen:
                seen.append(change.author)
        return seen


class StaleEdit(Exception):
    """Raised by the editing services; carries the Conflict for the view or the API."""

    def __init__(self, conflict: Conflict):
        super().__init__(f"stale {conflict.target}")
        self.conflict = conflict


def changes_since(
    plan: LessonPlan, target: str, step_id: int | None, loaded_version: int
) -> list[TheirChange]:
    """Changes to the header (target "plan") or one step saved after `loaded_version`,
    oldest first."""
    found: list[TheirChange] = []
    revisions = PlanRevision.objects.filter(plan=plan).select_related("author").without_content()
    for revision in revisions.order_by("-number")[:REVISIONS_TO_SCAN]:
        entries = [
            entry
            for entry in revision.changes
            if entry.get("target") == target and entry.get("step") == step_id
        ]
        reached_loaded = False
        for entry in reversed(entries):
            version = entry.get("version")
            if version is not None and version <= loaded_version:
                reached_loaded = True
                continue
            # Saves coalesced into one revision: the field as this editor loaded it.
            passed, old = changelog.value_at(entry, loaded_version)
            reached_loaded = reached_loaded or passed
            author = revision.author.shown_name if revision.author else "?"
            at = revision.updated_at or revision.created_at
            found.append(TheirChange(entry["field"], old, entry["new"], author, at))
        if reached_loaded:
            break
    found.reverse()
    return found


def merge(
    fields: tuple[str, ...],
    mine: dict[str, Any],
    current: dict[str, Any],
    theirs: list[TheirChange],
) -> tuple[dict[str, Any], set[str]]:
    """Three-way merge of one form: base (what the editor loaded), theirs (saved since),
    mine (posted). Returns the values for the form and the fields both people changed."""
    base: dict[str, Any] = {}
    for change in theirs:
        base.setdefault(change.field, change.old)
    merged: dict[str, Any] = {}
    clashes: set[str] = set()
    for name in fields:
        my_value = mine.get(name)
        if name not in base:
            merged[name] = my_value
        elif name == "materials":
            merged[name] = _merge_sets(base[name] or [], current.get(name) or [], my_value or [])
        elif _same(my_value, base[name]):
            merged[name] = current.get(name)
        else:
            merged[name] = my_value
            if not _same(my_value, current.get(name)):
                clashes.add(name)
    return merged, clashes


def _merge_sets(base, theirs, mine) -> list:
    """Materials: keep what either person added, drop what either person removed."""
    base, theirs, mine = set(base), set(theirs), set(mine)
    return sorted((theirs | (mine - base)) - (base - mine))


def _same(a, b) -> bool:
    return (a or None) == (b or None)  # "" and None mean the same empty field


# --- Choosing per field: keep mine, use theirs, or both ----------------------------------

KEEP_MINE = "mine"
USE_THEIRS = "theirs"
BOTH = "both"
# Between the two texts when a teacher keeps both: a line of its own that no one types by
# accident, so either text can be cut out again in one go.
BOTH_SEPARATOR = "\n\n- - - - -\n\n"
CHOICE_PREFIX = "resolve-"


def text_fields(target: str) -> tuple[str, ...]:
    if target == "plan":
        return free_text(LessonPlan, LessonPlan.HEADER_FIELDS)
    return free_text(LessonStep, LessonStep.CONTENT_FIELDS)


def resolve(mine: Any, theirs: Any, choice: str, *, text: bool) -> Any:
    """One field's value after the teacher chose: theirs, both (text only: mine, the
    separator, theirs), or — for anything else — mine. Nothing typed is dropped unless
    the teacher asked to use the other version."""
    if choice == USE_THEIRS:
        return theirs
    if choice == BOTH and text:
        if not theirs or _same(mine, theirs) or BOTH_SEPARATOR + theirs in (mine or ""):
            return mine
        if not mine:
            return theirs
        return f"{mine}{BOTH_SEPARATOR}{theirs}"
    return mine


def apply_choices(posted, theirs: dict[str, Any], target: str):
    """The posted form data with each "resolve-<field>" choice applied: `theirs` holds the
    saved values as a form shows them. Returns a mutable copy without the choices, so the
    form validates the result (a combined text longer than the field allows is an error
    shown with the combined text in place, not a silent cut)."""
    data = posted.copy()
    texts = set(text_fields(target))
    for key in [key for key in posted if key.startswith(CHOICE_PREFIX)]:
        name = key.removeprefix(CHOICE_PREFIX)
        choice = posted.get(key)
        del data[key]
        if name not in theirs or choice not in (USE_THEIRS, BOTH):
            continue
        resolved = resolve(posted.get(name, ""), theirs[name], choice, text=name in texts)
        data[name] = "" if resolved is None else str(resolved)
    return data
