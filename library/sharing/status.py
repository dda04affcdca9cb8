"""Where each of a teacher's submissions stands, in their words, for "My submissions".

Read from Wagtail's own moderation records (WorkflowState, TaskState), so what the teacher
sees is exactly what the editors did in the admin, including the comment an editor wrote
when asking for changes.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TaskState, WorkflowState

from library.models import MaterialPage


class Status(models.TextChoices):
    IN_MODERATION = "in_moderation", _("In moderation")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    DRAFT = "draft", _("Draft")


@dataclass(frozen=True)
class Submission:
    page: MaterialPage
    status: Status
    submitted_at: datetime | None
    editor_comment: str = ""
    commented_by: str = ""

    @property
    def title(self) -> str:
        return self.page.draft_title or self.page.title

    @property
    def can_edit(self) -> bool:
        """Teachers edit until an editor publishes; while in moderation it is the editors'."""
        return self.status in (Status.CHANGES_REQUESTED, Status.DRAFT)

    @property
    def live_url(self) -> str:
        return self.page.url if self.status == Status.PUBLISHED else ""


def _status(page: MaterialPage, active: WorkflowState | None) -> Status:
    if active is not None and active.status == WorkflowState.STATUS_IN_PROGRESS:
        return Status.IN_MODERATION
    if active is not None and active.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return Status.CHANGES_REQUESTED
    if page.live:
        return Status.PUBLISHED
    return Status.DRAFT


def submissions_of(user) -> list[Submission]:
    """The teacher's own materials, newest first, in four queries whatever their number."""
    return describe(
        list(MaterialPage.objects.filter(owner=user).order_by("-latest_revision_created_at", "-pk"))
    )


def submission_of(page: MaterialPage) -> Submission:
    """One page's standing (for its edit page); the owner check is the caller's."""
    return describe([page])[0]


def describe(pages: list[MaterialPage]) -> list[Submission]:
    if not pages:
        return []
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page.pk) for page in pages],
    )
    active_by_page = {
        state.object_id: state
        for state in states.filter(
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES]
        )
    }
    task_states = (
        TaskState.objects.filter(workflow_state__in=states)
        .select_related("workflow_state", "finished_by")
        .order_by("started_at", "pk")
    )
    last_submitted: dict[str, datetime] = {}
    last_rejection: dict[str, TaskState] = {}
    for task_state in task_states:
        page_id = task_state.workflow_state.object_id
        last_submitted[page_id] = task_state.started_at
        if task_state.status == TaskState.STATUS_REJECTED:
            last_rejection[page_id] = task_state

    submissions = []
    for page in pages:
        key = str(page.pk)
        status = _status(page, active_by_page.get(key))
        rejection = last_rejection.get(key) if status == Status.CHANGES_REQUESTED else None
        submissions.append(
            Submission(
                page=page,
                status=status,
                submitted_at=last_submitted.get(key) or page.latest_revision_created_at,
                editor_comment=rejection.comment if rejection else "",
                commented_by=(
                    rejection.finished_by.shown_name if rejection and rejection.finished_by else ""
                ),
            )
        )
    return submissions
