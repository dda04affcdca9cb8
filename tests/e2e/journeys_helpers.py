"""What the user journeys share: logging in through the form, reading a downloaded PDF,
and a real Elasticsearch address that refuses every connection.

The journeys drive the site only through what a teacher sees; these helpers do the same
(the log-in form, not a session cookie forged in the test).

Order of fixtures: whatever a journey writes to the database is written by fixtures listed
before `page` / `person` in the test's arguments. ORM calls made after Playwright has
started run in its event loop's context and get a database connection Django never
closes; on PostgreSQL the test database then cannot be dropped at the end of the run.
"""

import io
import socket

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.factories.accounts import PASSWORD


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the form, as a teacher would, and wait until the site says so."""
    page.goto(f"{base_url}/accounts/log-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").last.click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def pdf_text(data: bytes) -> str:
    """All the text a PDF reader would find, page after page. Raises if it is no PDF."""
    assert data.startswith(b"%PDF-"), f"not a PDF: {data[:40]!r}"
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def refused_address() -> str:
    """An http:// address on this machine where nothing listens: the port was free a
    moment ago (the kernel chose it) and is closed again, so connecting is refused at once
    — a cluster that is down, not a slow one."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
