"""What WeasyPrint may read while printing: our static files, the files a view allowed,
and QR codes we drew. Everything else is refused (and nothing is fetched over the network)."""

import http.server
import threading

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from printing.fetcher import FetchRefused, PrintFetcher
from printing.inspect import image_count
from printing.links import print_base_url, storage_url
from printing.qr import qr_data_uri
from printing.render import html_to_pdf


def _png_bytes() -> bytes:
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def stored_png():
    name = default_storage.save("original_images/fetcher-test.png", ContentFile(_png_bytes()))
    yield name
    default_storage.delete(name)


@pytest.fixture
def listening_server():
    """A real HTTP server on a free port that records every request it gets."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { background: red }")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], requests
    server.shutdown()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.com/static/printing/pdf.css",
        "ftp://example.com/x.png",
        # Traversal out of the static folders, plain and percent-encoded.
        f"{print_base_url()}static/../../etc/passwd",
        f"{print_base_url()}static/%2e%2e/%2e%2e/etc/passwd",
        f"{print_base_url()}static/printing/..%2F..%2Fsettings.py",
        f"{print_base_url()}static/printing\\..\\pdf.css",
        # Our origin, but neither static nor media.
        f"{print_base_url()}admin/",
        # Static, but not a kind of file a printout needs.
        f"{print_base_url()}static/js/htmx.min.js",
        # A data: URI Kyozai did not make.
        "data:text/css,body{background:url(file:///etc/passwd)}",
        "data:image/svg+xml;base64,PHN2Zy8+",
    ],
)
def test_fetcher_refuses_and_remembers(url):
    fetcher = PrintFetcher()
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_our_own_stylesheet():
    response = PrintFetcher().fetch(f"{print_base_url()}static/printing/pdf.css")
    assert response.content_type == "text/css"
    assert b"table-header-group" in response.read()


@pytest.mark.django_db
def test_fetcher_serves_media_only_when_allowed(stored_png):
    url = storage_url(stored_png)
    with pytest.raises(FetchRefused):
        PrintFetcher().fetch(url)
    other = PrintFetcher(allowed_files=["original_images/something-else.png"])
    with pytest.raises(FetchRefused):
        other.fetch(url)
    response = PrintFetcher(allowed_files=[stored_png]).fetch(url)
    assert response.content_type == "image/png"
    assert response.read() == default_storage.open(stored_png).read()


def test_fetcher_serves_qr_codes_it_made():
    uri = qr_data_uri("https://kyozai.example/library/bingo/")
    response = PrintFetcher().fetch(uri)
    assert response.content_type == "image/svg+xml"
    assert response.read().startswith(b"<svg")


def test_hostile_markup_reaching_weasyprint_loads_nothing(listening_server, tmp_path):
    """Even if markup escaped a template, WeasyPrint could not read files or the network."""
    port, requests = listening_server
    secret = tmp_path / "secret.png"
    secret.write_bytes(_png_bytes())
    html = f"""<html><head>
      <link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">
      <style>@import url("http://127.0.0.1:{port}/imported.css");</style>
    </head><body>
      <img src="file://{secret}">
      <img src="http://127.0.0.1:{port}/pixel.png">
      <img src="/static/../../{secret}">
      <p style="background: url(http://127.0.0.1:{port}/bg.png)">text</p>
    </body></html>"""
    fetcher = PrintFetcher()
    pdf = html_to_pdf(html, url_fetcher=fetcher)
    assert pdf.startswith(b"%PDF")
    assert requests == []
    assert image_count(pdf) == 0
    assert any(url.startswith("file://") for url in fetcher.refused)
    assert any(f"127.0.0.1:{port}/x.css" in url for url in fetcher.refused)
    assert any(url.endswith("secret.png") and "static" not in url for url in fetcher.refused)


@pytest.mark.django_db
def test_allowed_picture_is_embedded_and_others_are_not(stored_png, render_test_page):
    from printing.render import render_pdf

    allowed = render_pdf(
        "printing/test_page.html", {"image_name": stored_png}, allowed_files=[stored_png]
    )
    refused = render_pdf("printing/test_page.html", {"image_name": stored_png})
    assert image_count(allowed) == 1
    assert image_count(refused) == 0
