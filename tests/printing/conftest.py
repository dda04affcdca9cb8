import pytest


@pytest.fixture
def render_test_page():
    """Render the printer test page (templates/printing/test_page.html) to PDF bytes."""
    from printing.render import render_pdf

    def render(**options):
        context = {
            key: options.pop(key)
            for key in ("note", "rows", "image_name", "qr_url")
            if key in options
        }
        options.setdefault("title", "Printer test 印刷テスト")
        return render_pdf("printing/test_page.html", context, **options)

    return render
