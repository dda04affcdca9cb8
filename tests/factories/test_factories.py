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


def test_material_factory_publishes_under_the_library_section(db):
    from tests.factories.library import MaterialPageFactory

    page = MaterialPageFactory(grades=["ES5", "ES6"], skills=["listening"], tags=["weather"])
    assert page.live
    assert page.get_parent().specific.__class__.__name__ == "MaterialIndexPage"
    assert sorted(page.grades.values_list("code", flat=True)) == ["ES5", "ES6"]
    assert list(page.tags.names()) == ["weather"]


def test_material_factory_can_leave_a_draft(db):
    from tests.factories.library import MaterialPageFactory

    assert not MaterialPageFactory(live=False).live


def test_speech_guide_factory_has_a_rubric_totalling_100(db):
    from tests.factories.library import SpeechContestGuidePageFactory

    guide = SpeechContestGuidePageFactory()
    assert sum(guide.rubric_criteria.values_list("points", flat=True)) == 100
