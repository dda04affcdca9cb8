"""Typography a Japanese teacher expects (#16.5), checked in real PDFs from the real views.

- a Mincho option for the 学習指導案: text in IPAex Mincho, headings in IPAex Gothic, both
  embedded as subsets; the team-teaching plan stays Gothic;
- no line break inside a phase name such as ウォームアップ in the narrow phase column;
- the team-teaching plan's Materials column holds a material's title on one line;
- B4 is the A4 layout enlarged, as a copier's 122 % does: the same lines on the same pages,
  type and margins 257/210 times larger.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from printing.inspect import embedded_fonts, page_sizes, page_texts
from tests.factories.library import MaterialPageFactory
from tests.factories.sample_plan import build_sample_plan
from tests.printing.worker import print_through_jobs

B4 = (728.5, 1031.8)
B4_SCALE = 257 / 210
MATERIAL_TITLE = "Fruit parfait bingo"


@pytest.fixture
def plan(db, teacher):
    material = MaterialPageFactory(title=MATERIAL_TITLE, slug="fruit-parfait-bingo")
    return build_sample_plan(teacher, material_ids=[material.pk])


@pytest.fixture
def owner_client(client, plan):
    client.force_login(plan.owner)
    return client


def _pdf(client, plan, **query) -> bytes:
    url = reverse("lesson_printing:pdf", args=[plan.pk])
    response = print_through_jobs(client, url, query)
    assert response.status_code == 200, response.content[:300]
    return b"".join(response.streaming_content)


def _families(pdf: bytes) -> dict[str, bool]:
    """Embedded font family → whether every font of it is a subset."""
    families: dict[str, bool] = {}
    for font in embedded_fonts(pdf):
        family = font.name.split("+", 1)[-1].split("-")[0]
        families[family] = families.get(family, True) and font.is_subset
    return families


def _lines(pdf: bytes) -> list[str]:
    return [line for text in page_texts(pdf) for line in text.splitlines()]


@pytest.mark.parametrize("layout", ["ryakuan", "saian"])
def test_the_shidouan_prints_in_mincho_with_gothic_headings(owner_client, plan, layout):
    mincho = _pdf(owner_client, plan, layout=layout, typeface="mincho")
    gothic = _pdf(owner_client, plan, layout=layout)

    assert _families(mincho) == {"IPAexMincho": True, "IPAexGothic": True}
    assert "IPAexMincho" not in _families(gothic)
    # The same words either way.
    assert "外国語科学習指導案" in page_texts(mincho)[0]
    assert "夏休みの出来事について" in "".join(page_texts(mincho))


def test_the_team_teaching_plan_stays_gothic(owner_client, plan):
    pdf = _pdf(owner_client, plan, layout="team_teaching", language="ja", typeface="mincho")
    assert "IPAexMincho" not in _families(pdf)


def test_the_dialog_offers_the_typeface(owner_client, plan):
    response = owner_client.get(reverse("lesson_printing:dialog", args=[plan.pk]))
    assert b'name="typeface"' in response.content
    assert b'value="mincho"' in response.content
    bad = owner_client.get(reverse("lesson_printing:pdf", args=[plan.pk]), {"typeface": "comic"})
    assert bad.status_code == 400


@pytest.mark.parametrize(
    ("layout", "paper"), [("ryakuan", "A4"), ("saian", "B4"), ("team_teaching", "A4")]
)
def test_a_phase_name_is_never_broken_across_lines(owner_client, plan, layout, paper):
    lines = _lines(_pdf(owner_client, plan, layout=layout, paper=paper, language="ja"))
    assert sum("ウォームアップ" in line for line in lines) >= 2  # two warm-up steps
    assert not any(line.rstrip().endswith(("ウォーム", "ウォー", "ウォームアッ")) for line in lines)


def test_the_materials_column_holds_a_title_on_one_line(owner_client, plan):
    lines = _lines(_pdf(owner_client, plan, layout="team_teaching"))
    # Linked to two steps: in the lesson flow twice, and once in the materials list.
    assert sum(MATERIAL_TITLE in line for line in lines) == 3


def _title_box(pdf: bytes) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) in points of the 学習指導案's heading on page 1."""
    page = pdfium.PdfDocument(pdf)[0]
    text = page.get_textpage()
    found = text.search("外国語科学習指導案").get_next()
    assert found, "heading not found"
    index, count = found
    first, last = text.get_charbox(index), text.get_charbox(index + count - 1)
    return first[0], first[1], last[2], first[3]


def test_b4_is_the_a4_layout_enlarged(owner_client, plan):
    a4 = _pdf(owner_client, plan, layout="saian", paper="A4", typeface="mincho")
    b4 = _pdf(owner_client, plan, layout="saian", paper="B4", typeface="mincho")

    assert {(round(w, 1), round(h, 1)) for w, h in page_sizes(b4)} == {B4}
    # The same lines on the same pages (page_texts: the footer's page numbers too) …
    assert page_texts(b4) == page_texts(a4)
    # … in type 22 % larger, as far from the sheet's edges in proportion.
    a4_box, b4_box = _title_box(a4), _title_box(b4)
    a4_width, b4_width = a4_box[2] - a4_box[0], b4_box[2] - b4_box[0]
    assert b4_width / a4_width == pytest.approx(B4_SCALE, rel=0.02)
    assert b4_box[0] / a4_box[0] == pytest.approx(B4_SCALE, rel=0.02)
    assert all(font.is_subset for font in embedded_fonts(b4))
