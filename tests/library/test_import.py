"""`manage.py import_library`: checking every line, writing pages, re-importing by slug."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision

from library.importing.files import kind_of
from library.importing.markdown_blocks import markdown_to_blocks
from library.markdown.rich_text import markdown_to_rich_text
from library.models import (
    ClubActivityPage,
    LibraryAttachment,
    LibraryPage,
    MaterialPage,
    SpeechContestGuidePage,
    TextbookSeries,
    TextbookUnit,
)
from tests.factories.library import ClubActivityPageFactory
from tests.library.sample_files import image_bytes, pdf_bytes

Document = get_document_model()
Image = get_image_model()

BODY = """Students guess the weather from the ALT's gestures.

## Materials
- Weather flashcards (sunny, rainy, cloudy, snowy)
- A4 worksheet, one per pair

## How to run it
1. The ALT mimes a weather; the class asks "How's the weather?"
2. Pairs answer with "It's sunny." and point to the card.
   The fastest pair wins a point.
3. Swap roles: a student mimes.

## Variations
- Add "hot" and "cold".
- Play it as a relay.

## Tips
JTE: Model the question with the ALT before the pairs start.
ALT: Exaggerate each gesture.

## Useful expressions
Say **It's sunny!** with a [weather link](https://www.jma.go.jp/).
"""


def material(**overrides) -> dict:
    record = {
        "type": "material",
        "slug": "weather-gestures",
        "title": "Weather gesture game",
        "title_ja": "天気の表現を学ぼう ジェスチャーゲーム",
        "summary": "A quick game for weather words.",
        "summary_ja": "天気の言い方をジェスチャーで楽しく練習します。",
        "body": BODY,
        "grades": ["ES3", "ES4"],
        "skills": ["listening", "spoken_interaction"],
        "textbook_units": [
            {
                "series": "Let's Try!",
                "grade": "ES4",
                "unit": "Unit 2",
                "title": "Let's play cards.",
            },
            {"series": "CROWN English Communication I", "grade": "SHS1", "unit": "Lesson 3"},
        ],
        "activity_types": ["game", "warm_up"],
        "duration_minutes": 15,
        "tags": ["weather", "gestures"],
        "license": "cc-by-sa",
        "author": "Olivia Brooks (ALT)",
        "files": [
            {"path": "files/weather-cards.pdf", "title": "Weather cards (A4)"},
            "files/sunny.png",
        ],
    }
    record.update(overrides)
    return record


def guide(**overrides) -> dict:
    record = {
        "type": "speech_contest_guide",
        "slug": "recitation-coaching",
        "title": "Recitation coaching",
        "title_ja": "暗唱の指導",
        "summary": "Coach a three-minute recitation.",
        "summary_ja": "3分間の暗唱を指導します。",
        "category": "recitation",
        "time_limit_seconds": 180,
        "rubric": [
            {"criterion": "Pronunciation", "criterion_ja": "発音", "points": 40},
            {"criterion": "Intonation and rhythm", "criterion_ja": "抑揚・リズム", "points": 35},
            {"criterion": "Memorisation", "criterion_ja": "暗記", "points": 25},
        ],
    }
    record.update(overrides)
    return record


def club(**overrides) -> dict:
    record = {
        "type": "club_activity",
        "slug": "halloween-party",
        "title": "Halloween party",
        "title_ja": "ハロウィンパーティー",
        "group_size": 4,
        "season": "halloween",
        "tags": ["Halloween"],
    }
    record.update(overrides)
    return record


@pytest.fixture
def folder(tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    (files / "weather-cards.pdf").write_bytes(pdf_bytes())
    (files / "sunny.png").write_bytes(image_bytes(colour="#f5b700"))
    (files / "evil.svg").write_text("<svg onload='alert(1)'></svg>")
    return tmp_path


def write_jsonl(folder, lines, name="library.jsonl"):
    path = folder / name
    path.write_text(
        "\n".join(
            line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
            for line in lines
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_library", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts() -> dict[str, int]:
    return {
        "pages": LibraryPage.objects.count(),
        "revisions": Revision.objects.count(),
        "documents": Document.objects.count(),
        "images": Image.objects.count(),
        "attachments": LibraryAttachment.objects.count(),
        "tags": Tag.objects.count(),
        "units": TextbookUnit.objects.count(),
        "series": TextbookSeries.objects.count(),
    }


def read_file(item) -> bytes:
    with item.open_file() as handle:
        return handle.read()


# -- a valid file ------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_valid_file_creates_a_page_of_each_type_with_every_field(folder):
    path = write_jsonl(folder, [material(), guide(), club()])

    out, _ = run(path)

    assert "3 created, 0 updated, 0 unchanged, 0 skipped (drafts)" in out
    page = MaterialPage.objects.get(slug="weather-gestures")
    assert not page.live  # without --publish, new pages are drafts
    assert page.get_parent().specific_class.__name__ == "MaterialIndexPage"
    assert page.title == "Weather gesture game"
    assert page.title_ja == "天気の表現を学ぼう ジェスチャーゲーム"
    assert page.summary_ja == "天気の言い方をジェスチャーで楽しく練習します。"
    assert page.duration_minutes == 15
    assert page.licence == "cc-by-sa"
    assert page.author_credit == "Olivia Brooks (ALT)"
    assert sorted(g.code for g in page.grades.all()) == ["ES3", "ES4"]
    assert sorted(s.code for s in page.skills.all()) == ["listening", "spoken_interaction"]
    assert sorted(a.code for a in page.activity_types.all()) == ["game", "warm_up"]
    assert sorted(t.name for t in page.tags.all()) == ["gestures", "weather"]
    units = {str(unit) for unit in page.textbook_units.all()}
    assert units == {
        "Let's Try!, ES4, Unit 2: Let's play cards.",
        "CROWN English Communication I, SHS1, Lesson 3",
    }
    new_series = TextbookSeries.objects.get(name="CROWN English Communication I")
    assert [grade.code for grade in new_series.grades.all()] == ["SHS1"]

    body = [(block.block_type, block.value) for block in page.body]
    assert [kind for kind, _ in body] == [
        "rich_text",
        "materials_needed",
        "steps",
        "variations",
        "tips",
        "rich_text",
    ]
    assert list(body[1][1]["items"]) == [
        "Weather flashcards (sunny, rainy, cloudy, snowy)",
        "A4 worksheet, one per pair",
    ]
    assert body[2][1]["heading"] == "How to run it"
    assert list(body[2][1]["steps"])[1] == (
        'Pairs answer with "It\'s sunny." and point to the card.\nThe fastest pair wins a point.'
    )
    assert body[4][1]["jte_tip"].startswith("Model the question")
    assert body[4][1]["alt_tip"] == "Exaggerate each gesture."
    assert body[5][1].source == (
        "<h2>Useful expressions</h2><p>Say <b>It's sunny!</b> with a "
        '<a href="https://www.jma.go.jp/">weather link</a>.</p>'
    )

    attachments = list(page.attachments.order_by("sort_order"))
    assert [a.shown_title for a in attachments] == ["Weather cards (A4)", "Sunny"]
    assert attachments[0].document is not None
    assert attachments[1].image is not None
    assert read_file(attachments[0].document) == (folder / "files/weather-cards.pdf").read_bytes()
    assert read_file(attachments[1].image) == (folder / "files/sunny.png").read_bytes()

    speech = SpeechContestGuidePage.objects.get(slug="recitation-coaching")
    assert speech.category == "recitation"
    assert speech.time_limit_seconds == 180
    assert [(c.criterion, c.criterion_ja, c.points) for c in speech.rubric_criteria.all()] == [
        ("Pronunciation", "発音", 40),
        ("Intonation and rhythm", "抑揚・リズム", 35),
        ("Memorisation", "暗記", 25),
    ]
    assert speech.get_parent().specific_class.__name__ == "SpeechContestIndexPage"

    activity = ClubActivityPage.objects.get(slug="halloween-party")
    assert (activity.group_size, activity.season) == (4, "halloween")
    assert activity.get_parent().specific_class.__name__ == "ClubIndexPage"


@pytest.mark.django_db
def test_publish_makes_the_pages_live(folder):
    out, _ = run(write_jsonl(folder, [material(), club()]), "--publish")

    assert "(published)" in out
    assert MaterialPage.objects.live().filter(slug="weather-gestures").exists()
    assert ClubActivityPage.objects.live().filter(slug="halloween-party").exists()


# -- bad lines ---------------------------------------------------------------------------
BAD_LINES = [
    ('{"type": "material", "slug": "broken", ', "json", "not valid JSON"),
    (material(slug="no-title", title=None), "title", "is required"),
    (material(slug="unknown-key", colour="red"), "colour", "unknown field"),
    (material(slug="typo", licence="cc0"), "licence", "did you mean 'license'?"),
    (material(slug="bad-type", type="worksheet"), "type", "'worksheet' is not one of"),
    (material(slug="bad-grade", grades=["ES7"]), "grades[0]", "'ES7' is not a grade code"),
    (material(slug="bad-skill", skills=["speaking"]), "skills[0]", "is not a skill code"),
    (material(slug="bad-kind", activity_types=["karaoke"]), "activity_types[0]", "not an activity"),
    (material(slug="long", title="x" * 256), "title", "the most is 255"),
    (material(slug="minutes", duration_minutes="ten"), "duration_minutes", "whole number"),
    (material(slug="Bad Slug!"), "slug", "may hold only letters"),
    (material(slug="bad-licence", license="all-rights"), "license", "not one of"),
    (material(slug="no-file", files=["files/missing.pdf"]), "files[0]", "no such file"),
    (material(slug="svg", files=["files/evil.svg"]), "files[0]", "can carry scripts"),
    (material(slug="escape", files=["../outside.pdf"]), "files[0]", "inside the JSONL"),
    (material(slug="tags", tags="weather"), "tags", "must be a list"),
    (
        material(
            slug="unit", textbook_units=[{"series": "NEW HORIZON", "grade": "ES5", "unit": "1"}]
        ),
        "textbook_units[0].grade",
        "NEW HORIZON is a textbook for JHS1, JHS2, JHS3",
    ),
    (
        guide(
            slug="rubric-90",
            rubric=[
                {"criterion": "Pronunciation", "points": 50},
                {"criterion": "Memory", "points": 40},
            ],
        ),
        "rubric",
        "add up to 90",
    ),
    (
        guide(slug="rubric-field", rubric=[{"criterion": "X", "points": 0}]),
        "rubric[0].points",
        "1 to 100",
    ),
    (guide(slug="category", category="debate"), "category", "'debate' is not one of"),
    (club(slug="season", season="rainy_season"), "season", "not one of"),
    (club(slug="group", group_size=0), "group_size", "from 1 to 200"),
    (material(slug="rubric-on-material", rubric=[]), "rubric", "only a speech-contest guide"),
    (material(slug="club-taken"), "slug", "already used by a club activity"),
    (material(slug="weather-gestures"), "slug", "already used on line"),
    (material(body="[Notes](files/notes.txt)", slug="body-file"), "body", "not a file type"),
    (
        material(body="![Map](files/weather-cards.pdf)", slug="body-image"),
        "body",
        "not a file type",
    ),
    ("[1, 2]", "json", "must be one JSON object"),
]


@pytest.mark.django_db
def test_every_bad_line_is_reported_with_its_number_and_nothing_is_imported(folder):
    ClubActivityPageFactory(slug="club-taken")
    before = counts()
    lines = [material()] + [line for line, _, _ in BAD_LINES]
    path = write_jsonl(folder, lines)

    err = StringIO()
    with pytest.raises(CommandError, match=rf"{len(BAD_LINES)} lines with errors"):
        call_command("import_library", str(path), stdout=StringIO(), stderr=err)

    reported = err.getvalue()
    for number, (_, field, reason) in enumerate(BAD_LINES, start=2):
        expected = f"line {number}: {field}: "
        matching = [row for row in reported.splitlines() if row.startswith(expected)]
        assert matching, f"no error for line {number} ({field}) in:\n{reported}"
        assert any(reason in row for row in matching), matching
    assert "line 1:" not in reported
    assert counts() == before


@pytest.mark.django_db
def test_a_bad_file_exits_non_zero(folder):
    path = write_jsonl(folder, [material(grades=["ES9"])])

    with pytest.raises(CommandError) as refused:
        call_command("import_library", str(path), stdout=StringIO(), stderr=StringIO())

    # manage.py turns a CommandError into this exit status.
    assert refused.value.returncode == 1
    assert not LibraryPage.objects.filter(slug="weather-gestures").exists()


@pytest.mark.django_db
def test_skip_invalid_imports_the_good_lines_and_lists_the_skipped(folder):
    path = write_jsonl(folder, [material(), club(season="monsoon"), guide(), "not json"])

    out, err = run(path, "--skip-invalid")

    assert "line 2: season:" in err
    assert "line 4: json:" in err
    assert "Skipped lines: 2, 4" in err
    assert "2 created, 0 updated, 0 unchanged, 2 skipped" in out
    assert MaterialPage.objects.filter(slug="weather-gestures").exists()
    assert SpeechContestGuidePage.objects.filter(slug="recitation-coaching").exists()
    assert not ClubActivityPage.objects.exists()


# -- dry run, re-import ------------------------------------------------------------------
@pytest.mark.django_db
def test_dry_run_reports_and_writes_nothing(folder):
    run(write_jsonl(folder, [club()], name="first.jsonl"), "--publish")
    before = counts()
    path = write_jsonl(folder, [material(), guide(), club(title="Halloween costume party")])

    out, _ = run(path, "--dry-run", "--publish")

    assert "line 1: material weather-gestures: would be created" in out
    assert "line 3: club_activity halloween-party: would be updated" in out
    assert "New textbook series (would be created): CROWN English Communication I" in out
    assert "would be 2 created, 1 updated, 0 unchanged" in out
    assert counts() == before
    assert ClubActivityPage.objects.get(slug="halloween-party").title == "Halloween party"


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(folder):
    path = write_jsonl(folder, [material(), guide(), club()])
    run(path, "--publish")
    after_first = counts()

    out, _ = run(path, "--publish")

    assert "0 created, 0 updated, 3 unchanged" in out
    assert counts() == after_first


@pytest.mark.django_db
def test_reimport_updates_the_page_in_place_and_replaces_only_changed_files(folder):
    run(write_jsonl(folder, [material()], name="v1.jsonl"), "--publish")
    page = MaterialPage.objects.get(slug="weather-gestures")
    old_pdf = page.attachments.get(sort_order=0).document
    revisions = page.revisions.count()
    (folder / "files/sunny-v2.png").write_bytes(image_bytes(colour="#ff8800"))
    changed = material(
        title="Weather gesture relay",
        tags=["weather", "relay"],
        files=[
            {"path": "files/weather-cards.pdf", "title": "Weather cards (A4)"},
            "files/sunny-v2.png",
        ],
    )

    out, _ = run(write_jsonl(folder, [changed], name="v2.jsonl"))

    assert "0 created, 1 updated" in out
    assert MaterialPage.objects.filter(slug="weather-gestures").count() == 1
    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1
    # Without --publish a live page keeps its published version; the change waits as a draft.
    assert page.title == "Weather gesture game"
    assert page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Weather gesture relay"
    assert sorted(tag.name for tag in draft.tags.all()) == ["relay", "weather"]

    run(write_jsonl(folder, [changed], name="v2.jsonl"), "--publish")
    page.refresh_from_db()
    assert page.title == "Weather gesture relay"
    assert not page.has_unpublished_changes
    attachments = list(page.attachments.order_by("sort_order"))
    assert attachments[0].document == old_pdf  # same content: not stored again
    assert read_file(attachments[1].image) == (folder / "files/sunny-v2.png").read_bytes()
    assert Document.objects.count() == 1
    assert Tag.objects.filter(name__iexact="weather").count() == 1


@pytest.mark.django_db
def test_tags_and_units_are_shared_not_duplicated_across_pages(folder):
    second = material(slug="weather-relay", tags=["Weather", "relay"])

    run(write_jsonl(folder, [material(), second]), "--publish")

    assert Tag.objects.filter(name__iexact="weather").count() == 1
    assert TextbookUnit.objects.filter(label="Lesson 3").count() == 1
    assert TextbookSeries.objects.filter(name__iexact="crown english communication i").count() == 1
    assert Document.objects.count() == 1
    assert Image.objects.count() == 1


# -- Markdown → body blocks --------------------------------------------------------------
def blocks(text):
    return markdown_to_blocks(text, kind_of)


def test_sections_map_to_their_blocks():
    result = blocks(
        "Intro.\n\n## Steps\n1. One\n2. Two\n\n## Materials needed\n* Cards\n\n"
        "## Variations\n1. Faster\n\n## Tips\n- HRT: Walk around.\n- ALT: Smile.\n"
        "  Keep going.\n\n## Warm-up routine\n1. Stand up\n2. Stretch\n"
    )

    assert result == [
        ("rich_text", "<p>Intro.</p>"),
        ("steps", {"heading": "Steps", "steps": ["One", "Two"]}),
        ("materials_needed", {"items": ["Cards"]}),
        ("variations", {"variations": ["Faster"]}),
        ("tips", {"jte_tip": "Walk around.", "alt_tip": "Smile.\nKeep going."}),
        ("steps", {"heading": "Warm-up routine", "steps": ["Stand up", "Stretch"]}),
    ]


def test_a_section_that_does_not_fit_its_block_stays_text():
    result = blocks("## Materials\nBring whatever you have.\n\n## Tips\nBe kind.")

    assert result == [
        ("rich_text", "<h2>Materials</h2><p>Bring whatever you have.</p>"),
        ("rich_text", "<h2>Tips</h2><p>Be kind.</p>"),
    ]


def test_script_and_raw_html_in_markdown_come_out_as_inert_text():
    html = markdown_to_rich_text(
        "Hello <script>alert('x')</script> <img src=x onerror=alert(1)>\n\n"
        "<iframe src='https://evil.example'></iframe>\n\n"
        "[click](javascript:alert(1)) [mail](mailto:alt@example.org) "
        "![pic](https://example.org/a.png)\n\n```\n<b>code</b>\n```"
    )

    assert "<script" not in html
    assert "<img" not in html
    assert "<iframe" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html  # shown as typed, never run
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" not in html
    assert '<a href="mailto:alt@example.org">mail</a>' in html
    assert '<a href="https://example.org/a.png">pic</a>' in html
    assert "&lt;b&gt;code&lt;/b&gt;" in html


def test_rich_text_keeps_only_the_allowed_tags():
    html = markdown_to_rich_text(
        "# Big\n\n##### Small\n\n**bold** *italic* `code`\n\n> quoted\n\n- a\n\n- b\n\n---\n"
    )

    assert html == (
        "<h2>Big</h2><h4>Small</h4><p><b>bold</b> <i>italic</i> code</p><p>quoted</p>"
        "<ul><li>a</li><li>b</li></ul>"
    )


def test_media_lines_become_media_blocks():
    result = blocks(
        '![Sunny card](files/sunny.png "The sunny card")\n\n'
        "[Worksheet](files/sheet.pdf)\n\n"
        "[Greeting chant](files/hello.mp3)\n> Hello!\n> How are you?\n\n"
        "<https://www.youtube.com/watch?v=abc>\n\n"
        "[A web page](https://example.org/page.pdf)"
    )

    kinds = [kind for kind, _ in result]
    assert kinds == ["image", "document", "audio", "embed", "rich_text"]
    assert result[0][1]["image"].path == "files/sunny.png"
    assert result[0][1]["caption"] == "The sunny card"
    assert result[0][1]["alt_text"] == "Sunny card"
    assert result[2][1]["transcript"] == "Hello!\nHow are you?"
    assert result[3][1] == "https://www.youtube.com/watch?v=abc"


@pytest.mark.django_db
def test_publishing_a_draft_that_is_already_up_to_date(folder):
    path = write_jsonl(folder, [material()])
    run(path)
    assert not MaterialPage.objects.get(slug="weather-gestures").live

    out, _ = run(path, "--publish")

    assert "0 created, 1 updated, 0 unchanged" in out
    page = MaterialPage.objects.get(slug="weather-gestures")
    assert page.live
    assert not page.has_unpublished_changes


@pytest.mark.django_db
def test_a_unit_title_given_in_the_file_corrects_the_unit(folder):
    run(write_jsonl(folder, [material()], name="v1.jsonl"), "--publish")
    units = [
        {
            "series": "let's try!",
            "grade": "ES4",
            "unit": "Unit 2",
            "title_ja": "すきな遊びをつたえよう",
        }
    ]

    out, _ = run(
        write_jsonl(folder, [material(textbook_units=units)], name="v2.jsonl"), "--publish"
    )

    unit = TextbookUnit.objects.get(series__name="Let's Try!", grade__code="ES4", label="Unit 2")
    assert (unit.title, unit.title_ja) == ("Let's play cards.", "すきな遊びをつたえよう")
    page = MaterialPage.objects.get(slug="weather-gestures")
    assert list(page.textbook_units.all()) == [unit]
    assert "1 updated" in out


def test_full_width_colons_and_japanese_headings_are_understood():
    result = blocks("## 準備物\n- カード\n\n## 指導のポイント\nJTE\uff1aペアを作る\nALT: Smile.")

    assert result == [
        ("materials_needed", {"items": ["カード"]}),
        ("tips", {"jte_tip": "ペアを作る", "alt_tip": "Smile."}),
    ]
