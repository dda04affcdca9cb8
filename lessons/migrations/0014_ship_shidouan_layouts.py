"""The three 学習指導案 layouts Kyozai ships: today's 略案 and 細案 (same keys as before, so
print addresses keep working) and a one-page A4 略案 for everyday lessons. Editors copy and
change them in the admin; this migration never overwrites a layout that already exists."""

import uuid

from django.db import migrations

HEADINGS = {
    "teachers": "指導者",
    "date": "日時",
    "class": "学年・組",
    "unit": "単元名",
    "unit_about": "単元について",
    "unit_goals": "単元の目標",
    "unit_criteria": "単元の評価規準",
    "unit_plan": "単元指導計画",
    "lesson_goal": "本時の目標",
    "lesson_criteria": "本時の評価規準",
    "flow": "本時の展開",
    "board_plan": "板書計画",
    "materials": "教材",
}
RYAKUAN = ["teachers", "date", "class", "unit", "lesson_goal", "lesson_criteria", "flow",
           "board_plan", "materials"]
SAIAN = ["teachers", "date", "class", "unit", "unit_about", "unit_goals", "unit_criteria",
         "unit_plan", "lesson_goal", "lesson_criteria", "flow", "board_plan", "materials"]
ONE_PAGE = ["date", "class", "unit", "lesson_goal", "flow"]
LAYOUTS = [
    ("ryakuan", "学習指導案 略案", "The short form: the lesson with its class and unit.", False, RYAKUAN, 10),
    ("saian", "学習指導案 細案", "The full form: the unit (単元について … 単元指導計画) before the lesson.", False, SAIAN, 20),
    ("ryakuan-one-page", "学習指導案 略案（A4 1枚）", "An everyday plan on one A4 page: date, class, unit, goal and the lesson.", True, ONE_PAGE, 30),
]


def sections(keys):
    return [{"type": key, "value": {"heading": HEADINGS[key]}, "id": str(uuid.uuid4())} for key in keys]


def ship(apps, schema_editor):
    layout_model = apps.get_model("lessons", "ShidouanLayout")
    for key, name, description, compact, keys, order in LAYOUTS:
        layout_model.objects.get_or_create(
            key=key,
            defaults={
                "name": name,
                "description": description,
                "compact": compact,
                "sort_order": order,
                "sections": sections(keys),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("lessons", "0013_shidouan_layouts_and_lesson_sections")]

    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
