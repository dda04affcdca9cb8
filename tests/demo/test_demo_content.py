"""The demo library: it imports cleanly, is rich enough to try Kyozai with, and loading the
demo twice duplicates nothing."""

import importlib.util
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision

from demo.library import DEMO_FILE
from library.models import (
    ClubActivityPage,
    LibraryAttachment,
    LibraryPage,
    MaterialPage,
    SpeechContestGuidePage,
    TextbookSeries,
    TextbookUnit,
)

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
DEMO_FILES = DEMO_FILE.parent / "files"


def library_counts() -> dict[str, int]:
    return {
        "pages": LibraryPage.objects.count(),
        "revisions": Revision.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "attachments": LibraryAttachment.objects.count(),
        "tags": Tag.objects.count(),
        "units": TextbookUnit.objects.count(),
        "series": TextbookSeries.objects.count(),
    }


@pytest.mark.django_db
def test_the_demo_library_loads_bilingual_and_twice_duplicates_nothing():
    entries = len(DEMO_FILE.read_text(encoding="utf-8").splitlines())
    out = StringIO()
    call_command("load_demo", stdout=out)

    assert f"Demo library: {entries} created, 0 updated, 0 unchanged, 0 skipped" in out.getvalue()
    materials = MaterialPage.objects.live()
    assert materials.count() >= 60
    assert SpeechContestGuidePage.objects.live().count() >= 5
    assert ClubActivityPage.objects.live().count() >= 10
    stages = {grade.code[:2] for page in materials for grade in page.grades.all()}
    assert stages == {"ES", "JH", "SH"}
    for page in LibraryPage.objects.specific():
        assert JAPANESE.search(page.title_ja), page.slug
        assert JAPANESE.search(page.summary_ja), page.slug
        assert page.summary, page.slug
        assert page.author_credit, page.slug
        assert page.duration_minutes, page.slug
        kinds = {block.block_type for block in page.body}
        assert {"steps", "materials_needed", "variations", "tips"} <= kinds, page.slug
    for guide in SpeechContestGuidePage.objects.all():
        assert sum(c.points for c in guide.rubric_criteria.all()) == 100
    weights = {
        tuple(c.points for c in guide.rubric_criteria.all())
        for guide in SpeechContestGuidePage.objects.all()
    }
    assert len(weights) == 5  # every contest weighs its criteria differently
    assert LibraryAttachment.objects.count() >= 12
    after_first = library_counts()

    out = StringIO()
    call_command("load_demo", stdout=out)

    assert f"Demo library: 0 created, 0 updated, {entries} unchanged, 0 skipped" in out.getvalue()
    assert library_counts() == after_first


def test_the_demo_files_are_small_and_every_one_is_used():
    files = [path for path in DEMO_FILES.iterdir() if path.is_file()]
    assert all(path.stat().st_size < 60 * 1024 for path in files)
    # About 100 files: a Word file alone is ~36 KB (python-docx's styles and theme).
    assert sum(path.stat().st_size for path in files) < 3 * 1024 * 1024

    listed = set()
    for line in DEMO_FILE.read_text(encoding="utf-8").splitlines():
        for entry in json.loads(line)["files"]:
            listed.add(entry if isinstance(entry, str) else entry["path"])
    assert {f"files/{path.name}" for path in files} == listed


def test_every_material_that_mentions_cards_sheets_or_slides_has_such_a_file():
    """demo/content/make_files.py was run and its output committed: cards as a PDF to
    print, worksheets as Word files, slides as PowerPoint files."""
    spec = importlib.util.spec_from_file_location("make_files", DEMO_FILE.parent / "make_files.py")
    make_files = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_files)
    formats = {"cards": {"pdf", "png"}, "sheet": {"pdf", "docx"}, "slides": {"pptx"}}
    checked = 0
    for line in DEMO_FILE.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        assert make_files.kinds_wanted(entry) == [], entry["slug"]
        text = " ".join(entry.get(key, "") for key in ("title", "summary", "body"))
        names = [item if isinstance(item, str) else item["path"] for item in entry["files"]]
        for kind, pattern in make_files.MENTIONS.items():
            if pattern.search(text):
                checked += 1
                assert any(name.rsplit(".", 1)[-1] in formats[kind] for name in names), (
                    entry["slug"],
                    kind,
                )
                assert all((DEMO_FILE.parent / name).is_file() for name in names)
    assert checked > 60
