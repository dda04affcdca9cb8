import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page

from accounts.groups import EDITOR_PAGE_PERMISSIONS, EDITOR_PERMISSIONS, TEACHER_PERMISSIONS


def _codes(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.mark.django_db
def test_teachers_group_can_share_and_plan_but_not_enter_the_admin():
    teachers = Group.objects.get(name="Teachers")
    assert set(TEACHER_PERMISSIONS) <= _codes(teachers)
    assert "wagtailadmin.access_admin" not in _codes(teachers)
    assert not GroupPagePermission.objects.filter(group=teachers).exists()


@pytest.mark.django_db
def test_editors_group_can_moderate_and_publish_the_whole_tree():
    editors = Group.objects.get(name="Editors")
    assert set(EDITOR_PERMISSIONS) <= _codes(editors)
    root = Page.objects.get(depth=1)
    granted = set(
        GroupPagePermission.objects.filter(group=editors, page=root).values_list(
            "permission__codename", flat=True
        )
    )
    assert {f"{action}_page" for action in EDITOR_PAGE_PERMISSIONS} <= granted


@pytest.mark.django_db
def test_editors_review_submissions_in_the_default_workflow():
    task = GroupApprovalTask.objects.get(name="Moderators approval")
    assert task.groups.filter(name="Editors").exists()


@pytest.mark.django_db
def test_an_editor_user_has_the_publish_permission(editor):
    home = Page.objects.get(depth=2)
    assert home.permissions_for_user(editor).can_publish()
    assert editor.has_perm("wagtailadmin.access_admin")


@pytest.mark.django_db
def test_a_teacher_cannot_publish_pages(teacher):
    home = Page.objects.get(depth=2)
    assert not home.permissions_for_user(teacher).can_publish()
