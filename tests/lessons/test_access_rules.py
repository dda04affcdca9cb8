"""Every permission decision of the planner is made in lessons/services/access.py and refused
with its one exception, NotAllowed; views, the API and the print views only ask."""

import ast
from pathlib import Path

import pytest

from lessons.models import LessonPlan, PlanMember, Visibility
from lessons.services.access import RULES, Can, NotAllowed, Role, get_plan

ROOT = Path(__file__).resolve().parents[2]
ASKERS = [
    *sorted((ROOT / "lessons" / "views").glob("*.py")),
    *sorted((ROOT / "lessons" / "api").glob("*.py")),
    *sorted((ROOT / "lessons" / "printing").glob("*.py")),
    ROOT / "printing" / "views.py",
]

# Who may do what: the rules as the README states them.
EXPECTED = {
    Role.OWNER: set(Can),
    Role.EDITOR: {
        Can.READ,
        Can.PRINT,
        Can.DUPLICATE,
        Can.EDIT,
        Can.COMMENT,
        Can.SEE_HISTORY,
        Can.RESTORE,
        Can.SEE_MEMBERS,
    },
    Role.VIEWER: {
        Can.READ,
        Can.PRINT,
        Can.DUPLICATE,
        Can.COMMENT,
        Can.SEE_HISTORY,
        Can.SEE_MEMBERS,
    },
    Role.TEMPLATE_READER: {Can.READ, Can.PRINT, Can.DUPLICATE},
}


def test_every_action_has_a_rule_and_the_rules_are_the_documented_ones():
    assert set(RULES) == set(Can)
    for role, allowed in EXPECTED.items():
        assert {action for action, (roles, _message) in RULES.items() if role in roles} == allowed


def test_every_refusal_a_member_can_meet_says_why():
    for action, (roles, message) in RULES.items():
        if roles != frozenset(Role):
            assert str(message), action


def test_strangers_and_bad_ids_are_told_the_plan_does_not_exist(team):
    for plan_id in (team.plan.pk, 10**30, "abc", -1, None):
        with pytest.raises(NotAllowed) as refused:
            get_plan(team.stranger, plan_id)
        assert refused.value.hidden


def test_a_private_plan_is_hidden_from_its_parked_co_planners(team):
    LessonPlan.objects.filter(pk=team.plan.pk).update(visibility=Visibility.PRIVATE)
    for user in (team.editor, team.viewer):
        with pytest.raises(NotAllowed) as refused:
            get_plan(user, team.plan.pk, Can.READ)
        assert refused.value.hidden
    _plan, access = get_plan(team.owner, team.plan.pk, Can.DELETE)
    assert access.is_owner


def test_a_member_whose_role_does_not_allow_it_is_told_why(team):
    with pytest.raises(NotAllowed) as refused:
        get_plan(team.viewer, team.plan.pk, Can.EDIT)
    assert not refused.value.hidden
    assert refused.value.message == "Viewers cannot change the plan."
    _plan, access = get_plan(team.editor, team.plan.pk, Can.EDIT)
    with pytest.raises(NotAllowed):
        access.require(Can.INVITE)


def test_members_may_leave_but_only_the_owner_removes_others(team):
    _plan, viewer = get_plan(team.viewer, team.plan.pk)
    viewer.require_removal(team.viewer_member)
    with pytest.raises(NotAllowed):
        viewer.require_removal(team.editor_member)
    _plan, owner = get_plan(team.owner, team.plan.pk)
    owner.require_removal(team.editor_member)
    assert isinstance(team.editor_member, PlanMember)


def test_comments_are_deleted_by_their_author_or_the_owner(team):
    _plan, author = get_plan(team.viewer, team.plan.pk)
    author.require_comment_deletion(team.comment)
    _plan, owner = get_plan(team.owner, team.plan.pk)
    owner.require_comment_deletion(team.comment)
    _plan, editor = get_plan(team.editor, team.plan.pk)
    with pytest.raises(NotAllowed):
        editor.require_comment_deletion(team.comment)


ROLE_FLAGS = ("can_edit", "can_manage", "is_member", "is_owner")


def _refuses_on_a_role_flag(node: ast.If) -> bool:
    test, body = ast.unparse(node.test), ast.unparse(node)
    return any(flag in test for flag in ROLE_FLAGS) and ("raise" in body or "403" in body)


def _refusals_decided_in(path: Path) -> list[str]:
    """Places in a module that refuse on their own instead of asking the access service:
    raising PermissionDenied or a 403 HttpError, or reading a role flag to decide."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Raise) and node.exc is not None:
            text = ast.unparse(node.exc)
            if "PermissionDenied" in text or "HttpError(403" in text or "forbidden(" in text:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: raise {text}")
        if isinstance(node, ast.If) and _refuses_on_a_role_flag(node):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: if {ast.unparse(node.test)}")
    return found


def test_no_view_api_or_print_module_decides_permissions_itself():
    found = [place for path in ASKERS for place in _refusals_decided_in(path)]
    assert not found, "\n".join(found)


def test_the_refusal_is_turned_into_an_answer_once_for_html_and_once_for_the_api():
    mentions = [
        path.relative_to(ROOT).as_posix()
        for path in [*ROOT.glob("config/**/*.py"), *ROOT.glob("lessons/**/*.py")]
        if "except NotAllowed" in path.read_text() or "NotAllowed:" in path.read_text()
    ]
    assert sorted(mentions) == ["config/api_errors.py"]
    assert "NotAllowed" in (ROOT / "lessons" / "refusals.py").read_text()


def test_the_builder_answers_a_refusal_with_its_403_page_and_reason(team, client_for):
    from django.urls import reverse

    response = client_for(team.viewer).get(reverse("lessons:delete", args=[team.plan.pk]))
    assert response.status_code == 403
    assert "Only the owner can delete the plan." in response.content.decode()
    hidden = client_for(team.stranger).get(reverse("lessons:delete", args=[team.plan.pk]))
    assert hidden.status_code == 404
    assert team.plan.title not in hidden.content.decode()


def test_a_refusal_in_the_print_pipeline_is_the_404_page(team, client_for):
    from django.urls import reverse

    response = client_for(team.stranger).get(reverse("lesson_printing:dialog", args=[team.plan.pk]))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
