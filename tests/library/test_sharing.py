"""The share form at /share/: who may use it, what a submission becomes, what is refused,
and that each teacher sees only their own submissions."""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from library.models import ActivityType, Grade, MaterialPage, Skill, TextbookSeries, TextbookUnit
from library.sharing.body import TeacherSections, body_from_sections, lines_of, sections_from_body
from library.sharing.forms import parse_tags
from library.sharing.submissions import SHARED_COLLECTION_NAME
from tests.factories.accounts import PASSWORD, UserFactory

from .sample_files import (
    SVG_WITH_SCRIPT,
    image_bytes,
    mp3_bytes,
    ooxml_bytes,
    pdf_bytes,
    plain_zip_bytes,
    upload,
)

SHARE_URL = "/share/"
MINE_URL = "/share/mine/"


def form_data(**overrides) -> dict:
    data = {
        "title": "Weather bingo",
        "title_ja": "天気ビンゴ",
        "summary": "Students fill a bingo card with weather words & play <b>fast</b>.",
        "summary_ja": "天気の単語でビンゴをします。",
        "steps": "1. ALT models the weather words\n\n2) Students draw a 3x3 grid\n・Play bingo",
        "materials_needed": "- Bingo sheet (1 per student)\nWeather flashcards",
        "variations": "Use seasons instead\nStudents call the words",
        "jte_tip": "Check the Japanese meaning first.",
        "alt_tip": "Use gestures for each word.",
        "grades": [str(Grade.objects.get(code="ES5").pk), str(Grade.objects.get(code="ES6").pk)],
        "skills": [str(Skill.objects.get(code="listening").pk)],
        "activity_types": [str(ActivityType.objects.get(code="game").pk)],
        "duration_minutes": "15",
        "tags": "weather, bingo、天気",
        "licence": "cc-by-sa",
        "author_credit": "Sam (ALT)",
        "confirm_rights": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def teacher_client(client, teacher):
    assert client.login(username=teacher.username, password=PASSWORD)
    return client


@pytest.fixture
def small_limit(settings):
    settings.KYOZAI_MAX_UPLOAD_BYTES = 200_000


# --- who may share ----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    for url in (SHARE_URL, MINE_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_signed_in_user_outside_teachers_is_told_who_may_share(client, db):
    outsider = UserFactory(username="visitor")
    outsider.groups.clear()
    client.login(username="visitor", password=PASSWORD)
    response = client.get(SHARE_URL)
    assert response.status_code == 403
    assert "Sharing is for teachers" in response.content.decode()
    assert client.post(SHARE_URL, form_data()).status_code == 403
    assert not MaterialPage.objects.exists()


def test_the_form_shows_every_section_to_a_teacher(teacher_client):
    response = teacher_client.get(SHARE_URL)
    content = response.content.decode()
    assert response.status_code == 200
    for label in ("Title (English)", "How to run it", "Tip for the ALT", "Grades", "Licence"):
        assert label in content
    assert 'type="file"' in content
    assert "multiple" in content
    assert 'enctype="multipart/form-data"' in content
    assert 'value="Sam (ALT)"' in content  # credit defaults to the teacher's name


def test_the_account_area_links_to_sharing_for_teachers_only(teacher_client, client, db):
    content = teacher_client.get(MINE_URL).content.decode()
    assert f'href="{SHARE_URL}"' in content
    assert f'href="{MINE_URL}"' in content


# --- what a submission becomes ----------------------------------------------------------


def test_a_submission_is_a_draft_in_moderation_owned_by_the_teacher(teacher_client, teacher):
    files = [
        upload("bingo-sheet.pdf", pdf_bytes()),
        upload("weather_cards.png", image_bytes("PNG")),
        upload("weather-chant.mp3", mp3_bytes()),
    ]
    response = teacher_client.post(SHARE_URL, {**form_data(), "files": files})
    assert response.status_code == 302
    assert response["Location"] == MINE_URL

    page = MaterialPage.objects.get()
    assert page.owner == teacher
    assert not page.live
    assert page.get_parent().slug == "library"
    assert page.slug == "weather-bingo"
    assert (page.title, page.title_ja, page.licence) == ("Weather bingo", "天気ビンゴ", "cc-by-sa")
    assert page.duration_minutes == 15
    assert sorted(page.grades.values_list("code", flat=True)) == ["ES5", "ES6"]
    assert list(page.skills.values_list("code", flat=True)) == ["listening"]
    assert list(page.activity_types.values_list("code", flat=True)) == ["game"]
    assert sorted(page.tags.names()) == sorted(["weather", "bingo", "天気"])

    blocks = {block.block_type: block.value for block in page.body}
    assert list(blocks["steps"]["steps"]) == [
        "ALT models the weather words",
        "Students draw a 3x3 grid",
        "Play bingo",
    ]
    assert list(blocks["materials_needed"]["items"]) == [
        "Bingo sheet (1 per student)",
        "Weather flashcards",
    ]
    assert list(blocks["variations"]["variations"]) == [
        "Use seasons instead",
        "Students call the words",
    ]
    assert blocks["tips"]["alt_tip"] == "Use gestures for each word."

    attachments = list(page.attachments.order_by("sort_order"))
    assert [bool(a.document) for a in attachments] == [True, False, True]
    assert attachments[0].document.title == "bingo sheet"
    assert attachments[1].image.width == 640
    assert attachments[2].document.file_extension == "mp3"  # audio is a document
    for item in (attachments[0].document, attachments[1].image, attachments[2].document):
        assert item.collection.name == SHARED_COLLECTION_NAME
        assert item.uploaded_by_user == teacher

    assert page.get_latest_revision().user == teacher
    state = page.current_workflow_state
    assert state is not None
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == teacher
    assert state.workflow.name == "Moderators approval"


def test_two_submissions_with_one_title_get_their_own_addresses(teacher_client):
    teacher_client.post(SHARE_URL, form_data())
    teacher_client.post(SHARE_URL, form_data())
    assert sorted(MaterialPage.objects.values_list("slug", flat=True)) == [
        "weather-bingo",
        "weather-bingo-2",
    ]


def test_a_textbook_unit_can_be_chosen(teacher_client):
    series = TextbookSeries.objects.get(name="NEW HORIZON")
    # The catalogue ships this unit; the test gives it its own title.
    unit, _created = TextbookUnit.objects.update_or_create(
        series=series,
        grade=Grade.objects.get(code="JHS2"),
        label="Unit 3",
        defaults={"title": "My Dream", "title_ja": ""},
    )
    content = teacher_client.get(SHARE_URL).content.decode()
    assert "NEW HORIZON" in content
    assert "Unit 3: My Dream" in content
    teacher_client.post(SHARE_URL, form_data(textbook_unit=str(unit.pk)))
    assert list(MaterialPage.objects.get().textbook_units.all()) == [unit]


# --- what is refused, and what is kept --------------------------------------------------


@pytest.mark.parametrize(
    ("bad_file", "message"),
    [
        (lambda: upload("worksheet.svg", SVG_WITH_SCRIPT), "SVG files can carry scripts"),
        (lambda: upload("worksheet.pdf", b"<html><script>x</script>"), "not a real PDF file"),
        (lambda: upload("worksheet.docx", image_bytes()), "not a real DOCX file"),
        (lambda: upload("worksheet.docx", plain_zip_bytes()), "not a real DOCX file"),
        (lambda: upload("big.pdf", b"%PDF-1.4\n" + b"0" * 300_000), "the largest file"),
        (lambda: upload("empty.pdf", b""), "is empty"),
    ],
)
def test_a_refused_file_keeps_everything_typed_and_says_why(
    teacher_client, small_limit, bad_file, message
):
    good = upload("sheet.pdf", pdf_bytes())
    response = teacher_client.post(SHARE_URL, {**form_data(), "files": [good, bad_file()]})
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "please choose your files again" in content
    # Every typed value is still there (escaped where it holds markup).
    assert 'value="Weather bingo"' in content
    assert 'value="天気ビンゴ"' in content
    assert "weather words &amp; play &lt;b&gt;fast&lt;/b&gt;" in content
    assert "2) Students draw a 3x3 grid" in content
    assert 'value="weather, bingo、天気"' in content
    assert 'value="cc-by-sa" required id="id_licence_1" checked' in content
    assert not MaterialPage.objects.exists()
    assert not get_document_model().objects.exists()
    assert not get_image_model().objects.exists()


def test_every_refused_file_is_named(teacher_client, small_limit):
    files = [upload("a.svg", SVG_WITH_SCRIPT), upload("b.docx", plain_zip_bytes())]
    content = teacher_client.post(SHARE_URL, {**form_data(), "files": files}).content.decode()
    assert "a.svg" in content
    assert "b.docx" in content


def test_more_than_five_files_are_refused(teacher_client, small_limit):
    files = [upload(f"sheet{n}.pdf", pdf_bytes()) for n in range(6)]
    content = teacher_client.post(SHARE_URL, {**form_data(), "files": files}).content.decode()
    assert "You can attach up to 5 files; you chose 6." in content
    assert not MaterialPage.objects.exists()


def test_office_files_are_accepted(teacher_client, small_limit):
    files = [upload("game.pptx", ooxml_bytes("pptx")), upload("scores.xlsx", ooxml_bytes("xlsx"))]
    assert teacher_client.post(SHARE_URL, {**form_data(), "files": files}).status_code == 302
    assert MaterialPage.objects.get().attachments.count() == 2


def test_missing_required_answers_are_explained(teacher_client):
    data = form_data(title="", steps="", grades=[])
    del data["confirm_rights"]
    content = teacher_client.post(SHARE_URL, data).content.decode()
    assert "Choose at least one grade." in content
    assert "Please confirm you may share this material." in content
    assert content.count("This field is required.") == 2  # title and steps
    # The summary at the top links to each answer to fix.
    assert '<a href="#field-grades">Grades</a>' in content
    assert '<a href="#field-confirm_rights">Permission to share</a>' in content
    assert 'id="field-grades"' in content
    assert not MaterialPage.objects.exists()


def test_nonsense_choices_are_a_form_error_not_a_crash(teacher_client):
    response = teacher_client.post(
        SHARE_URL, form_data(grades=["999999"], licence="all-rights", duration_minutes="-4")
    )
    assert response.status_code == 200
    assert not MaterialPage.objects.exists()


def test_sharing_needs_the_csrf_token(teacher, db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.login(username=teacher.username, password=PASSWORD)
    assert strict.post(SHARE_URL, form_data()).status_code == 403
    assert not MaterialPage.objects.exists()


# --- only the owner ---------------------------------------------------------------------


def test_teachers_see_only_their_own_submissions(teacher_client, client, other_teacher):
    teacher_client.post(SHARE_URL, form_data(title="Sam's bingo"))
    page = MaterialPage.objects.get()

    client.logout()
    client.login(username=other_teacher.username, password=PASSWORD)
    assert "Sam&#x27;s bingo" not in client.get(MINE_URL).content.decode()
    for name in ("sharing:edit", "sharing:preview"):
        assert client.get(reverse(name, args=[page.pk])).status_code == 404
    assert client.post(reverse("sharing:edit", args=[page.pk]), form_data()).status_code == 404


def test_my_submissions_lists_the_teachers_material_in_moderation(teacher_client):
    teacher_client.post(SHARE_URL, form_data())
    content = teacher_client.get(MINE_URL).content.decode()
    assert "Weather bingo" in content
    assert "In moderation" in content
    assert "<time datetime=" in content


def test_a_submission_in_moderation_cannot_be_edited(teacher_client):
    teacher_client.post(SHARE_URL, form_data())
    page = MaterialPage.objects.get()
    response = teacher_client.get(reverse("sharing:edit", args=[page.pk]), follow=True)
    assert response.redirect_chain[-1][0] == MINE_URL
    assert "you can edit it if they ask for changes" in response.content.decode()


def test_the_owner_can_preview_the_draft(teacher_client):
    teacher_client.post(SHARE_URL, form_data())
    page = MaterialPage.objects.get()
    response = teacher_client.get(reverse("sharing:preview", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Weather bingo" in html
    # Nothing to save, add or download until it is published: no links that would 404.
    assert reverse("shelf:buttons", args=[page.pk]) not in html
    assert reverse("library_printing:material_pdf", args=[page.pk]) not in html


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Wagtail serves documents from a path, which the in-memory test storage lacks."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def test_files_of_a_draft_are_private_to_the_teacher_and_editors(
    teacher_client, client, editor, small_limit, files_on_disk
):
    teacher_client.post(SHARE_URL, {**form_data(), "files": [upload("sheet.pdf", pdf_bytes())]})
    document = MaterialPage.objects.get().attachments.get().document
    assert teacher_client.get(document.url).status_code == 200

    client.logout()
    assert client.get(document.url).status_code == 404
    client.login(username=editor.username, password=PASSWORD)
    assert client.get(document.url).status_code == 200


# --- text sections and body blocks ------------------------------------------------------


def test_lines_drop_blank_lines_and_typed_numbering():
    text = "1. Greet\n\n 2) Ask\n・Answer\n- Sing\n① Clap\n10. Ten\n2020 Olympics quiz"
    assert lines_of(text) == ["Greet", "Ask", "Answer", "Sing", "Clap", "Ten", "2020 Olympics quiz"]


def test_sections_round_trip_and_keep_an_editors_blocks():
    editor_block = {"type": "rich_text", "value": "<p>Photo credits</p>", "id": "x1"}
    sections = TeacherSections(
        steps=["One", "Two"],
        materials_needed=["Cards"],
        jte_tip="JTE says the rules in Japanese.",
        other_blocks=[editor_block],
    )
    raw = body_from_sections(sections)
    assert [block["type"] for block in raw] == ["steps", "materials_needed", "tips", "rich_text"]
    back = sections_from_body(raw)
    assert back.steps == ["One", "Two"]
    assert back.materials_needed == ["Cards"]
    assert back.variations == []
    assert back.jte_tip == "JTE says the rules in Japanese."
    assert back.other_blocks == [editor_block]


def test_tags_split_on_english_and_japanese_commas_without_repeats():
    assert parse_tags('weather, Weather、天気\uff0c  "bingo game" ,,') == [
        "weather",
        "天気",
        "bingo game",
    ]
