"""Every page type and every main view, rendered in Japanese, says nothing in English
that is Kyozai's own: each visible text and label (placeholders, aria-labels, titles,
alternative texts) is searched for English words, and any left after the allowed names
(Kyozai, textbook series, ALT / JTE…) and the test's own content fails the test, naming
the page and the text. Content in the other language is marked `lang="en"` and skipped:
that is the author's, shown on purpose beside the Japanese."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from lessons.services.editing import add_step, create_plan
from library.models import (
    ClubIndexPage,
    Grade,
    MaterialIndexPage,
    SpeechContestIndexPage,
    TextbookSeries,
    TextbookUnit,
)
from library.units.addresses import unit_url
from tests.factories.accounts import TeacherFactory
from tests.factories.library import (
    ClubActivityPageFactory,
    MaterialPageFactory,
    SpeechContestGuidePageFactory,
)

pytestmark = pytest.mark.django_db

# Names, abbreviations and codes that are the same in Japanese text.
ALLOWED = [
    "Kyozai",
    "NEW HORIZON",
    "Unit",  # as printed in the book: "Unit 5"
    "Tokyo Shoseki",
    "ALT",
    "JTE",
    "HRT",
    "PDF",
    "Creative Commons",
    "CC BY-NC-SA",
    "CC BY-NC",
    "CC BY-SA",
    "CC BY",
    "QR",
    "Markdown",
    "English",  # the language switch names its language in that language
    "YouTube",
    "Vimeo",
    "A4",
    "B4",
    "A3",
    "mp3",
    "m4a",
    "e.g.",
    "OK",
    "Q&A",
    "Word",
    "PowerPoint",
    "Excel",
    "PNG",
    "JPG",
    "GIF",
    "MP3",
    "M4A",
    "MB",
    "CC0",
    "AJET",
    "CIR",
    "JIS",
    "US",
    "TT",
    "CAN-DO",
    "CSV",
    "UTF-8",
    "Shift_JIS",
]
# English words Japanese help texts give as examples of what to type (search words, tags,
# a step's name, a colleague's name).
EXAMPLES = ["weather", "bingo", "game", "worksheet", "song", "Small talk", "Sam"]
# What this test writes as a page's or plan's content, in English: the author's words.
CONTENT = [
    "Weather bingo",
    "Students mark the weather they hear.",
    "Read the weather words aloud.",
    "Bingo sheets",
    "Play with animals instead.",
    "Explain the rules in Japanese if the class is lost.",
    "Model the game with the JTE before the class plays.",
    "A short activity for the start of class.",
    "Recitation guide",
    "Halloween quiz",
    "Pronunciation",
    "Fluency",
    "Delivery",
    "Universal Design",
    "hana_jte@example.jp",
    "hana_jte",
    "zzqqxx",  # a search's words, repeated to the teacher
]
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]+")
SKIPPED_ELEMENTS = {"script", "style", "template", "noscript"}
LABEL_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class VisibleText(HTMLParser):
    """The texts a reader sees or hears in <body>, outside elements marked as another
    language or hidden from everyone."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its content skipped?
        self.in_body = False
        self.texts: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self.in_body = True
        lang = attributes.get("lang")
        skipped = (
            self.skipping
            or tag in SKIPPED_ELEMENTS
            or (lang is not None and not lang.startswith("ja"))
            or "hidden" in attributes
        )
        if self.in_body and not skipped:
            self.texts.extend(attributes[name] for name in LABEL_ATTRIBUTES if attributes.get(name))
            if tag == "input" and attributes.get("type") in ("submit", "button"):
                self.texts.append(attributes.get("value") or "")
        if tag not in VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_body and not self.skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def textbook_names() -> list[str]:
    """The textbook catalogue's series and unit titles: the books' own words."""
    series = list(TextbookSeries.objects.values_list("name", flat=True))
    titles = TextbookUnit.objects.exclude(title="").values_list("title", flat=True)
    return [*series, *titles]


def english_left(html: str, names: list[str] = ()) -> list[str]:
    """The visible texts that still hold an English word once names and content are out."""
    parser = VisibleText()
    parser.feed(html)
    allowed_words = sorted([*ALLOWED, *EXAMPLES, *CONTENT, *names], key=len, reverse=True)
    found = []
    for text in parser.texts:
        rest = text
        for allowed in allowed_words:
            rest = rest.replace(allowed, " ")
        if ENGLISH_WORD.search(rest):
            found.append(text)
    return sorted(set(found))


@pytest.fixture
def site_in_japanese(client):
    """A library with one page of each type for a textbook unit, a teacher with a plan."""
    unit, _created = TextbookUnit.objects.update_or_create(
        series=TextbookSeries.objects.get(name="NEW HORIZON"),
        grade=Grade.objects.get(code="JHS2"),
        label="Unit 5",
        defaults={"number": 5, "title": "Universal Design", "title_ja": "ユニバーサルデザイン"},
    )
    body = {
        "body__0__steps__heading": "How to run it",
        "body__0__steps__steps__0": "Read the weather words aloud.",
        "body__1__materials_needed__items__0": "Bingo sheets",
        "body__2__variations__variations__0": "Play with animals instead.",
        "body__3__tips__jte_tip": "Explain the rules in Japanese if the class is lost.",
    }
    common = {"grades": ["JHS2"], "skills": ["listening"], "activity_types": ["game"], **body}
    material = MaterialPageFactory(
        title="Weather bingo",
        title_ja="天気ビンゴ",
        summary="Students mark the weather they hear.",
        summary_ja="聞こえた天気に印をつけるビンゴです。",
        tags=["天気"],
        **common,
    )
    # Steps headed as the Markdown importer keeps them ("## Coaching steps").
    guide = SpeechContestGuidePageFactory(
        title_ja="暗唱の指導", **{**common, "body__0__steps__heading": "Coaching steps"}
    )
    club = ClubActivityPageFactory(title="Halloween quiz", title_ja="ハロウィンクイズ", **common)
    for page in (material, guide, club):
        page.textbook_units.add(unit)
        page.save_revision().publish()
    teacher = TeacherFactory(username="hana_jte", display_name="田中 花子", preferred_language="ja")
    plan = create_plan(
        teacher,
        {"title": "天気の授業", "grade": unit.grade, "textbook_unit": unit, "language": "ja"},
    )
    add_step(plan.pk, teacher, {"minutes": 10, "student_activity": "ビンゴをする"}, [material.pk])
    client.cookies["django_language"] = "ja"
    school_class, unit_plan, yearly_plan = _school_of(teacher, unit)
    return {
        "school_class": school_class,
        "unit_plan": unit_plan,
        "yearly_plan": yearly_plan,
        "client": client,
        "material": material,
        "guide": guide,
        "club": club,
        "unit": unit,
        "teacher": teacher,
        "plan": plan,
    }


def _school_of(teacher, unit):
    """南中学校 with the teacher, a class, a unit plan and a yearly plan (issue #15)."""
    from lessons.models import UnitPlan, YearlyPlan
    from lessons.services.unitplans import with_lessons
    from schools.models import School, SchoolClass, SchoolMembership

    school = School.objects.create(name="南中学校", stage="JHS")
    SchoolMembership.objects.create(school=school, user=teacher, role="jte")
    school_class = SchoolClass.objects.create(
        school=school, academic_year=2026, grade=unit.grade, name="2年3組", students=30
    )
    unit_plan = UnitPlan.objects.create(
        school_class=school_class, owner=teacher, title="夏の思い出", lesson_count=3
    )
    with_lessons(unit_plan)
    yearly_plan = YearlyPlan.objects.create(
        school=school, school_class=school_class, grade=unit.grade, academic_year=2026
    )
    return school_class, unit_plan, yearly_plan


def public_pages(site) -> dict[str, str]:
    return {
        "home": "/",
        "library": MaterialIndexPage.objects.get().url,
        "library, filtered by unit": MaterialIndexPage.objects.get().url
        + f"?textbook={site['unit'].series_id}&grade=JHS2&unit={site['unit'].pk}",
        "speech contests": SpeechContestIndexPage.objects.get().url,
        "English club": ClubIndexPage.objects.get().url,
        "material": site["material"].url,
        "speech-contest guide": site["guide"].url,
        "club activity": site["club"].url,
        "unit page": unit_url(site["unit"]),
        "search": "/search/",
        "search with results": f"/search/?q=ビンゴ&textbook={site['unit'].series_id}",
        "search with nothing found": "/search/?q=zzqqxx",
        "log in": reverse("accounts:login"),
        "sign up": reverse("accounts:sign_up"),
        "print a material": reverse(
            "library_printing:judging_sheet_dialog", args=[site["guide"].pk]
        ),
    }


def teacher_pages(site) -> dict[str, str]:
    plan = site["plan"].pk
    return {
        "my lessons": reverse("lessons:my_lessons"),
        "new plan": reverse("lessons:new"),
        "plan editor": reverse("lessons:plan", args=[plan]),
        "plan history": reverse("lessons:history", args=[plan]),
        "co-planners": reverse("lessons:members", args=[plan]),
        "print a plan": reverse("lesson_printing:dialog", args=[plan]),
        "add to a plan": reverse("lessons:add_material", args=[site["material"].pk]),
        "saved": reverse("shelf:saved"),
        "share a material": reverse("sharing:new"),
        "my submissions": reverse("sharing:mine"),
        "profile": reverse("accounts:profile"),
        "my schools": reverse("schools:my_schools"),
        "a school": reverse("schools:school", args=[site["school_class"].school_id]),
        "add a colleague": reverse("schools:add_colleague", args=[site["school_class"].school_id]),
        "a new class": reverse("schools:new_class", args=[site["school_class"].school_id]),
        "a new school": reverse("schools:new"),
        "a class": reverse("lessons:class_page", args=[site["school_class"].pk]),
        "a new unit plan": reverse("lessons:new_unit_plan", args=[site["school_class"].pk]),
        "a unit plan": reverse("lessons:unit_plan", args=[site["unit_plan"].pk]),
        "editing a unit plan": reverse("lessons:edit_unit_plan", args=[site["unit_plan"].pk]),
        "copying a unit plan": reverse("lessons:copy_unit_plan", args=[site["unit_plan"].pk]),
        "a yearly plan": reverse("lessons:yearly_plan", args=[site["yearly_plan"].pk]),
        "importing a yearly plan": reverse("lessons:yearly_import", args=[site["yearly_plan"].pk]),
    }


def untranslated(client, pages: dict[str, str]) -> dict[str, list[str]]:
    names = textbook_names()
    problems = {}
    for name, url in pages.items():
        response = client.get(url, follow=True)
        assert response.status_code == 200, f"{name}: {url} answered {response.status_code}"
        html = response.content.decode()
        assert '<html lang="ja">' in html, f"{name} is not in Japanese"
        left = english_left(html, names)
        if left:
            problems[name] = left
    return problems


def test_every_public_page_is_in_japanese(site_in_japanese):
    problems = untranslated(site_in_japanese["client"], public_pages(site_in_japanese))
    assert not problems, problems


def test_every_teacher_page_is_in_japanese(site_in_japanese):
    client = site_in_japanese["client"]
    client.force_login(site_in_japanese["teacher"])
    problems = untranslated(client, teacher_pages(site_in_japanese))
    assert not problems, problems


def test_grades_read_as_japanese_teachers_write_them(site_in_japanese):
    client = site_in_japanese["client"]
    for url in (
        MaterialIndexPage.objects.get().url,
        "/search/?q=ビンゴ",
        unit_url(site_in_japanese["unit"]),
        site_in_japanese["material"].url,
    ):
        html = client.get(url).content.decode()
        assert "中2" in html, url
        assert not re.search(r">[^<]*\b(ES|JHS|SHS)[1-6]\b[^<]*<", html), url


def test_the_checker_finds_english():
    html = (
        '<html lang="ja"><body><h2>How to run it</h2><p lang="en">Weather</p>'
        "<p>天気 Kyozai</p></body></html>"
    )
    assert english_left(html) == ["How to run it"]
