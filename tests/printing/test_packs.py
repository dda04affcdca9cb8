"""Print packs: PDFs merged in order with a bookmark per part; bad parts are listed, not fatal."""

import pytest

from printing.inspect import page_texts
from printing.packs import PackPart, UnreadablePdf, assemble_pack, outline_titles, pdf_page_count


def test_pack_merges_parts_in_order_with_bookmarks(render_test_page):
    plan = render_test_page(title="Plan", rows=range(1, 50))
    sheet = render_test_page(title="Worksheet")
    plan_pages = pdf_page_count(plan)
    pack = assemble_pack(
        [
            PackPart("Lesson plan 授業案", plan),
            PackPart("Worksheet", sheet),
            PackPart("Broken upload", b"%PDF-1.4 this is not really a pdf"),
            PackPart("Not a PDF at all", b"PK\x03\x04 a docx"),
        ],
        title="Unit 3 pack",
    )
    assert pack.pages == plan_pages + 1
    assert pdf_page_count(pack.pdf) == pack.pages
    assert pack.contents == [("Lesson plan 授業案", 1), ("Worksheet", plan_pages + 1)]
    assert [title for title, _reason in pack.skipped] == ["Broken upload", "Not a PDF at all"]
    assert outline_titles(pack.pdf) == ["Lesson plan 授業案", "Worksheet"]
    assert "Worksheet" in page_texts(pack.pdf)[-1]


def test_pack_refuses_an_unreadable_first_part():
    with pytest.raises(UnreadablePdf):
        assemble_pack([PackPart("Plan", b"not a pdf")])


def test_pack_leaves_out_parts_past_the_page_limit(render_test_page):
    page = render_test_page()
    pack = assemble_pack([PackPart("One", page), PackPart("Two", page)], max_pages=1)
    assert pack.pages == 1
    assert pack.skipped
    assert pack.skipped[0][0] == "Two"
