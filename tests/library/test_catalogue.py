"""The textbook catalogue: the shipped file is sound and sourced, the migration loads it
(and a second load changes nothing), links that materials already have survive, units sort
by number, a unit names itself in both languages, and editors keep it in the admin."""

import copy

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from library.catalogue.labels import number_from_label
from library.catalogue.loader import catalogue_problems, load_catalogue, read_catalogue
from library.models import Grade, TextbookSeries, TextbookUnit
from library.school_facts import TEXTBOOK_SERIES
from tests.factories.library import MaterialPageFactory

CATALOGUE = read_catalogue()
WHAT_TIME_JA = "今，何時？"  # noqa: RUF001 (the book prints full-width punctuation)


def grade_entries():
    for series in CATALOGUE["series"]:
        for code, grade in series["grades"].items():
            yield series, code, grade


# -- the file --------------------------------------------------------------------------------
def test_the_shipped_file_has_no_problems():
    assert catalogue_problems(CATALOGUE) == []


def test_every_authorised_series_is_there_with_every_grade_it_covers():
    shipped = {series["name"]: set(series["grades"]) for series in CATALOGUE["series"]}
    for name, _publisher, _publisher_ja, grade_codes in TEXTBOOK_SERIES:
        assert shipped.get(name) == set(grade_codes), name


def test_every_series_has_a_kana_reading_and_an_edition():
    readings = {series["name"]: series["name_reading"] for series in CATALOGUE["series"]}
    assert readings["NEW HORIZON"] == "ニューホライズン"
    assert readings["Let's Try!"] == "レッツトライ"
    assert readings["Here We Go!"] == "ヒアウィーゴー"
    for series in CATALOGUE["series"]:
        assert series["edition"], series["name"]
        assert series["edition_ja"], series["name"]


def test_labels_are_unique_and_numbers_run_without_gaps():
    for series, code, grade in grade_entries():
        labels = [unit["label"] for unit in grade["units"]]
        numbers = sorted(unit["number"] for unit in grade["units"])
        assert len(labels) == len(set(labels)), (series["name"], code)
        if numbers and not grade.get("gap_note"):
            assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        for unit in grade["units"]:
            assert number_from_label(unit["label"]) == unit["number"], unit["label"]


def test_every_title_has_a_source_and_every_gap_says_why():
    for series, code, grade in grade_entries():
        if not grade["complete"] or not grade["units"]:
            assert grade["note"], (series["name"], code)
        for unit in grade["units"]:
            if unit["title"] or unit["title_ja"]:
                assert unit["sources"], (series["name"], code, unit["label"])
                assert all(url.startswith(("https://", "http://")) for url in unit["sources"])
            assert unit["unconfirmed"] is (not unit["title"])


def test_the_checker_names_what_is_wrong():
    broken = copy.deepcopy(CATALOGUE)
    new_horizon = next(s for s in broken["series"] if s["name"] == "NEW HORIZON")
    units = new_horizon["grades"]["JHS2"]["units"]
    units[1]["sources"] = []
    units[2]["label"] = units[3]["label"]
    units.pop(5)
    new_horizon["name_reading"] = "new horizon"
    problems = "\n".join(catalogue_problems(broken))
    assert "'Unit 1': a titled unit needs the URL it was taken from" in problems
    assert "unit labels and numbers must be unique" in problems
    assert "skip a number" in problems
    assert "name_reading must be written in kana" in problems
    with pytest.raises(ValueError, match="The textbook catalogue has problems"):
        load_catalogue(django_apps, data=broken)


def test_label_numbers():
    assert number_from_label("Unit 10") == 10
    assert number_from_label("Program 2") == 2
    assert number_from_label("Lesson 3 Part 1") == 3
    assert number_from_label("Unit \uff10") == 0  # a full-width digit
    assert number_from_label("Starter") is None


# -- the migration and the loader ---------------------------------------------------------------
@pytest.mark.django_db
def test_the_migrated_database_holds_the_catalogue():
    for series_entry, code, grade in grade_entries():
        series = TextbookSeries.objects.get(name=series_entry["name"])
        assert series.name_reading == series_entry["name_reading"]
        assert series.edition == series_entry["edition"]
        assert series.grades.filter(code=code).exists()
        for entry in grade["units"]:
            unit = TextbookUnit.objects.get(series=series, grade__code=code, label=entry["label"])
            assert (unit.number, unit.title, unit.title_ja) == (
                entry["number"],
                entry["title"],
                entry["title_ja"],
            )
            assert unit.edition == series_entry["edition"]
    # The series seeded by 0004 were updated, not duplicated.
    assert TextbookSeries.objects.count() == len(CATALOGUE["series"])


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    before = list(TextbookUnit.objects.values().order_by("pk"))
    report = load_catalogue(django_apps)
    assert report.changed == 0
    assert report.unchanged == sum(len(g["units"]) for _s, _c, g in grade_entries()) + len(
        CATALOGUE["series"]
    )
    assert list(TextbookUnit.objects.values().order_by("pk")) == before


@pytest.mark.django_db
def test_a_reload_keeps_links_ids_and_what_editors_wrote():
    series = TextbookSeries.objects.get(name="NEW HORIZON")
    jhs2 = Grade.objects.get(code="JHS2")
    unit = TextbookUnit.objects.get(series=series, grade=jhs2, label="Unit 5")
    # As an import or an editor might have left things before this edition was loaded:
    TextbookUnit.objects.filter(pk=unit.pk).update(title="Old title", number=None, edition="2021")
    extra = TextbookUnit.objects.create(series=series, grade=jhs2, label="Unit 9")
    untitled = TextbookUnit.objects.get(series=series, grade__code="JHS1", label="Unit 3")
    untitled.title = "Written by an editor"
    untitled.save()
    material = MaterialPageFactory(title="Universal design walk")
    material.textbook_units.add(unit, extra)

    report = load_catalogue(django_apps)

    unit.refresh_from_db()
    assert unit.title == "What design is good for everyone?"
    assert (unit.number, unit.edition) == (5, "2025")
    assert report.units_updated == 1
    assert report.units_created == 0
    assert set(material.textbook_units.all()) == {unit, extra}  # nothing deleted or relinked
    untitled.refresh_from_db()
    assert untitled.title == "Written by an editor"  # an empty title in the file erases nothing
    assert TextbookUnit.objects.filter(pk=extra.pk).exists()  # not in the file, still kept


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_the_units_materials_already_use():
    """Roll the library back to before the catalogue, tag a material with a unit as the old
    seeding left it, migrate forward: same unit row, same link, now titled and numbered."""
    series = TextbookSeries.objects.get(name="NEW HORIZON")
    unit = TextbookUnit.objects.get(series=series, grade__code="JHS2", label="Unit 3")
    material = MaterialPageFactory(title="Dream job speeches")
    material.textbook_units.add(unit)
    before_catalogue = [("library", "0005_rich_text_headings")]

    executor = MigrationExecutor(connection)
    # Forward to the newest library migration, whatever it is: stopping short would leave
    # later tests a table without the newest columns.
    latest = executor.loader.graph.leaf_nodes("library")
    try:
        executor.migrate(before_catalogue)
        old_apps = executor.loader.project_state(before_catalogue).apps
        old_apps.get_model("library", "TextbookUnit").objects.filter(pk=unit.pk).update(title="")
        executor.loader.build_graph()
        executor.migrate(latest)
    finally:
        # The migrations empty the content-type cache; refill it while the rows are here, or
        # the next test's restore of the database would recreate content types it then
        # inserts again.
        ContentType.objects.get_for_models(*django_apps.get_models(), for_concrete_models=False)

    unit.refresh_from_db()
    assert unit.title == "What kind of job are you interested in?"
    assert unit.number == 3
    assert list(material.textbook_units.all()) == [unit]
    assert TextbookSeries.objects.filter(name__iexact="new horizon").count() == 1


# -- the model -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_units_sort_by_number_so_unit_10_follows_unit_9():
    labels = list(
        TextbookUnit.objects.filter(series__name="NEW HORIZON", grade__code="JHS1").values_list(
            "label", flat=True
        )
    )
    assert labels == [f"Unit {n}" for n in range(11)]
    added = TextbookUnit.objects.create(
        series=TextbookSeries.objects.get(name="NEW CROWN"),
        grade=Grade.objects.get(code="JHS1"),
        label="Lesson 12",
    )
    assert added.number == 12


@pytest.mark.django_db
def test_a_unit_names_itself_in_english_and_japanese():
    unit = TextbookUnit.objects.get(series__name="NEW HORIZON", grade__code="JHS2", label="Unit 5")
    assert unit.display_name("en") == "NEW HORIZON 2 · Unit 5: What design is good for everyone?"
    assert unit.display_name("en", with_book=False) == "Unit 5: What design is good for everyone?"
    lets_try = TextbookUnit.objects.get(
        series__name="Let's Try!", grade__code="ES4", label="Unit 4"
    )
    assert lets_try.display_name("en") == "Let's Try! 2 · Unit 4: What time is it?"
    assert lets_try.display_name("ja") == f"Let's Try! 2 · Unit 4: {WHAT_TIME_JA}"
    # Without a Japanese title the English one shows; without any title, the label.
    assert unit.display_name("ja") == unit.display_name("en")
    bare = TextbookUnit.objects.get(series__name="NEW HORIZON", grade__code="JHS1", label="Unit 9")
    assert bare.display_name("ja") == "NEW HORIZON 1 · Unit 9"
    with translation.override("ja"):
        assert lets_try.display_name() == f"Let's Try! 2 · Unit 4: {WHAT_TIME_JA}"
    # A series whose name already names the book (senior high) is not numbered.
    crown = TextbookSeries.objects.create(
        name="CROWN English Communication I", book_numbering="none"
    )
    shs1 = Grade.objects.get(code="SHS1")
    lesson = TextbookUnit.objects.create(series=crown, grade=shs1, label="Lesson 3", title="Robots")
    assert lesson.display_name("en") == "CROWN English Communication I · Lesson 3: Robots"


@pytest.mark.django_db
def test_units_of_an_earlier_edition_are_told_apart():
    series = TextbookSeries.objects.get(name="NEW HORIZON")
    old = TextbookUnit.objects.create(
        series=series, grade=Grade.objects.get(code="JHS1"), label="Unit 11", edition="2021"
    )
    current = TextbookUnit.objects.in_current_edition()
    assert not old.in_current_edition
    assert old not in current
    assert current.filter(series=series, label="Unit 10").exists()


# -- the admin -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_editors_keep_the_catalogue_in_the_admin(client, editor):
    client.force_login(editor)
    series = TextbookSeries.objects.get(name="NEW HORIZON")
    unit = TextbookUnit.objects.get(series=series, grade__code="JHS2", label="Unit 5")

    listing = client.get(reverse("wagtailsnippets_library_textbookseries:list"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "ニューホライズン" in html
    assert f"?series={series.pk}" in html  # the link to the series' units

    units = client.get(
        reverse("wagtailsnippets_library_textbookunit:list"), {"series": series.pk, "q": "design"}
    )
    assert units.status_code == 200
    assert "What design is good for everyone?" in units.content.decode()
    assert "Nice to Meet You" not in units.content.decode()

    edit = reverse("wagtailsnippets_library_textbookseries:edit", args=[series.pk])
    assert client.get(edit).status_code == 200
    unit_edit = reverse("wagtailsnippets_library_textbookunit:edit", args=[unit.pk])
    assert client.get(unit_edit).status_code == 200
    response = client.post(
        unit_edit,
        {
            "series": series.pk,
            "grade": unit.grade_id,
            "label": "Unit 5",
            "number": "",
            "title": "Universal design",
            "title_ja": "ユニバーサルデザイン",
            "edition": "2025",
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.title == "Universal design"
    assert unit.title_ja == "ユニバーサルデザイン"
    assert unit.number == 5
