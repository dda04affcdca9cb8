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


def test_each_page_type_goes_into_its_own_seeded_section(db):
    from library.models import ClubIndexPage, MaterialIndexPage, SpeechContestIndexPage
    from tests.factories.library import (
        ClubActivityPageFactory,
        MaterialIndexPageFactory,
        SpeechContestGuidePageFactory,
    )

    seeded = MaterialIndexPage.objects.get()
    assert MaterialIndexPageFactory() == seeded  # found, not made again
    assert MaterialIndexPage.objects.count() == 1
    assert SpeechContestGuidePageFactory().get_parent().specific == (
        SpeechContestIndexPage.objects.get()
    )
    assert ClubActivityPageFactory().get_parent().specific == ClubIndexPage.objects.get()


def test_a_page_goes_under_the_parent_it_is_given(db):
    from library.models import HomePage, MaterialIndexPage
    from tests.factories.library import MaterialPageFactory

    archive = MaterialIndexPage(title="Archive", slug="archive")
    HomePage.objects.get().add_child(instance=archive)
    page = MaterialPageFactory(parent=archive)
    assert page.get_parent().pk == archive.pk
    assert page.url.startswith(archive.url)


def test_a_published_page_has_its_taxonomy_and_tags_in_the_database_and_its_revision(db):
    from library.models import Grade, MaterialPage
    from tests.factories.library import MaterialPageFactory

    made = MaterialPageFactory(grades=["JHS1"], activity_types=["game"], tags=["bingo"])
    page = MaterialPage.objects.get(pk=made.pk)  # what the database holds, not the object
    assert page.live
    assert page.first_published_at is not None
    assert list(page.grades.values_list("code", flat=True)) == ["JHS1"]
    assert list(page.activity_types.values_list("code", flat=True)) == ["game"]
    assert list(page.tags.names()) == ["bingo"]
    assert page.live_revision.content["grades"] == [Grade.objects.get(code="JHS1").pk]


def test_a_draft_keeps_its_taxonomy_and_tags_and_a_revision_but_is_not_published(db, teacher):
    from library.models import MaterialPage
    from tests.factories.library import MaterialPageFactory

    made = MaterialPageFactory(live=False, owner=teacher, skills=["writing"], tags=["draft"])
    page = MaterialPage.objects.get(pk=made.pk)
    assert not page.live
    assert page.first_published_at is None
    assert page.live_revision is None
    assert page.latest_revision.user == teacher
    assert list(page.skills.values_list("code", flat=True)) == ["writing"]
    assert list(page.tags.names()) == ["draft"]


def test_body_blocks_from_keywords_are_saved_and_shown_on_the_page(db, client):
    from tests.factories.library import MaterialPageFactory

    page = MaterialPageFactory(
        body__0__steps__steps__0="Show the flashcard.",
        body__0__steps__steps__1="Students guess the word.",
        body__1__materials_needed__items__0="Weather flashcards",
        body__2__tips__alt_tip="Mime the weather first.",
        body__3__rich_text__value="<p>Works with <b>any</b> class size.</p>",
    )
    page.refresh_from_db()
    assert [block.block_type for block in page.body] == [
        "steps",
        "materials_needed",
        "tips",
        "rich_text",
    ]
    assert list(page.body[0].value["steps"]) == ["Show the flashcard.", "Students guess the word."]
    html = client.get(page.url).content.decode()
    for text in [
        "How to run it",
        "Students guess the word.",
        "Weather flashcards",
        "Mime the weather first.",
        "Explain the rules in Japanese",  # the tips block's default for the JTE
        "<b>any</b>",
    ]:
        assert text in html


def test_a_page_without_body_keywords_has_an_empty_body(db):
    from tests.factories.library import MaterialPageFactory

    assert len(MaterialPageFactory().body) == 0
