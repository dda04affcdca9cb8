# ruff: noqa: RUF001 - full-width brackets and spaces are how Japanese plans are written
"""学習指導案 as a JTE hands it in: layouts are data an editor changes in the admin, and the
printed plan names both teachers, the unit by its title, the students, 本時の評価規準 and the
板書計画 — each section left out when empty. Real PDFs, read back."""

import re

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from lessons.models import PlanMember, ShidouanLayout
from lessons.models.shidouan import SectionsBlock
from lessons.printing.layouts import content_version, layout_choices, plan_print
from lessons.printing.printouts import plan_key
from printing.inspect import embedded_fonts, extract_text, page_sizes, page_texts
from printing.papers import Paper
from schools.models import ClassTeacher, School, SchoolClass, SchoolRole
from tests.factories.accounts import UserFactory
from tests.factories.sample_plan import build_sample_plan

SHIPPED = ["ryakuan", "saian", "ryakuan-one-page"]
A4 = (595.3, 841.9)
B4 = (728.5, 1031.8)


def _sizes(pdf: bytes) -> set[tuple[float, float]]:
    return {(round(w, 1), round(h, 1)) for w, h in page_sizes(pdf)}


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def jte(db):
    return UserFactory(username="tanaka", display_name="田中 花子", role=Role.JTE)


@pytest.fixture
def alt(db):
    return UserFactory(username="sam", display_name="Sam Smith", role=Role.ALT)


@pytest.fixture
def plan(jte):
    return build_sample_plan(jte, steps=6)


def test_three_layouts_ship_and_the_dialog_offers_them(db):
    keys = [key for key, _name in layout_choices()]
    assert keys[0] == "team_teaching"
    assert keys[1:] == SHIPPED
    one_page = ShidouanLayout.objects.get(key="ryakuan-one-page")
    assert one_page.compact
    assert not one_page.full_form
    assert ShidouanLayout.objects.get(key="saian").full_form


def test_a_layout_refuses_unknown_and_repeated_sections(db):
    layout = ShidouanLayout.objects.get(key="ryakuan")
    layout.sections = [("date", {"heading": "日時"}), ("date", {"heading": "日付"})]
    with pytest.raises(ValidationError, match="twice"):
        layout.clean()
    layout.sections = []
    with pytest.raises(ValidationError, match="at least one"):
        layout.clean()
    # The admin's editor refuses a section twice too (the StreamBlock's block_counts).
    block = SectionsBlock()
    value = block.to_python([{"type": "flow", "value": {"heading": "本時の展開"}}] * 2)
    with pytest.raises(ValidationError):
        block.clean(value)
    # Data from elsewhere naming a section Kyozai cannot print is refused, not dropped.
    layout = ShidouanLayout(key="x", name="x")
    layout.sections = [("date", {"heading": "日時"})]
    layout.sections.raw_data.append({"type": "seating_chart", "value": {"heading": "座席表"}})
    with pytest.raises(ValidationError, match="seating_chart"):
        layout.clean()


@pytest.mark.parametrize("key", SHIPPED)
@pytest.mark.parametrize("paper", [Paper.A4, Paper.B4])
def test_every_layout_prints_on_a4_and_b4_with_subset_fonts_and_japanese_that_extracts(
    plan, key, paper
):
    pdf = plan_print(plan, key, "ja").render(paper)
    assert _sizes(pdf) == {A4 if paper is Paper.A4 else B4}
    fonts = embedded_fonts(pdf)
    assert fonts
    assert all(font.is_subset for font in fonts)
    text = _flat(extract_text(pdf))
    assert "外国語科学習指導案" in text
    assert "夏休みの出来事について" in text


def test_an_edited_copy_prints_its_own_order_and_headings(plan):
    layout = ShidouanLayout.objects.create(
        key="kyoto-kihon",
        name="京都府 基本型",
        sections=[
            ("unit", {"heading": "単元名"}),
            ("class", {"heading": "学級"}),
            ("lesson_goal", {"heading": "本時のねらい"}),
            ("flow", {"heading": "学習過程"}),
        ],
    )
    text = _flat(extract_text(plan_print(plan, layout.key, "ja").render(Paper.A4)))
    assert text.index("1単元名") < text.index("2学級") < text.index("3本時のねらい")
    assert "4学習過程" in text
    assert "本時の展開" not in text
    assert "日時" not in text  # not in this layout
    # Editing the layout gives its prints a new key, so no old copy is served.
    options = {"layout": layout.key, "paper": Paper.A4, "language": "ja"}
    before = plan_key(plan, content_version(plan), options)
    layout.name = "京都府 基本型（改）"
    layout.save()
    assert plan_key(plan, content_version(plan), options) != before


def test_the_plan_names_both_teachers_from_its_class(plan, jte, alt):
    school = School.objects.create(name="Minami JHS", name_ja="南中学校", stage="JHS")
    school_class = SchoolClass.objects.create(
        school=school, grade=plan.grade, name="2年3組", students=31, boys=16, girls=15
    )
    ClassTeacher.objects.create(school_class=school_class, user=jte, role=SchoolRole.JTE)
    ClassTeacher.objects.create(school_class=school_class, user=alt, role=SchoolRole.ALT)
    plan.school_class = school_class
    plan.save()
    text = extract_text(plan_print(plan, "ryakuan", "ja").render(Paper.A4))
    flat = _flat(text)
    assert "指導者T1田中花子（JTE）" in flat
    assert "T2SamSmith（ALT）" in flat
    assert "男16名女16名" not in flat
    assert "学年・組中22年3組（男16名女15名計31名）" in flat  # the class's name, not the typed one
    assert "（32名）" not in flat
    english = _flat(extract_text(plan_print(plan, "team_teaching", "en").render(Paper.A4)))
    assert "T1田中花子(JTE)·T2SamSmith(ALT)" in english


def test_without_a_class_the_co_planners_roles_name_the_teachers(plan, alt):
    PlanMember.objects.create(plan=plan, user=alt, role="editor")
    flat = _flat(extract_text(plan_print(plan, "ryakuan", "ja").render(Paper.A4)))
    assert "T1田中花子（JTE）" in flat
    assert "T2SamSmith（ALT）" in flat
    # A display name that already says the role does not say it twice.
    alt.display_name = "Sam Smith (ALT)"
    alt.save()
    flat = _flat(extract_text(plan_print(plan, "ryakuan", "ja").render(Paper.A4)))
    assert "T2SamSmith(ALT)" in flat
    assert "(ALT)（ALT）" not in flat


def test_the_unit_prints_by_its_title_not_its_catalogue_address(plan):
    unit = plan.textbook_unit
    unit.title = "Universal Design & <Us>"
    unit.save()
    flat = _flat(extract_text(plan_print(plan, "ryakuan", "ja").render(Paper.A4)))
    assert "単元名Unit3UniversalDesign&<Us>（NEWHORIZON2）" in flat
    assert "NEWHORIZON,JHS2" not in flat


def test_lesson_criteria_and_board_plan_print_and_empty_ones_are_left_out(plan):
    text = _flat(extract_text(plan_print(plan, "ryakuan", "ja").render(Paper.A4)))
    assert "本時の評価規準" in text
    assert "知識・技能一般動詞の過去形を用いて" in text
    assert "思考・判断・表現相手の反応を見ながら" in text
    assert "主体的に学習に取り組む態度" not in text  # left empty in the sample plan
    assert "板書計画" in text
    assert "めあて：夏休みの思い出を過去形で伝えよう" in text
    plan.board_plan = ""
    plan.lesson_criteria_knowledge = plan.lesson_criteria_thinking = ""
    plan.save()
    text = _flat(extract_text(plan_print(plan, "ryakuan", "ja").render(Paper.A4)))
    assert "板書計画" not in text
    assert "本時の評価規準" not in text
    # The numbers close up: the sections that print are numbered 1, 2, 3 … without a gap.
    numbers = [
        int(n) for n in re.findall(r"(\d)(?:日時|学年・組|単元名|本時の目標|本時の展開)", text)
    ]
    assert numbers == list(range(1, len(numbers) + 1))


def test_the_one_page_layout_keeps_an_everyday_plan_on_one_a4_sheet(plan):
    pdf = plan_print(plan, "ryakuan-one-page", "ja").render(Paper.A4)
    assert len(page_texts(pdf)) == 1
    assert len(page_texts(plan_print(plan, "saian", "ja").render(Paper.A4))) > 1


def test_typed_markup_prints_as_text_in_the_new_sections(plan):
    plan.board_plan = "<b>Today</b> & <script>x</script>"
    plan.lesson_criteria_attitude = "<i>粘り強く</i>"
    plan.save()
    text = extract_text(plan_print(plan, "ryakuan", "ja").render(Paper.A4))
    assert "<b>Today</b> & <script>x</script>" in text
    assert "<i>粘り強く</i>" in text
