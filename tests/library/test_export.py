"""`manage.py export_library`, and export → import giving the same library back."""

import json
import re
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from demo.library import DEMO_FILE
from library.blocks import LibraryBodyBlock
from library.exporting.markdown import body_to_markdown
from library.importing.files import kind_of
from library.importing.markdown_blocks import markdown_to_blocks
from library.markdown.rich_text import markdown_to_rich_text, rich_text_to_markdown, sanitise_html
from library.models import (
    Grade,
    LibraryAttachment,
    LibraryPage,
    MaterialPage,
    RubricCriterion,
    SpeechContestGuidePage,
    TextbookSeries,
    TextbookUnit,
)
from tests.factories.library import (
    ClubActivityPageFactory,
    MaterialPageFactory,
    SpeechContestGuidePageFactory,
)
from tests.library.sample_files import image_bytes, weasyprint_pdf_bytes

Document = get_document_model()
Image = get_image_model()
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10 + b"\xff\xfb\x90\x64" + b"\x00" * 400


def make_document(name: str, data: bytes, title: str) -> Document:
    document = Document(title=title, file=ContentFile(data, name=name))
    document._set_document_file_metadata()
    document.save()
    return document


def make_image(name: str, data: bytes, title: str) -> Image:
    image = Image(title=title, file=ContentFile(data, name=name))
    image._set_image_file_metadata()
    image.save()
    return image


def file_bytes(item) -> bytes:
    with item.open_file() as handle:
        return handle.read()


def snapshot(page: LibraryPage) -> dict:
    """Everything a teacher sees on the page, files by their bytes."""
    page = page.specific
    body = []
    for block in page.body:
        value = block.value
        if block.block_type in ("steps", "materials_needed", "variations", "tips"):
            value = {
                key: list(item) if not isinstance(item, str) else item
                for key, item in value.items()
            }
        elif block.block_type == "rich_text":
            # Draftail's block keys are editor bookkeeping, not content.
            value = re.sub(r' data-block-key="[^"]*"', "", value.source)
        elif block.block_type in ("image", "document", "audio"):
            value = {
                key: file_bytes(item) if hasattr(item, "file") else item
                for key, item in value.items()
            }
        elif block.block_type == "embed":
            value = value.url
        body.append((block.block_type, value))
    state = {
        "type": type(page).__name__,
        "live": page.live,
        "path_parent": page.get_parent().specific_class.__name__,
        **{
            name: getattr(page, name)
            for name in (
                "title",
                "title_ja",
                "summary",
                "summary_ja",
                "duration_minutes",
                "licence",
                "author_credit",
            )
        },
        "body": body,
        "grades": sorted(g.code for g in page.grades.all()),
        "skills": sorted(s.code for s in page.skills.all()),
        "activity_types": sorted(a.code for a in page.activity_types.all()),
        "units": sorted(
            (u.series.name, u.grade.code, u.label, u.title, u.title_ja)
            for u in page.textbook_units.all()
        ),
        "tags": sorted(t.name for t in page.tags.all()),
        "files": [
            (a.shown_title, bool(a.image_id), file_bytes(a.document or a.image))
            for a in page.attachments.order_by("sort_order")
        ],
    }
    if isinstance(page, SpeechContestGuidePage):
        state["contest"] = (page.category, page.time_limit_seconds)
        state["rubric"] = [
            (c.criterion, c.criterion_ja, c.points) for c in page.rubric_criteria.all()
        ]
    if hasattr(page, "season"):
        state["club"] = (page.group_size, page.season)
    return state


@pytest.fixture
def library(db):
    """Pages as editors make them in the admin: every block type, files, rubric, units."""
    worksheet = make_document(
        "past-tense-worksheet.pdf", weasyprint_pdf_bytes("Last weekend"), "Find someone who (A4)"
    )
    audio = make_document("greeting.mp3", MP3, "greeting")
    picture = make_image("clock_faces.png", image_bytes(colour="#2a9d8f"), "Clock faces")
    series = TextbookSeries.objects.create(name="ELEMENT English Communication II", sort_order=50)
    shs2 = Grade.objects.get(code="SHS2")
    series.grades.add(shs2)
    unit = TextbookUnit.objects.create(
        series=series, grade=shs2, label="Lesson 4", title="Robots", title_ja="ロボット"
    )
    # The catalogue ships this unit; the test wants it as a bare, untitled unit.
    nh_unit, _created = TextbookUnit.objects.update_or_create(
        series=TextbookSeries.objects.get(name="NEW HORIZON"),
        grade=Grade.objects.get(code="JHS2"),
        label="Unit 3",
        defaults={"title": "", "title_ja": ""},
    )

    material = MaterialPageFactory(
        title="Past tense: find someone who",
        slug="past-tense-find-someone",
        title_ja="過去形の復習ゲーム",
        summary="Students ask *what did you do* questions.",
        summary_ja="週末にしたことを過去形でたずね合います。",
        duration_minutes=20,
        licence="cc-by-nc-sa",
        author_credit="佐藤 健一 (JTE)",
        grades=["JHS1", "JHS2"],
        skills=["spoken_interaction", "writing"],
        activity_types=["game", "worksheet", "review"],
        tags=["past tense", "Find someone who", "週末"],
    )
    material.textbook_units.set([nh_unit, unit])
    material.body = [
        (
            "rich_text",
            '<p data-block-key="a1">Review <b>regular</b> and <i>irregular</i> verbs &amp; '
            'see <a href="https://www.mext.go.jp/">MEXT</a>. Use 2 * 3 = 6 [sic] snake_case.</p>'
            "<ul><li>went</li><li>ate<ul><li>eat → ate</li></ul></li></ul>",
        ),
        ("materials_needed", {"items": ["Worksheet, one per student", "Timer"]}),
        (
            "steps",
            {
                "heading": "How to play",
                "steps": [
                    "Hand out the sheet.",
                    "Ask: Did you …?\nWrite the name.",
                    "3. Report back.",
                ],
            },
        ),
        ("variations", {"variations": ["Use *will* for next weekend."]}),
        ("tips", {"jte_tip": "Check the verbs first.", "alt_tip": ""}),
        ("rich_text", "<p>A second text block straight after the tips.</p>"),
        ("image", {"image": picture, "caption": 'The "clock" card', "alt_text": "Clock [faces]"}),
        ("document", {"document": worksheet, "label": "Worksheet (A4)"}),
        (
            "audio",
            {"audio": audio, "caption": "Greeting chant", "transcript": "Hello!\n\nHow are you?"},
        ),
        ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ("rich_text", "<p>Last words.</p>"),
    ]
    material.attachments = [
        LibraryAttachment(document=worksheet, sort_order=0),
        LibraryAttachment(image=picture, title="Clock faces (colour)", sort_order=1),
        LibraryAttachment(document=audio, sort_order=2),
    ]
    material.save_revision().publish()

    guide = SpeechContestGuidePageFactory(
        title="Original speech guide",
        slug="original-speech-guide",
        title_ja="弁論の指導",
        category="original",
        time_limit_seconds=300,
        rubric=[("Content", "内容", 40), ("Delivery", "態度", 35), ("Pronunciation", "発音", 25)],
    )
    club = ClubActivityPageFactory(
        title="Christmas cards",
        slug="christmas-cards",
        group_size=3,
        season="christmas",
        tags=["Christmas"],
    )
    draft = MaterialPageFactory(title="Unfinished", slug="unfinished", live=False)
    return {"material": material, "guide": guide, "club": club, "draft": draft}


def wipe_library():
    """The clean database an editor imports into: no pages, files, units or tags of ours."""
    for page in LibraryPage.objects.all():
        page.delete()
    RubricCriterion.objects.all().delete()
    for item in [*Document.objects.all(), *Image.objects.all()]:
        item.file.delete(save=False)  # Wagtail would do it on commit; tests never commit
        item.delete()
    TextbookUnit.objects.all().delete()
    TextbookSeries.objects.filter(name__startswith="ELEMENT").delete()
    Tag.objects.all().delete()


@pytest.mark.django_db
def test_export_then_import_round_trips_without_loss(library, tmp_path):
    before = {
        slug: snapshot(LibraryPage.objects.get(slug=slug))
        for slug in ("past-tense-find-someone", "original-speech-guide", "christmas-cards")
    }
    out = StringIO()
    call_command("export_library", str(tmp_path / "library.jsonl"), stdout=out)
    assert "Exported 3 pages" in out.getvalue()

    wipe_library()
    assert not LibraryPage.objects.exists()
    call_command("import_library", str(tmp_path / "library.jsonl"), "--publish", stdout=StringIO())

    for slug, expected in before.items():
        after = snapshot(LibraryPage.objects.get(slug=slug))
        for field, value in expected.items():
            assert after[field] == value, f"{slug}: {field} differs"
    assert Document.objects.count() == 2
    assert Image.objects.count() == 1

    # And a second export of the imported library is the same file.
    call_command("export_library", str(tmp_path / "again.jsonl"), stdout=StringIO())
    assert (tmp_path / "again.jsonl").read_text() == (tmp_path / "library.jsonl").read_text()


@pytest.mark.django_db
def test_export_writes_the_import_format_with_files_beside_it(library, tmp_path):
    path = tmp_path / "out" / "library.jsonl"
    call_command("export_library", str(path), stdout=StringIO())

    records = [json.loads(line) for line in path.read_text().splitlines()]
    material = next(r for r in records if r["slug"] == "past-tense-find-someone")
    assert material["type"] == "material"
    assert material["grades"] == ["JHS1", "JHS2"]
    assert material["textbook_units"][0] == {
        "series": "NEW HORIZON",
        "grade": "JHS2",
        "unit": "Unit 3",
    }
    assert material["files"][0] == {
        "path": "files/past-tense-find-someone/past-tense-worksheet.pdf",
        "title": "Find someone who (A4)",
    }
    for entry in material["files"]:
        relative = entry if isinstance(entry, str) else entry["path"]
        assert (path.parent / relative).is_file()
    assert "## How to play\n\n1. Hand out the sheet." in material["body"]
    guide = next(r for r in records if r["slug"] == "original-speech-guide")
    assert sum(row["points"] for row in guide["rubric"]) == 100
    assert "unfinished" not in {r["slug"] for r in records}


@pytest.mark.django_db
def test_export_by_type_and_with_drafts(library, tmp_path):
    call_command(
        "export_library",
        str(tmp_path / "m.jsonl"),
        "--type",
        "material",
        "--include-drafts",
        stdout=StringIO(),
    )

    slugs = [json.loads(line)["slug"] for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert slugs == ["past-tense-find-someone", "unfinished"]


@pytest.mark.django_db
def test_include_drafts_exports_the_latest_draft_of_a_live_page(library, tmp_path):
    page = MaterialPage.objects.get(slug="past-tense-find-someone")
    page.title = "Past tense: find someone who (new draft)"
    page.save_revision()

    call_command(
        "export_library", str(tmp_path / "live.jsonl"), "--type", "material", stdout=StringIO()
    )
    call_command(
        "export_library",
        str(tmp_path / "drafts.jsonl"),
        "--type",
        "material",
        "--include-drafts",
        stdout=StringIO(),
    )

    def title(name):
        return json.loads((tmp_path / name).read_text().splitlines()[0])["title"]

    assert title("live.jsonl") == "Past tense: find someone who"
    assert title("drafts.jsonl") == "Past tense: find someone who (new draft)"


def test_exported_markdown_reads_back_as_the_same_blocks():
    """Block-level fidelity without the database: the importer's dialect, both ways."""
    body = LibraryBodyBlock().normalize(
        [
            (
                "steps",
                {"heading": "Ends with #", "steps": ["1. literal", "- literal", "JTE: literal"]},
            ),
            ("tips", {"jte_tip": "Two\nlines", "alt_tip": "One"}),
            ("rich_text", "<h3>Small heading</h3><p>1. Not a list.<br/># not a heading</p>"),
            ("rich_text", "<ol><li>a</li><li>b</li></ol>"),
        ]
    )

    markdown = body_to_markdown(body, lambda item: "")
    blocks = markdown_to_blocks(markdown, kind_of)

    assert blocks == [
        ("steps", {"heading": "Ends with #", "steps": ["1. literal", "- literal", "JTE: literal"]}),
        ("tips", {"jte_tip": "Two\nlines", "alt_tip": "One"}),
        ("rich_text", "<h3>Small heading</h3><p>1. Not a list.<br/># not a heading</p>"),
        ("rich_text", "<ol><li>a</li><li>b</li></ol>"),
    ]


@pytest.mark.parametrize(
    "html",
    [
        '<p>Hello <b>bold</b>, <i>it</i> and <a href="https://x.org/a_b?q=1&amp;r=2">li*nk</a>.</p>',
        "<p>snake_case_word 2 * 3 = 6 [x] `code` \\ back</p>",
        "<p>1. not a list</p><p>- not a list</p><p># not a heading</p><p>&gt; not a quote</p>",
        "<p>a<br/>b<br/>- c</p>",
        "<h2>Heading #</h2><p>text</p>",
        "<ul><li>one</li><li>two<ul><li>nested</li></ul></li><li>three</li></ul>",
        "<ol><li>first</li><li>second<br/>line</li></ol>",
        "<p>天気の表現を<b>学ぼう</b>。過去形の復習ゲーム</p>",
        "<p>&amp;lt; literal &amp; Q&amp;A &lt;b&gt;</p>",
        '<p><b><i>both</i></b> <a href="mailto:a@b.c">mail</a> <a href="/library/x/">site</a></p>',
        '<p><a href="https://en.wikipedia.org/wiki/Foo_(bar)">wiki</a> (aside)</p>',
        "<p>+ plus first</p><p>12) paren</p><p>&lt;https://not.an.embed&gt;</p>",
    ],
)
def test_rich_text_survives_markdown_both_ways(html):
    canonical = sanitise_html(html)

    assert markdown_to_rich_text(rich_text_to_markdown(canonical)) == canonical


@pytest.fixture
def empty_storage(settings):
    """A file storage of the test's own. Files other tests stored stay in the shared one
    (tests never commit, so Wagtail never deletes them), and a name already taken gets a
    random suffix the exporter may not recognise as one (library/exporting/records.py)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.mark.django_db
def test_the_demo_library_exports_the_same_after_a_round_trip(empty_storage, tmp_path):
    """Every block the demo uses, through every block's own export and import."""
    call_command("import_library", str(DEMO_FILE), "--publish", stdout=StringIO())
    call_command("export_library", str(tmp_path / "first" / "demo.jsonl"), stdout=StringIO())

    wipe_library()
    call_command(
        "import_library", str(tmp_path / "first" / "demo.jsonl"), "--publish", stdout=StringIO()
    )
    call_command("export_library", str(tmp_path / "second" / "demo.jsonl"), stdout=StringIO())

    first = (tmp_path / "first" / "demo.jsonl").read_text(encoding="utf-8")
    assert len(first.splitlines()) == len(DEMO_FILE.read_text(encoding="utf-8").splitlines())
    assert (tmp_path / "second" / "demo.jsonl").read_text(encoding="utf-8") == first
    for path in (tmp_path / "first" / "files").rglob("*"):
        if path.is_file():
            copy = tmp_path / "second" / path.relative_to(tmp_path / "first")
            assert copy.read_bytes() == path.read_bytes(), path.name
