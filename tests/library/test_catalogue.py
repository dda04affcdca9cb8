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
    latest = executor.loader.graph.leaf_nodes()  # every app: none left behind
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


# -- this edition of the file (#13.1) -------------------------------------------------------
def series_entry(name: str) -> dict:
    return next(series for series in CATALOGUE["series"] if series["name"] == name)


def test_a_grade_is_complete_only_with_units_and_a_title_only_with_its_source():
    broken = copy.deepcopy(CATALOGUE)
    crown = next(s for s in broken["series"] if s["name"] == "NEW CROWN")
    crown["grades"]["JHS1"]["complete"] = True  # no units: cannot be the book's whole list
    elementary = next(s for s in broken["series"] if s["name"] == "NEW HORIZON Elementary")
    guessed = elementary["grades"]["ES5"]["units"][5]
    guessed.update(title="A guessed title", unconfirmed=False)  # and no source
    del elementary["grades"]["ES6"]["units"][0]["label"]
    problems = "\n".join(catalogue_problems(broken))
    assert "'NEW CROWN' JHS1: a grade without units cannot be 'complete'" in problems
    assert "'Unit 6': a titled unit needs the URL it was taken from" in problems
    assert "'NEW HORIZON Elementary' ES6 None: the label must be 1 to 40 characters" in problems


def test_every_complete_grade_has_units_and_every_empty_grade_says_why():
    for series, code, grade in grade_entries():
        if grade["complete"]:
            assert grade["units"], (series["name"], code)
        if not grade["units"]:
            assert "no units are shipped" in grade["note"] or "none are shipped" in grade["note"]


def test_new_horizon_elementary_lists_every_unit_a_source_shows():
    grades = series_entry("NEW HORIZON Elementary")["grades"]
    es5 = {unit["label"]: unit for unit in grades["ES5"]["units"]}
    es6 = {unit["label"]: unit for unit in grades["ES6"]["units"]}
    assert list(es5) == [f"Unit {n}" for n in range(1, 9)]
    assert list(es6) == [f"Unit {n}" for n in range(1, 7)]
    assert es5["Unit 4"]["title"] == "Who is this?"
    assert es5["Unit 8"]["title"] == "Who is your hero?"
    assert es6["Unit 4"]["title"] == "Let's see the world."
    assert [label for label, unit in es5.items() if unit["unconfirmed"]] == ["Unit 6"]
    assert [label for label, unit in es6.items() if unit["unconfirmed"]] == ["Unit 2", "Unit 5"]
    # Whether the books go on past Unit 8 and Unit 6 no source says: not complete.
    assert not grades["ES5"]["complete"]
    assert not grades["ES6"]["complete"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_new_catalogue_migration_brings_an_existing_database_up_to_date():
    """A database migrated before this edition of the file (0010): Unit 8 missing, Unit 4
    untitled, a material and a plan on Unit 4, an editor's own Unit 9. Migrating adds and
    titles the units and keeps every link and what the editor wrote."""
    from tests.factories.lessons import LessonPlanFactory

    series = TextbookSeries.objects.get(name="NEW HORIZON Elementary")
    es5 = Grade.objects.get(code="ES5")
    unit4 = TextbookUnit.objects.get(series=series, grade=es5, label="Unit 4")
    editors_unit = TextbookUnit.objects.create(
        series=series, grade=es5, label="Unit 9", title="Added by an editor"
    )
    material = MaterialPageFactory(title="Who can do it? quiz")
    material.textbook_units.add(unit4, editors_unit)
    plan = LessonPlanFactory(grade="ES5", textbook_unit=unit4)
    before = [("library", "0010_attachments_have_page_previews_and_text")]

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()  # every app: none left behind
    assert ("library", "0011_catalogue_new_horizon_elementary_units") in latest or any(
        name > "0011" for _app, name in latest
    )
    try:
        executor.migrate(before)
        old_units = executor.loader.project_state(before).apps.get_model("library", "TextbookUnit")
        old_units.objects.filter(pk=unit4.pk).update(title="")
        old_units.objects.filter(series_id=series.pk, grade_id=es5.pk, label="Unit 8").delete()
        executor.loader.build_graph()
        executor.migrate(latest)
    finally:
        ContentType.objects.get_for_models(*django_apps.get_models(), for_concrete_models=False)

    unit4.refresh_from_db()
    assert unit4.title == "Who is this?"
    unit8 = TextbookUnit.objects.get(series=series, grade=es5, label="Unit 8")
    assert (unit8.number, unit8.title, unit8.edition) == (8, "Who is your hero?", "2024")
    assert set(material.textbook_units.all()) == {unit4, editors_unit}
    plan.refresh_from_db()
    assert plan.textbook_unit_id == unit4.pk
    editors_unit.refresh_from_db()
    assert editors_unit.title == "Added by an editor"


# -- editors in the admin: add a series, rename a unit, mark an edition ----------------------
def series_form(series: TextbookSeries, **changes) -> dict:
    form = {
        "name": series.name,
        "name_reading": series.name_reading,
        "publisher": series.publisher,
        "publisher_ja": series.publisher_ja,
        "stage": series.stage,
        "book_numbering": series.book_numbering,
        "grades": [grade.pk for grade in series.grades.all()],
        "edition": series.edition,
        "edition_ja": series.edition_ja,
        "sort_order": series.sort_order,
    }
    return {**form, **changes}


@pytest.mark.django_db
def test_an_editor_adds_a_series_with_its_grades(client, editor):
    client.force_login(editor)
    add = reverse("wagtailsnippets_library_textbookseries:add")
    assert client.get(add).status_code == 200
    shs1 = Grade.objects.get(code="SHS1")
    response = client.post(
        add,
        {
            "name": "Vivid English Communication I",
            "name_reading": "ビビッド",
            "publisher": "Daiichi Gakushusha",
            "publisher_ja": "第一学習社",
            "stage": "SHS",
            "book_numbering": "none",
            "grades": [shs1.pk],
            "edition": "2022",
            "edition_ja": "令和4年度版",
            "sort_order": "40",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = TextbookSeries.objects.get(name="Vivid English Communication I")
    assert list(added.grades.values_list("code", flat=True)) == ["SHS1"]
    assert (added.edition, added.edition_ja) == ("2022", "令和4年度版")
    assert added.publisher_ja == "第一学習社"
    # Its units are added the same way, and name themselves with the series.
    unit_add = reverse("wagtailsnippets_library_textbookunit:add")
    response = client.post(
        unit_add,
        {
            "series": added.pk,
            "grade": shs1.pk,
            "label": "Lesson 1",
            "number": "",
            "title": "Kerama Blue",
            "title_ja": "",
            "edition": "2022",
        },
    )
    assert response.status_code == 302
    lesson = TextbookUnit.objects.get(series=added, label="Lesson 1")
    assert lesson.number == 1
    assert lesson.display_name("en") == "Vivid English Communication I · Lesson 1: Kerama Blue"


@pytest.mark.django_db
def test_an_editor_renames_a_unit_and_a_reload_keeps_the_name(client, editor):
    client.force_login(editor)
    unit = TextbookUnit.objects.get(
        series__name="NEW HORIZON Elementary", grade__code="ES5", label="Unit 6"
    )
    assert unit.title == ""  # no source gave its title
    response = client.post(
        reverse("wagtailsnippets_library_textbookunit:edit", args=[unit.pk]),
        {
            "series": unit.series_id,
            "grade": unit.grade_id,
            "label": "Unit 6",
            "number": "6",
            "title": "What would you like?",
            "title_ja": "注文しよう",
            "edition": unit.edition,
        },
    )
    assert response.status_code == 302
    load_catalogue(django_apps)  # the next catalogue migration
    unit.refresh_from_db()
    assert (unit.title, unit.title_ja) == ("What would you like?", "注文しよう")
    assert unit.display_name("ja") == "NEW HORIZON Elementary 5 · Unit 6: 注文しよう"


@pytest.mark.django_db
def test_an_editor_marks_a_new_edition_and_the_old_units_are_told_apart(client, editor):
    client.force_login(editor)
    series = TextbookSeries.objects.get(name="NEW HORIZON")
    edit = reverse("wagtailsnippets_library_textbookseries:edit", args=[series.pk])
    response = client.post(edit, series_form(series, edition="2029", edition_ja="令和11年度版"))
    assert response.status_code == 302, response.content.decode()[:2000]
    series.refresh_from_db()
    assert (series.edition, series.edition_ja) == ("2029", "令和11年度版")
    old = TextbookUnit.objects.get(series=series, grade__code="JHS2", label="Unit 5")
    assert not old.in_current_edition  # still there for the materials that use it
    assert not TextbookUnit.objects.in_current_edition().filter(pk=old.pk).exists()
    listing = client.get(reverse("wagtailsnippets_library_textbookseries:list"))
    assert "2029" in listing.content.decode()


@pytest.mark.django_db
def test_teachers_cannot_change_the_catalogue(client, teacher):
    client.force_login(teacher)
    series = TextbookSeries.objects.get(name="NEW HORIZON")
    edit = reverse("wagtailsnippets_library_textbookseries:edit", args=[series.pk])
    response = client.post(edit, series_form(series, edition="1999"))
    assert response.status_code in (302, 403)
    series.refresh_from_db()
    assert series.edition == "2025"
