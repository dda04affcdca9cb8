"""The render cache: one render per content version; a new version renders afresh."""

import pytest
from django.core.cache import cache

from printing.cache import PdfKey, cached_pdf, layout_fingerprint, pdf_cache_key


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


class CountingRender:
    def __init__(self, render_test_page):
        self.render_test_page = render_test_page
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.render_test_page()


def test_repeated_download_is_served_from_the_cache(render_test_page):
    render = CountingRender(render_test_page)
    key = PdfKey("test_page", 1, "v1", "test", "A4", "en")
    first = cached_pdf(key, render)
    second = cached_pdf(key, render)
    assert render.calls == 1
    assert second == first
    assert first.startswith(b"%PDF")


def test_a_new_version_paper_or_language_renders_again(render_test_page):
    render = CountingRender(render_test_page)
    base = PdfKey("test_page", 1, "v1", "test", "A4", "en")
    cached_pdf(base, render)
    cached_pdf(base._replace(version="v2"), render)
    cached_pdf(base._replace(paper="B4"), render)
    cached_pdf(base._replace(language="ja"), render)
    cached_pdf(base._replace(layout="other"), render)
    cached_pdf(base._replace(extra=(20,)), render)
    assert render.calls == 6
    cached_pdf(base._replace(version="v2"), render)
    assert render.calls == 6


def test_keys_are_short_and_differ_by_every_part():
    key = PdfKey("lesson_plan", 7, 3, "team_teaching", "A4", "ja")
    keys = {pdf_cache_key(key)} | {
        pdf_cache_key(key._replace(**{field: "x"})) for field in PdfKey._fields
    }
    assert len(keys) == 1 + len(PdfKey._fields)
    assert all(len(k) < 100 for k in keys)


def test_layout_fingerprint_covers_the_pdf_templates():
    assert len(layout_fingerprint()) == 12
