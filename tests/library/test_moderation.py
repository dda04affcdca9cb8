"""The whole path of a shared material: a teacher submits, nobody else sees it, a teacher
cannot publish it, an editor approves it in the Wagtail admin and it goes live; or the
editor asks for changes, the teacher reads the comment, fixes it and sends it back."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from library.models import Grade, MaterialPage
from tests.factories.accounts import PASSWORD

SHARE_URL = "/share/"
MINE_URL = "/share/mine/"
COMMENT = "Please add a Japanese summary & say how long each step takes."


def share(client, **overrides) -> MaterialPage:
    data = {
        "title": "Animal gestures quiz",
        "summary": "Students guess the animal from the ALT's gestures.",
        "steps": "ALT shows a gesture\nStudents answer in English",
        "grades": [str(Grade.objects.get(code="ES3").pk)],
        "licence": "cc-by",
        "confirm_rights": "on",
        **overrides,
    }
    response = client.post(SHARE_URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return MaterialPage.objects.get(title=data["title"])


def action_url(page: MaterialPage, action: str) -> str:
    task_state = page.current_workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


@pytest.fixture
def teacher_client(client, teacher):
    assert client.login(username=teacher.username, password=PASSWORD)
    return client


@pytest.fixture
def editor_client(editor):
    from django.test import Client

    client = Client()
    assert client.login(username=editor.username, password=PASSWORD)
    return client


@pytest.fixture
def anonymous():
    from django.test import Client

    return Client()


def test_submit_then_an_editor_approves_and_it_goes_live(
    teacher_client, editor_client, anonymous, teacher
):
    page = share(teacher_client)
    draft_url = "/library/animal-gestures-quiz/"
    assert page.url_path.endswith("/library/animal-gestures-quiz/")

    # Nothing is public yet: not the page, not the listing.
    assert anonymous.get(draft_url).status_code == 404
    listing = anonymous.get("/library/")
    assert listing.status_code == 200
    assert "Animal gestures quiz" not in listing.content.decode()

    # The teacher cannot publish: no admin, and the approve action is refused.
    assert teacher_client.get("/admin/").status_code == 302
    response = teacher_client.post(action_url(page, "approve"), {"comment": ""})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/login/")
    page.refresh_from_db()
    assert not page.live
    assert teacher_client.get(draft_url).status_code == 404  # not even for its owner

    # The editor finds it on the admin dashboard, awaiting their review.
    dashboard = editor_client.get("/admin/")
    assert "Animal gestures quiz" in dashboard.content.decode()

    # The editor approves it through Wagtail's own workflow action.
    response = editor_client.post(action_url(page, "approve"), {"comment": "Lovely, thanks!"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    assert page.live_revision.user == teacher  # the teacher's revision is what went live

    live = anonymous.get(draft_url)
    assert live.status_code == 200
    assert "Animal gestures quiz" in live.content.decode()
    assert "Animal gestures quiz" in anonymous.get("/library/").content.decode()

    mine = teacher_client.get(MINE_URL).content.decode()
    assert "Published" in mine
    assert f'href="{page.url}"' in mine


def test_an_editor_asks_for_changes_and_the_teacher_resubmits(
    teacher_client, editor_client, anonymous
):
    page = share(teacher_client)
    response = editor_client.post(action_url(page, "reject"), {"comment": COMMENT})
    assert response.status_code == 302
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert TaskState.objects.get(status=TaskState.STATUS_REJECTED).comment == COMMENT

    # The teacher reads the comment, escaped, with the status.
    mine = teacher_client.get(MINE_URL).content.decode()
    assert "Changes requested" in mine
    assert "Please add a Japanese summary &amp; say how long each step takes." in mine
    assert reverse("sharing:edit", args=[page.pk]) in mine

    # The edit form comes back filled in, with the comment above it.
    edit_url = reverse("sharing:edit", args=[page.pk])
    form = teacher_client.get(edit_url).content.decode()
    assert 'value="Animal gestures quiz"' in form
    assert "ALT shows a gesture\nStudents answer in English" in form
    assert "Please add a Japanese summary" in form

    # Fixing it sends it back into moderation (the same workflow, resumed).
    response = teacher_client.post(
        edit_url,
        {
            "title": "Animal gestures quiz",
            "summary": "Students guess the animal from the ALT's gestures.",
            "summary_ja": "ALTのジェスチャーから動物を当てます。",
            "steps": "ALT shows a gesture (1 min)\nStudents answer in English (5 min)",
            "grades": [str(Grade.objects.get(code="ES3").pk)],
            "licence": "cc-by",
            "confirm_rights": "on",
        },
    )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).count() == 1
    page.refresh_from_db()
    assert not page.live
    latest = page.get_latest_revision_as_object()
    assert latest.summary_ja == "ALTのジェスチャーから動物を当てます。"
    assert "In moderation" in teacher_client.get(MINE_URL).content.decode()
    assert anonymous.get("/library/animal-gestures-quiz/").status_code == 404

    # Approval publishes the corrected version.
    assert editor_client.post(action_url(page, "approve"), {"comment": ""}).status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.summary_ja == "ALTのジェスチャーから動物を当てます。"
    steps = next(block.value for block in page.body if block.block_type == "steps")
    assert list(steps["steps"])[1] == "Students answer in English (5 min)"


def test_the_task_api_gives_the_same_result(teacher_client, editor):
    """Approving through Task.on_action (what the admin button calls) publishes too."""
    page = share(teacher_client)
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    page.refresh_from_db()
    assert page.live


def test_a_teacher_cannot_reject_or_publish_through_the_admin_either(teacher_client):
    page = share(teacher_client)
    for action in ("approve", "reject"):
        teacher_client.post(action_url(page, action), {"comment": "sneaky"})
    publish_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    teacher_client.post(publish_url, {"action-publish": "publish"})
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_published_submission_is_no_longer_editable_by_the_teacher(teacher_client, editor_client):
    page = share(teacher_client)
    editor_client.post(action_url(page, "approve"), {"comment": ""})
    edit_url = reverse("sharing:edit", args=[page.pk])
    response = teacher_client.get(edit_url, follow=True)
    assert response.redirect_chain[-1][0] == MINE_URL
    assert "please ask an editor to change it" in response.content.decode()
    teacher_client.post(edit_url, {"title": "Hijacked"})
    page.refresh_from_db()
    assert page.title == "Animal gestures quiz"


def test_a_cancelled_workflow_leaves_a_draft_the_teacher_can_send_again(teacher_client, editor):
    page = share(teacher_client)
    page.current_workflow_state.cancel(user=editor)
    mine = teacher_client.get(MINE_URL).content.decode()
    assert "Draft" in mine
    assert "Edit and send" in mine

    edit_url = reverse("sharing:edit", args=[page.pk])
    form = teacher_client.get(edit_url).content.decode()
    assert 'id="id_confirm_rights" checked' in form  # their earlier answer is kept
    response = teacher_client.post(
        edit_url,
        {
            "title": "Animal gestures quiz",
            "summary": "Guess the animal.",
            "steps": "ALT shows a gesture",
            "grades": [str(Grade.objects.get(code="ES3").pk)],
            "licence": "cc-by",
            "confirm_rights": "on",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.count() == 2  # a new run, the cancelled one kept
