# ruff: noqa: RUF001 - en dashes and full-width brackets are what the PDFs print
"""Printing lesson plans (issue #6): real PDFs from the real views.

The team-teaching plan and the 学習指導案 (略案, 細案) at A4, JIS B4 and Letter; the text
and fonts inside; escaping; print packs with bookmarks; the render cache keyed by the plan's
content; and the same 404 as the plan itself for everyone who may not read it.
"""

import io
import os
import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfWriter
from wagtail.documents.models import Document

from lessons.models import LessonStep
from lessons.printing.layouts import content_version
from lessons.printing.printouts import plan_key as _key
from lessons.services.editing import add_step, update_header, update_step
from library.models import Grade, LibraryAttachment
from printing.cache import pdf_cache_key
from printing.inspect import embedded_fonts, extract_text, page_sizes, page_texts
from printing.packs import outline_titles
from printing.papers import Paper
from tests.factories.library import MaterialPageFactory
from tests.factories.sample_plan import build_sample_plan
from tests.printing.worker import (
    open_dialog,
    print_through_jobs,
    replace_stored_pdf,
    stored_pdf,
)

SIZES = {"A4": (595.3, 841.9), "B4": (728.5, 1031.8), "LETTER": (612.0, 792.0)}
LAYOUTS = ["team_teaching", "ryakuan", "saian"]
EVIL = '<img src="file:///etc/passwd">'
DUMP = os.environ.get("KYOZAI_PRINT_DUMP")  # a folder: keep the PDFs to look at


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf(response, name: str = "") -> bytes:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    if DUMP and name:
        with open(os.path.join(DUMP, name + ".pdf"), "wb") as handle:
            handle.write(pdf)
    return pdf


def _blank_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def owner_client(team, client_for):
    return client_for(team.owner)


@pytest.fixture
def plan(team):
    """The sample ten-step JHS2 plan, owned by the team's owner and shared like its plan."""
    from lessons.models import MemberRole, PlanMember, Visibility

    plan = build_sample_plan(team.owner)
    PlanMember.objects.create(plan=plan, user=team.editor, role=MemberRole.EDITOR)
    PlanMember.objects.create(plan=plan, user=team.viewer, role=MemberRole.VIEWER)
    type(plan).objects.filter(pk=plan.pk).update(visibility=Visibility.SHARED)
    plan.refresh_from_db()
    return plan


def _get(client, name, plan_id, **query):
    """Ask as a browser would: the dialog is asked again once its preview is printed, and a
    PDF or preview is fetched once its background job has run."""
    url = reverse(f"lesson_printing:{name}", args=[plan_id])
    if name == "dialog":
        return open_dialog(client, url, query)
    return print_through_jobs(client, url, query)


# --- Layouts, paper sizes and text ---------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("paper", ["A4", "B4", "LETTER"])
def test_every_layout_prints_at_every_paper_size(owner_client, plan, layout, paper):
    pdf = _pdf(_get(owner_client, "pdf", plan.pk, layout=layout, paper=paper), f"{layout}-{paper}")
    sizes = {(round(w, 1), round(h, 1)) for w, h in page_sizes(pdf)}
    assert sizes == {SIZES[paper]}
    pages = len(page_sizes(pdf))
    # Ten steps: a two-page plan, a little more for the 細案 with its unit sections.
    assert 1 <= pages <= (4 if layout == "saian" else 3)
    fonts = embedded_fonts(pdf)
    assert fonts
    assert all(font.is_subset for font in fonts)
    assert all(font.file_bytes < 400_000 for font in fonts)


def test_team_teaching_plan_in_english_with_the_plans_japanese(owner_client, plan):
    text = extract_text(_pdf(_get(owner_client, "pdf", plan.pk, layout="team_teaching")))
    flat = _flat(text)
    for heading in ("Team-teachinglessonplan", "Studentactivity", "Lessonflow", "CAN-DO"):
        assert heading in flat
    assert "JTE" in text
    assert "ALT" in text
    assert "HRT" not in text
    # What teachers typed, Japanese and English, comes out as the same strings.
    assert _flat(plan.goal) in flat
    assert "週末の出来事についてペアで話す。" in flat
    assert _flat("Models the conversation with the JTE and gives feedback") in flat
    # Minutes per step and the running clock a JTE reads the lesson by.
    assert "0–3" in text
    assert "3–8" in text
    assert "47–50" in text
    # The unit as teachers name it: "NEW HORIZON 2 · Unit 3: <the catalogue's title>".
    assert "NEWHORIZON2·Unit3:" in flat
    assert "Period3" in flat
    assert "Thursday11June2026" in flat


def test_team_teaching_headings_in_japanese_when_chosen(owner_client, plan):
    english = _flat(extract_text(_pdf(_get(owner_client, "pdf", plan.pk, language="en"))))
    japanese = _flat(extract_text(_pdf(_get(owner_client, "pdf", plan.pk, language="ja"))))
    assert "2年" in japanese  # the grade's Japanese name
    assert english != japanese


def test_ryakuan_has_its_sections_and_the_teacher_columns(owner_client, plan):
    text = extract_text(_pdf(_get(owner_client, "pdf", plan.pk, layout="ryakuan")))
    flat = _flat(text)
    headings = ("1日時", "2学年・組", "3単元名", "4本時の目標", "5本時の評価規準", "6本時の展開")
    for heading in ("学習指導案", *headings, "7板書計画"):
        assert heading in flat, heading
    for column in ("時間", "学習活動", "指導上の留意点", "評価", "JTE", "ALT"):
        assert column in flat
    assert "【思考・判断・表現】" in flat
    assert "2026年6月11日（木）" in flat
    assert "第3校時" in flat
    assert "週末の出来事についてペアで話す。" in flat
    assert "生徒の発話を支援し、つまずいている生徒に表現のヒントを与える。" in flat
    # The short form leaves the unit sections to the 細案.
    assert "単元について" not in flat
    assert "単元指導計画" not in flat


def test_saian_adds_the_unit_sections_before_the_lesson(owner_client, plan):
    flat = _flat(extract_text(_pdf(_get(owner_client, "pdf", plan.pk, layout="saian"))))
    order = [
        "1日時",
        "4単元について",
        "5単元の目標",
        "6単元の評価規準",
        "7単元指導計画",
        "8本時の目標",
        "9本時の評価規準",
        "10本時の展開",
        "11板書計画",
    ]
    positions = [flat.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "主体的に学習に取り組む態度" in flat
    assert _flat(plan.criteria_attitude) in flat


def test_empty_sections_are_left_out_and_numbers_close_up(team, owner_client):
    plan = team.plan  # no date, unit, goal or unit sections; two steps
    flat = _flat(extract_text(_pdf(_get(owner_client, "pdf", plan.pk, layout="saian"))))
    for missing in (
        "日時",
        "単元名",
        "単元について",
        "単元の目標",
        "評価規準",
        "単元指導計画",
        "本時の目標",
        "評価（観点）",
    ):
        assert missing not in flat, missing
    assert flat.count("教材") == 1  # only the running header's "Kyozai 教材"
    assert "1学年・組" in flat
    assert "2本時の展開" in flat
    english = _flat(extract_text(_pdf(_get(owner_client, "pdf", plan.pk))))
    assert "Goal" not in english
    assert "CAN-DO" not in english
    assert "Unit" not in english


def test_elementary_plans_name_the_homeroom_teacher(team, owner_client):
    plan = team.plan
    update_header(plan.pk, team.owner, {"grade": Grade.objects.get(code="ES5")}, plan.version)
    for layout in ("team_teaching", "ryakuan"):
        text = extract_text(_pdf(_get(owner_client, "pdf", plan.pk, layout=layout)))
        assert "HRT" in text
        assert "JTE" not in text


def test_what_teachers_type_prints_as_text_never_as_markup(team, owner_client):
    plan = team.plan
    step = team.steps[0]
    update_step(
        plan.pk,
        step.pk,
        team.owner,
        {"student_activity": EVIL, "alt_role": "<b>x</b>"},
        None,
        step.version,
    )
    update_header(plan.pk, team.owner, {"title": "Plan <script>1</script>"}, plan.version)
    for layout in LAYOUTS:
        pdf = _pdf(_get(owner_client, "pdf", plan.pk, layout=layout))
        flat = _flat(extract_text(pdf))
        assert _flat(EVIL) in flat
        assert "<b>x</b>" in flat
        assert "<script>1</script>" in flat


def test_a_long_plan_runs_onto_more_pages_with_the_header_repeated(team, owner_client):
    plan = build_sample_plan(team.owner, steps=30)
    pdf = _pdf(_get(owner_client, "pdf", plan.pk, layout="ryakuan"))
    texts = page_texts(pdf)
    assert len(texts) >= 3
    # The table's header rows repeat on every page the table runs onto.
    assert all("指導上の留意点" in _flat(text) for text in texts[1:-1])
    # The running header (title) and "page X of Y" on every page.
    for number, text in enumerate(texts, start=1):
        assert _flat(plan.title)[:20] in _flat(text)
        with translation.override("ja"):  # the 学習指導案 counts its pages in Japanese
            counter = gettext("Page %(page)s of %(pages)s") % {
                "page": number,
                "pages": len(texts),
            }
        assert _flat(counter) in _flat(text)


# --- Materials, QR codes and print packs ----------------------------------------------------


@pytest.fixture
def materials(plan, team):
    """Two live materials on steps 2 and 7: one with a good PDF, a broken PDF and a Word
    file; the other with a two-page PDF."""
    bingo = MaterialPageFactory(title="Summer bingo", slug="summer-bingo", live=True)
    cards = MaterialPageFactory(title="Picture cards", slug="picture-cards", live=True)
    good = Document.objects.create(
        title="Bingo sheet", file=ContentFile(_blank_pdf(1), name="bingo.pdf")
    )
    broken = Document.objects.create(
        title="Answer key", file=ContentFile(b"%PDF-1.4 not really", name="key.pdf")
    )
    word = Document.objects.create(
        title="Teacher script", file=ContentFile(b"PK\x03\x04docx", name="script.docx")
    )
    two = Document.objects.create(
        title="Card set", file=ContentFile(_blank_pdf(2), name="cards.pdf")
    )
    LibraryAttachment.objects.create(page=bingo, document=good, sort_order=0)
    LibraryAttachment.objects.create(page=bingo, document=broken, sort_order=1)
    LibraryAttachment.objects.create(page=bingo, document=word, sort_order=2)
    LibraryAttachment.objects.create(page=cards, document=two, sort_order=0)
    steps = list(LessonStep.objects.filter(plan=plan).order_by("position"))
    update_step(plan.pk, steps[1].pk, team.owner, {}, [bingo.pk], steps[1].version)
    update_step(plan.pk, steps[6].pk, team.owner, {}, [cards.pk, bingo.pk], steps[6].version)
    return bingo, cards


def test_materials_list_titles_links_and_qr_codes(owner_client, plan, materials):
    pdf = _pdf(_get(owner_client, "pdf", plan.pk), "team_teaching-materials")
    flat = _flat(extract_text(pdf))
    assert "Summerbingo" in flat
    assert "Picturecards" in flat
    assert "http://testserver/library/" in flat or "http://testserver/" in flat
    assert "Teacherscript(DOCX)" in flat
    assert flat.count("Summerbingo(Step2,7)") == 1  # listed once, with the steps using it
    # One QR code per material and per listed file (the good PDF too: this is no pack).
    from lessons.printing.layouts import plan_print
    from printing.render import render_html

    printout = plan_print(plan, "team_teaching", "en")
    html = render_html(printout.template_name, printout.context(), title=printout.title)
    assert html.count('class="qr" src="data:image/svg+xml;base64,') == 2 + 4


def test_print_pack_has_the_plan_then_each_pdf_once_with_bookmarks(owner_client, plan, materials):
    plain = _pdf(_get(owner_client, "pdf", plan.pk, layout="ryakuan"))
    pack = _pdf(_get(owner_client, "pack", plan.pk, layout="ryakuan"), "pack")
    plan_pages = len(page_sizes(plain))
    assert len(page_sizes(pack)) == plan_pages + 1 + 2  # bingo sheet, two-page card set
    titles = outline_titles(pack)
    assert titles == [
        f"学習指導案 {plan.title}",
        "Summer bingo: Bingo sheet",
        "Picture cards: Card set",
    ]
    plan_text = _flat(extract_text(pack))
    # The broken PDF and the Word file are listed in the plan with their links instead.
    assert "Answerkey" in plan_text
    assert "Teacherscript" in plan_text
    assert "Bingosheet(PDF)" not in plan_text  # it is in the pack, not in the list


# --- Caching -------------------------------------------------------------------------------


def test_a_repeated_download_comes_from_the_cache_and_any_save_renews_it(team, owner_client):
    plan = team.plan
    options = {"layout": "team_teaching", "paper": Paper.A4, "language": "en"}
    first_version = content_version(plan)
    key = _key(plan, first_version, options, "")
    assert stored_pdf(key) is None
    first = _pdf(_get(owner_client, "pdf", plan.pk))
    assert stored_pdf(key) == first
    # Served from the store: change what the store holds and the download follows it.
    replace_stored_pdf(key, first + b"%cached")
    assert _pdf(_get(owner_client, "pdf", plan.pk)) == first + b"%cached"

    step = LessonStep.objects.get(pk=team.steps[1].pk)
    update_step(
        plan.pk, step.pk, team.owner, {"alt_role": "Plays the shop keeper."}, None, step.version
    )
    second_version = content_version(plan)
    assert second_version != first_version
    fresh = _pdf(_get(owner_client, "pdf", plan.pk))
    assert "Playstheshopkeeper." in _flat(extract_text(fresh))
    assert stored_pdf(_key(plan, second_version, options, "")) == fresh

    add_step(plan.pk, team.owner, {"phase": "reflection", "minutes": 5, "title": "Bye"})
    third = content_version(plan)
    update_header(
        plan.pk,
        team.owner,
        {"goal": "Talk about plans."},
        type(plan).objects.get(pk=plan.pk).version,
    )
    assert len({first_version, second_version, third, content_version(plan)}) == 4


def test_cache_keys_differ_by_layout_paper_and_language(team, owner_client):
    plan = team.plan
    version = content_version(plan)
    keys = {
        pdf_cache_key(
            _key(plan, version, {"layout": layout, "paper": paper, "language": language}, "")
        )
        for layout in LAYOUTS
        for paper in Paper
        for language in ("en", "ja")
    }
    assert len(keys) == 3 * 3 * 2


# --- The dialog and the preview ----------------------------------------------------------


def test_print_dialog_offers_layouts_paper_and_a_preview(team, owner_client):
    response = _get(owner_client, "dialog", team.plan.pk)
    assert response.status_code == 200
    html = response.content.decode()
    for value in ("team_teaching", "ryakuan", "saian", "B4", "LETTER"):
        assert f'value="{value}"' in html
    assert reverse("lesson_printing:preview", args=[team.plan.pk]) in html
    assert reverse("lesson_printing:pack", args=[team.plan.pk]) in html
    assert 'hx-get="' in html
    assert 'type="submit"' in html
    chosen = _get(owner_client, "dialog", team.plan.pk, layout="saian", paper="b4")
    assert chosen.status_code == 200
    assert "layout=saian&amp;paper=B4" in chosen.content.decode()


def test_bad_options_are_a_400_with_a_message_never_a_500(team, owner_client):
    for name in ("dialog", "pdf", "preview", "pack"):
        for query in ({"paper": "A3"}, {"layout": "poster"}, {"language": "fr"}):
            response = _get(owner_client, name, team.plan.pk, **query)
            assert response.status_code == 400, (name, query)
    html = _get(owner_client, "pdf", team.plan.pk, paper="A3").content.decode()
    assert "A3" in html
    # Two ways back: the print options and the plan.
    assert f'href="{reverse("lesson_printing:dialog", args=[team.plan.pk])}"' in html
    assert f'href="{reverse("lessons:plan", args=[team.plan.pk])}"' in html


def test_preview_is_a_png_of_page_one(team, owner_client):
    response = _get(owner_client, "preview", team.plan.pk, layout="ryakuan", paper="B4")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


def test_the_plan_editor_links_to_the_print_dialog(team, owner_client):
    html = owner_client.get(reverse("lessons:plan", args=[team.plan.pk])).content.decode()
    assert reverse("lesson_printing:dialog", args=[team.plan.pk]) in html


# --- Who may print -----------------------------------------------------------------------

URL_NAMES = ["dialog", "pdf", "preview", "pack"]


@pytest.mark.parametrize("name", URL_NAMES)
@pytest.mark.parametrize("role", ["owner", "editor", "viewer"])
def test_members_may_print(team, client_for, name, role):
    response = _get(client_for(team.user(role)), name, team.plan.pk)
    assert response.status_code == 200


@pytest.mark.parametrize("name", URL_NAMES)
def test_strangers_anonymous_and_guessed_ids_get_404(team, client_for, name):
    assert _get(client_for(team.stranger), name, team.plan.pk).status_code == 404
    assert _get(Client(), name, team.plan.pk).status_code == 404
    assert _get(client_for(team.owner), name, team.plan.pk + 999).status_code == 404
    assert _get(Client(), name, team.plan.pk + 999).status_code == 404


def test_a_private_plan_is_404_to_its_former_viewers(team, client_for):
    from lessons.models import Visibility

    type(team.plan).objects.filter(pk=team.plan.pk).update(visibility=Visibility.PRIVATE)
    for name in URL_NAMES:
        assert _get(client_for(team.viewer), name, team.plan.pk).status_code == 404
