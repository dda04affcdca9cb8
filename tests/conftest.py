import pytest

from tests.factories.accounts import EditorFactory, TeacherFactory


@pytest.fixture
def teacher(db):
    return TeacherFactory(username="sam", display_name="Sam (ALT)")


@pytest.fixture
def other_teacher(db):
    return TeacherFactory(username="hanako", display_name="田中 花子")


@pytest.fixture
def editor(db):
    return EditorFactory(username="alex")
