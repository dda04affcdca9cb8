"""The history of a plan: one revision per save (a teacher's saves to the same thing within
a few minutes are coalesced into one), with who, when, what changed and the whole plan as it
stood, so any revision can be compared with another or restored.

Stored compactly (issue #11.6; lessons/revisions/codec.py): the plan is kept as a
zlib-compressed *keyframe* every `KEYFRAME_EVERY` revisions and as a *delta* against the
revision before in between; `snapshot` reads it back exactly. Old revisions are thinned by
the retention policy (lessons/services/retention.py); named ones are kept forever.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lessons.revisions.codec import apply_delta, pack, unpack

from .plans import LessonPlan

# A keyframe after this many deltas: reading any revision decodes at most this many. More
# would store less (a keyframe is the whole plan), fewer would read faster.
KEYFRAME_EVERY = 50


class RevisionAction(models.TextChoices):
    CREATED = "created", _("Created the plan")
    HEADER = "header", _("Edited the plan details")
    STEP_ADDED = "step_added", _("Added a step")
    STEP_EDITED = "step_edited", _("Edited a step")
    STEP_DELETED = "step_deleted", _("Deleted a step")
    REORDERED = "reordered", _("Reordered the steps")
    RESTORED = "restored", _("Restored an earlier revision")
    COMBINED = "combined", _("Several saves, combined")


class PlanRevisionQuerySet(models.QuerySet):
    def without_content(self):
        """For lists: the stored plan is not needed (the changes are)."""
        return self.defer("body")

    def chain(self, plan_id: int, last: int) -> list[tuple[int, dict]]:
        """[(number, snapshot)] from the keyframe at or before `last` to `last`, oldest
        first: one query, reading newest first and stopping at the keyframe."""
        rows = self.filter(plan_id=plan_id, number__lte=last).order_by("-number")
        stored = []
        for row in rows.values_list("number", "keyframe", "body").iterator(
            chunk_size=KEYFRAME_EVERY
        ):
            stored.append(row)
            if row[1]:
                break
        decoded: list[tuple[int, dict]] = []
        current: dict = {}
        for number, keyframe, body in reversed(stored):
            data = unpack(body)
            current = data if keyframe else apply_delta(current, data)
            decoded.append((number, current))
        return decoded

    def snapshots(self, plan_id: int, last: int, first: int | None = None) -> dict:
        """{number: snapshot} for the revisions from `first` (default: `last`) to `last`,
        each decoded from the keyframe before it."""
        first = last if first is None else first
        found: dict[int, dict] = {}
        while last >= first:
            chain = self.chain(plan_id, last)
            if not chain:
                break
            found.update((number, snapshot) for number, snapshot in chain if number >= first)
            last = chain[0][0] - 1
        return found


class PlanRevision(models.Model):
    plan = models.ForeignKey(
        LessonPlan,
        verbose_name=_("lesson plan"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    number = models.PositiveIntegerField(_("number"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    # The last save coalesced into this revision (the same as created_at for one save).
    updated_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    saves = models.PositiveIntegerField(_("saves"), default=1)
    action = models.CharField(_("action"), max_length=20, choices=RevisionAction.choices)
    # A teacher's name for this version ("before the demo lesson"): never pruned.
    name = models.CharField(_("name"), max_length=100, blank=True)
    # What changed, compressed JSON; read and written through `changes`.
    changes_data = models.BinaryField(_("changes"), default=b"")
    # The plan after the save, compressed JSON: the whole snapshot when `keyframe`, else a
    # delta against the revision before (by number). Read through `snapshot`.
    body = models.BinaryField(_("stored plan"), default=b"")
    keyframe = models.BooleanField(_("keyframe"), default=True)
    # For "restored": the revision number put back.
    restored_from = models.PositiveIntegerField(_("restored from"), null=True, blank=True)

    objects = PlanRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_revision_number")
        ]
        indexes = [
            models.Index(fields=["plan", "keyframe", "number"], name="revision_keyframes"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} #{self.number}"

    @property
    def changes(self) -> list:
        """One entry per changed field: {"target": "plan"|"step"|"order", "step": id|None,
        "version": the target's version after the save, "field", "old", "new"} (plus a
        "trail" when saves were coalesced: lessons/revisions/changelog.py). Conflict
        messages read it to show what the other person changed."""
        if "_changes" not in self.__dict__:
            self.__dict__["_changes"] = unpack(self.changes_data) if self.changes_data else []
        return self.__dict__["_changes"]

    @changes.setter
    def changes(self, entries: list) -> None:
        self.__dict__["_changes"] = entries
        self.changes_data = pack(entries)

    @property
    def snapshot(self) -> dict:
        """The whole plan after this revision (header, then steps in order)."""
        if "_snapshot" not in self.__dict__:
            chain = PlanRevision.objects.chain(self.plan_id, self.number)
            self.__dict__["_snapshot"] = chain[-1][1] if chain else {}
        return self.__dict__["_snapshot"]
