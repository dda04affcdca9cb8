"""An ALT signs up, shares a worksheet with a real PDF, an AJET editor publishes it through
Wagtail's moderation workflow in the admin, and a visitor then finds it by search.

Three people in three browser windows at once; nothing is set up behind their backs
except the editor's account (editors are appointed, not signed up).
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.journeys_helpers import log_in, pdf_text
from tests.factories.accounts import EditorFactory
from tests.library.sample_files import weasyprint_pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Rainy day relay"


def sign_up_as_an_alt(page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("relay_alt")
    page.get_by_label("Display name").fill("Jamie (ALT)")
    page.get_by_label("E-mail").fill("jamie@example.jp")
    page.get_by_label("I am a…").select_option("ALT")
    page.get_by_label("Password:", exact=True).fill("a-long-passphrase-1")
    page.get_by_label("Password confirmation").fill("a-long-passphrase-1")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Welcome to Kyozai, Jamie (ALT)!")).to_be_visible()


def share_the_relay(page) -> None:
    page.get_by_role("link", name="Share a material").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share a material")
    page.get_by_label("Title (English)").fill(TITLE)
    page.get_by_label("Title (Japanese)").fill("雨の日リレー")
    page.get_by_label("Summary (English)").fill(
        "Teams race to the board and write the weather word the ALT says."
    )
    page.get_by_label("Steps").fill("ALT says a weather word\nStudents run and write it")
    page.get_by_label("Materials needed").fill("Weather worksheet (1 per team)")
    page.get_by_role("checkbox", name="Elementary 6").check()
    page.get_by_role("checkbox", name="Game").check()
    page.get_by_label("Minutes in class").fill("15")
    page.get_by_label("Tags").fill("weather, relay")
    page.get_by_label("Choose files").set_input_files(
        {
            "name": "rainy-day-relay.pdf",
            "mimeType": "application/pdf",
            "buffer": weasyprint_pdf_bytes("Rainy day relay worksheet"),
        }
    )
    page.get_by_label("I made this material").check()
    page.get_by_role("button", name="Send to the editors").click()


def approve_in_the_admin(page) -> None:
    """The editor's path: Editor's desk → Awaiting your review → the page → Approve and
    Publish (Wagtail's own workflow action in the editor's footer menu)."""
    page.get_by_role("link", name="Editor's desk").click()
    awaiting = page.get_by_role("region", name="Awaiting your review")
    awaiting.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.get_by_text(f"Page '{TITLE}' has been updated.")).to_be_visible()
    listed = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))
    expect(listed).to_contain_text(re.compile("live", re.IGNORECASE))


def search_for_relay(page, base_url: str):
    page.goto(base_url + "/search/?q=relay")
    return page.locator("#search-status")


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Uploads kept on disk as in production: Wagtail serves documents from a file path,
    which the test settings' in-memory storage cannot give it."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def ajet_editor():
    """Editors are appointed, not signed up. Made before the browsers start (see
    journeys_helpers on the order of fixtures)."""
    return EditorFactory(username="ajet_editor", display_name="AJET editor")


def test_alt_shares_a_pdf_an_editor_publishes_it_a_visitor_finds_it(
    live_server, files_on_disk, ajet_editor, person
):
    alt = person("alt")
    visitor = person("visitor")
    editor = person("editor")

    sign_up_as_an_alt(alt, live_server.url)
    share_the_relay(alt)
    expect(alt.get_by_role("status")).to_contain_text(f"“{TITLE}” is with the editors")
    submission = alt.locator(".submission").filter(has_text=TITLE)
    expect(submission.locator(".status")).to_have_text("In moderation")
    expect(submission).to_contain_text("An editor will review it soon.")
    # The teacher may look at the draft, file included; nobody else can see it yet.
    submission.get_by_role("link", name=f"Preview : {TITLE}").click()
    expect(alt.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(alt.get_by_role("main")).to_contain_text("Download rainy day relay")

    expect(search_for_relay(visitor, live_server.url)).to_have_text("No results for “relay”")

    log_in(editor, live_server.url, "ajet_editor")
    approve_in_the_admin(editor)

    alt.goto(live_server.url + "/share/mine/")
    published = alt.locator(".submission").filter(has_text=TITLE)
    expect(published.locator(".status")).to_have_text("Published")

    expect(search_for_relay(visitor, live_server.url)).to_have_text("1 result for “relay”")
    expect(visitor.locator(".hit__title mark")).to_have_text("relay")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_role("main")).to_contain_text("Teams race to the board")

    # The shared PDF is now public, and it is the very file the ALT uploaded.
    files = visitor.get_by_role("region", name="Files")
    with visitor.expect_download() as downloading:
        files.get_by_role("link", name="Download rainy day relay").click()
    download = downloading.value
    assert download.suggested_filename == "rainy-day-relay.pdf"
    assert "Rainy day relay worksheet" in pdf_text(Path(download.path()).read_bytes())
