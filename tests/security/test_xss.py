"""Hostile text through every text field a person can fill, out through every way it is
shown: HTML pages (escaped, never live markup), the JSON API (the same text back, as JSON)
and PDFs (WeasyPrint prints the text; nothing in it becomes an element or a fetch).

Fields: the share form (titles, summaries, steps, materials, variations, tips, tags,
credit), a plan's header and steps, comments, search queries (page, API, suggestions) and
people's display names (sign-up and profile).
"""

import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from library.models import MaterialPage
from printing.fetcher import PrintFetcher
from tests.printing.worker import print_through_jobs

from .world import AJET, ANONYMOUS, OWNER, VIEWER, share_form_data

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute break": '"><img src=x onerror=alert(1)>',
    "javascript url": "javascript:alert(1)",
    "textarea break": "</textarea><svg onload=alert(1)>",
    "template": "{{7*7}} {% now 'Y' %}",
    "japanese mixed": "天気<script>alert('雨')</script>ビンゴ",
}
# Live markup any payload would leave in a page if it were not escaped ("onerror=alert"
# after an escaped "&lt;img" is harmless text), and an attribute the payload's quote closed.
RAW_MARKERS = ("<script>alert", "<img src=x", "<svg onload", "</textarea><svg", '"&gt;&lt;img')
JAVASCRIPT_LINK = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)

# For the PDFs: one text with every kind of markup that could make WeasyPrint load
# something (a picture, a stylesheet, a local file) if it reached it unescaped.
# 100 characters: it fits a step's title.
PDF_PAYLOAD = (
    '天気<script>alert(1)</script>"><img src=x><link rel=stylesheet href=x.css>'
    "<img src=file:///etc/passwd>"
)

SHARE_TEXT_FIELDS = (
    "title",
    "title_ja",
    "summary",
    "summary_ja",
    "steps",
    "materials_needed",
    "variations",
    "jte_tip",
    "alt_tip",
    "tags",
    "author_credit",
)
HEADER_TEXT_FIELDS = (
    "title",
    "class_name",
    "goal",
    "can_do",
    "unit_about",
    "unit_goals",
    "criteria_knowledge",
    "criteria_thinking",
    "criteria_attitude",
    "unit_plan_text",
)
STEP_TEXT_FIELDS = (
    "title",
    "student_activity",
    "jte_role",
    "alt_role",
    "teacher_notes",
    "evaluation",
)


def assert_no_live_markup(html: str, where: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in html, f"{where}: {marker!r} reached the page unescaped"
    assert not JAVASCRIPT_LINK.search(html), f"{where}: a javascript: link"


def assert_shown_escaped(html: str, payload: str, where: str) -> None:
    assert_no_live_markup(html, where)
    assert escape(payload) in html, f"{where}: the text is not shown (escaped) at all"


def page_html(client, address, **params) -> str:
    response = client.get(address, params)
    assert response.status_code == 200, (address, response.status_code)
    return response.content.decode()


# --- the share form -----------------------------------------------------------------


@pytest.fixture
def publish(django_capture_on_commit_callbacks, world):
    """An editor approves Sam's latest submission; the search index follows on commit."""

    def approve() -> MaterialPage:
        page = MaterialPage.objects.filter(owner=world.people[OWNER]).latest("pk")
        with django_capture_on_commit_callbacks(execute=True):
            page.get_latest_revision().publish(user=world.people[AJET])
        page.refresh_from_db()
        return page

    return approve


def share(client, payload: str, **overrides):
    values = dict.fromkeys(SHARE_TEXT_FIELDS, payload)
    data = share_form_data(**{**values, **overrides})
    return client.post(reverse("sharing:new"), data)


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_the_share_form_shows_hostile_text_as_text(world, publish, payload):
    owner, editor, visitor = world.client(OWNER), world.client(AJET), world.client(ANONYMOUS)
    # Sent back with an error, every field is refilled: escaped, inside its own input.
    refilled = share(owner, payload, confirm_rights="").content.decode()
    assert_shown_escaped(refilled, payload, "share form refilled")

    assert share(owner, payload).status_code == 302
    page = MaterialPage.objects.filter(owner=world.people[OWNER]).latest("pk")
    assert page.title == payload
    assert_shown_escaped(page_html(owner, reverse("sharing:mine")), payload, "my submissions")
    preview = page_html(owner, reverse("sharing:preview", args=[page.pk]))
    assert_shown_escaped(preview, payload, "draft preview")
    assert preview.count(escape(payload)) >= 6  # titles, summaries, steps, tips…

    # Published by an editor: the page, the listing and search show it as text.
    page = publish()
    assert_shown_escaped(page_html(visitor, page.url), payload, "published page")
    assert_shown_escaped(page_html(editor, f"/admin/pages/{page.pk}/edit/"), "", "admin editor")
    assert_shown_escaped(page_html(visitor, "/library/"), payload, "library listing")
    # Found by a word inside the payload, with that word highlighted: still escaped.
    word = "alert" if "alert" in payload else "now"
    found = page_html(visitor, reverse("search:page"), q=word)
    assert reverse("shelf:buttons", args=[page.pk]) in found or page.url in found
    for query in (word, "script", "img", "onerror", "天気"):
        assert_no_live_markup(page_html(visitor, reverse("search:page"), q=query), query)

    # The API gives the same text back, as JSON text.
    answer = visitor.get("/api/v1/search/", {"q": word, "page_size": 50})
    assert answer["Content-Type"].startswith("application/json")
    titles = {hit["title"] for hit in answer.json()["results"]}
    assert payload in titles
    for hit in answer.json()["results"]:
        assert "<script>alert" not in hit["highlight"]["title"] + hit["highlight"]["text"]


def test_tags_are_shown_as_text(world, publish):
    payload = PAYLOADS["attribute break"]
    owner = world.client(OWNER)
    assert share(owner, "Tag test", tags=f"{payload}, {PAYLOADS['script']}").status_code == 302
    page = publish()
    html = page_html(world.client(ANONYMOUS), page.url)
    assert_no_live_markup(html, "tags")
    assert escape(PAYLOADS["script"]) in html


# --- lesson plans ---------------------------------------------------------------------


def write_plan(world, payload: str, fit=lambda name, text: text):
    """Sam writes the payload into every header and step field, through the builder."""
    owner = world.client(OWNER)
    plan = world.shared_plan
    header = {name: fit(name, payload) for name in HEADER_TEXT_FIELDS}
    header.update(grade="JHS2", length_minutes=50, language="en", version=plan.version)
    response = owner.post(reverse("lessons:edit_header", args=[plan.pk]), header)
    assert response.status_code == 302, response.content[:2000]
    step = {name: fit(name, payload) for name in STEP_TEXT_FIELDS}
    step.update(phase="practice", minutes=10)
    response = owner.post(reverse("lessons:add_step", args=[plan.pk]), step)
    assert response.status_code == 302, response.content[:2000]
    comment = world.client(VIEWER).post(
        reverse("lessons:add_comment", args=[plan.pk]), {"body": payload}
    )
    assert comment.status_code == 302
    plan.refresh_from_db()
    return plan


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_plans_show_hostile_text_as_text(world, payload):
    plan = write_plan(world, payload)
    assert plan.title == payload
    for actor in (OWNER, VIEWER):
        client = world.client(actor)
        for address in (
            reverse("lessons:plan", args=[plan.pk]),
            reverse("lessons:history", args=[plan.pk]),
            reverse("lessons:compare", args=[plan.pk]) + f"?a=1&b={plan.revisions.count()}",
            reverse("lesson_printing:dialog", args=[plan.pk]),
        ):
            assert_shown_escaped(page_html(client, address), payload, f"{address} as {actor}")
    step = plan.steps.latest("pk")
    edit_form = page_html(
        world.client(OWNER), reverse("lessons:edit_step", args=[plan.pk, step.pk])
    )
    assert_shown_escaped(edit_form, payload, "step edit form")
    assert_shown_escaped(page_html(world.client(OWNER), "/lessons/"), payload, "my lessons")

    # The API returns each field exactly as typed, in well-formed JSON.
    answer = world.client(OWNER).get(f"/api/v1/lessons/plans/{plan.pk}/")
    assert answer["Content-Type"].startswith("application/json")
    body = json.loads(answer.content)
    assert body["title"] == payload
    assert body["goal"] == payload
    written = next(s for s in body["steps"] if s["id"] == step.pk)
    assert all(written[name] == payload for name in STEP_TEXT_FIELDS)


def test_a_conflict_shows_the_colleagues_hostile_text_as_text(world):
    """The word-by-word diff of a colleague's change is built as HTML: it must escape."""
    payload = PAYLOADS["attribute break"] + " " + PAYLOADS["script"]
    step = world.shared_steps[0]
    address = reverse("lessons:edit_step", args=[world.shared_plan.pk, step.pk])
    saved = world.client("coplanner_editor").post(
        address, {"phase": "warm_up", "minutes": 5, "alt_role": payload, "version": step.version}
    )
    assert saved.status_code == 302
    stale = world.client(OWNER).post(
        address, {"phase": "warm_up", "minutes": 5, "alt_role": "Mine", "version": step.version}
    )
    html = stale.content.decode()
    assert stale.status_code == 409, html[:500]
    assert_no_live_markup(html, "conflict diff")
    assert escape(PAYLOADS["script"]) in html


# --- search ---------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_search_queries_come_back_as_text(world, payload):
    visitor = world.client(ANONYMOUS)
    assert_shown_escaped(page_html(visitor, reverse("search:page"), q=payload), payload, "search")
    assert_no_live_markup(page_html(visitor, reverse("search:suggest"), q=payload), "suggest")
    answer = visitor.get("/api/v1/search/", {"q": payload})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/json")
    assert json.loads(answer.content)["query"] == payload
    suggestions = visitor.get("/api/v1/search/suggest/", {"q": payload})
    assert json.loads(suggestions.content)["query"] == payload


# --- display names --------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_display_names_are_shown_as_text(world, payload):
    visitor = world.client(ANONYMOUS)
    signed_up = visitor.post(
        reverse("accounts:sign_up"),
        {
            "username": "newcomer",
            "display_name": payload,
            "email": "newcomer@example.jp",
            "role": "ALT",
            "password1": "a-long-enough-passphrase-1",
            "password2": "a-long-enough-passphrase-1",
            "preferred_language": "en",
        },
        follow=True,
    )
    assert signed_up.redirect_chain, signed_up.context["form"].errors
    assert_shown_escaped(signed_up.content.decode(), payload, "welcome page")
    assert_shown_escaped(page_html(visitor, reverse("accounts:profile")), payload, "profile")

    # The viewer renames themselves; Sam sees the name on the co-planners page and on the
    # viewer's comment.
    viewer = world.client(VIEWER)
    renamed = viewer.post(
        reverse("accounts:profile"),
        {
            "display_name": payload,
            "email": "suzuki@example.jp",
            "role": "JTE",
            "preferred_language": "ja",
        },
    )
    assert renamed.status_code == 302
    owner = world.client(OWNER)
    plan = world.shared_plan
    members = page_html(owner, reverse("lessons:members", args=[plan.pk]))
    assert_shown_escaped(members, payload, "co-planners")
    assert_shown_escaped(page_html(owner, reverse("lessons:plan", args=[plan.pk])), payload, "plan")
    answer = owner.get(f"/api/v1/lessons/plans/{plan.pk}/members/")
    names = [member["user"]["name"] for member in answer.json()]
    assert payload in names


# --- PDFs -----------------------------------------------------------------------------


@pytest.fixture
def fetched(monkeypatch):
    """Every address WeasyPrint asks the (real) print fetcher for, in order."""
    asked: list[str] = []
    real_fetch = PrintFetcher.fetch

    def fetch(self, url, headers=None):
        asked.append(url)
        return real_fetch(self, url, headers)

    monkeypatch.setattr(PrintFetcher, "fetch", fetch)
    return asked


def pdf_text(response) -> str:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def squeeze(text: str) -> str:
    return "".join(text.split())


def assert_nothing_fetched_for_the_payload(fetched: list[str]) -> None:
    assert fetched, "the fetcher was never asked for anything: is the spy wired?"
    for url in fetched:
        path = urlsplit(url).path
        assert not path.endswith(("/x", "/x.css")), url
        assert not url.startswith("file:"), url


def fit(name: str, text: str) -> str:
    limits = {"class_name": 40}
    return text[: limits.get(name, len(text))]


@pytest.mark.parametrize("layout", ["team_teaching", "ryakuan", "saian"])
def test_plan_pdfs_print_hostile_text_as_text(world, fetched, layout):
    plan = write_plan(world, PDF_PAYLOAD, fit)
    response = print_through_jobs(
        world.client(OWNER),
        reverse("lesson_printing:pdf", args=[plan.pk]),
        {"layout": layout, "language": "ja"},
    )
    text = pdf_text(response)
    assert squeeze(PDF_PAYLOAD) in text
    assert_nothing_fetched_for_the_payload(fetched)


def test_library_pdfs_print_hostile_text_as_text(world, publish, fetched):
    owner = world.client(OWNER)
    assert share(owner, PDF_PAYLOAD).status_code == 302
    page = publish()
    response = print_through_jobs(
        world.client(ANONYMOUS), reverse("library_printing:material_pdf", args=[page.pk])
    )
    text = pdf_text(response)
    assert text.count(squeeze(PDF_PAYLOAD)) >= 3  # title, summary, steps at least
    assert_nothing_fetched_for_the_payload(fetched)
