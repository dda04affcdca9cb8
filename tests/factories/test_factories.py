from django.contrib.auth.models import Group

from tests.factories.accounts import PASSWORD, EditorFactory, TeacherFactory


def test_teacher_factory_makes_a_teacher_who_can_log_in(db, client):
    teacher = TeacherFactory()
    assert teacher.groups.filter(name="Teachers").exists()
    assert client.login(username=teacher.username, password=PASSWORD)


def test_editor_factory_makes_an_editor(db):
    editor = EditorFactory()
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert Group.objects.get(name="Editors").permissions.filter(codename="access_admin").exists()
