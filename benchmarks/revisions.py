"""How much a plan's history costs (issue #11.6): `python benchmarks/revisions.py` or `make bench`.

A full plan — forty steps (the planner's limit), every step's activity, JTE/HRT, ALT and
notes field about 1,500 characters of Japanese, the long header fields full — built from
the sample plan (tests/factories/sample_plan.py) in a throwaway test database, then saved
`--saves` (1,000) times through the editing services, one character changed each time:

- *typing*: every save changes the same field (a character added, then taken away again),
  as a client that saves after each keystroke does;
- *spread*: each save changes a different step than the one before (step 1, 2, … 40, 1, …),
  so no two saves in a row can be coalesced: the worst case for the compact store.

Prints, per scenario, the revisions stored, the bytes the database holds for them (SQLite:
the stored text or blob; PostgreSQL: `pg_column_size`, after its own compression) and the
save time p50/p95. The same script runs on code from before compact revisions (it finds the
old `snapshot` column), which is how the "before" figures in the README were measured:
`git archive <commit> | tar -x -C /tmp/before && cd /tmp/before && python
/path/to/benchmarks/revisions.py`. The last line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402

SENTENCES = [
    "夏休みの出来事について、過去形を用いて友達に伝え合う活動を行う。",
    "生徒の発話を支援するため、ALTがモデルを示し、JTEが日本語で補足する。",
    "ペアを替えながら三回話し、二回目からは質問を一つ加えるように促す。",
    "うまく話せない生徒には、ワークシートの表現例を指し示して支援する。",
    "Students ask each other follow-up questions such as “How was it?”.",
    "評価規準に照らして、相手に伝わるように工夫しているかを観察する。",
    "机間指導をしながら、よい表現を拾い上げて全体で共有する。",
    "時間が余った場合は、書く活動につなげて三文以上で書かせる。",
]
LONG_FIELDS = ("student_activity", "jte_role", "alt_role", "teacher_notes")


def long_text(seed: int, length: int = 1500) -> str:
    """About `length` characters of varied Japanese and English (not one phrase repeated,
    which would flatter any compression)."""
    parts, index = [], seed
    while sum(map(len, parts)) < length:
        parts.append(f"{index % 97}. " + SENTENCES[(index * 7 + seed) % len(SENTENCES)])
        index += 3
    return "".join(parts)[:length]


def full_plan(owner):
    from lessons.models import LessonPlan, LessonStep
    from lessons.services.revisions import lock_plan, record_revision
    from tests.factories.sample_plan import build_sample_plan

    plan = build_sample_plan(owner, steps=40)
    steps = list(LessonStep.objects.filter(plan=plan).order_by("position"))
    for number, step in enumerate(steps):
        for offset, name in enumerate(LONG_FIELDS):
            setattr(step, name, long_text(number * 4 + offset))
    LessonStep.objects.bulk_update(steps, LONG_FIELDS)
    header = {"unit_about": 1000, "unit_goals": 1000, "unit_plan_text": 1000, "goal": 200}
    for offset, (name, length) in enumerate(header.items()):
        setattr(plan, name, long_text(200 + offset, length))
    plan.save()
    # The long texts were written directly: record them as one revision (as the planner
    # would have), so the measured saves start from a plan whose history is up to date.
    with transaction.atomic():
        record_revision(lock_plan(plan.pk), owner, "header", always=True)
    return LessonPlan.objects.for_header().get(pk=plan.pk), steps


def one_character(text: str, save: int) -> str:
    """Every other save adds a character in the middle; the next takes it away."""
    middle = len(text) // 2
    return (
        text[:middle] + "あ" + text[middle:]
        if save % 2 == 0
        else text[:middle] + text[middle + 1 :]
    )


def stored_bytes(plan_id: int) -> tuple[int, int]:
    """(revisions, bytes the database holds for their content) for one plan."""
    from lessons.models import PlanRevision

    names = {field.name for field in PlanRevision._meta.get_fields()}
    columns = ["snapshot", "changes"] if "snapshot" in names else ["body", "changes_data"]
    if connection.vendor == "postgresql":
        size = " + ".join(f"pg_column_size({column})" for column in columns)
    else:
        size = " + ".join(f"length(CAST({column} AS BLOB))" for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), coalesce(sum({size}), 0) FROM lessons_planrevision "  # noqa: S608
            "WHERE plan_id = %s",
            [plan_id],
        )
        count, total = cursor.fetchone()
    return int(count), int(total)


def scenario(owner, saves: int, spread: bool) -> dict:
    from lessons.models import LessonStep
    from lessons.services.editing import update_step

    plan, steps = full_plan(owner)
    start_count, start_bytes = stored_bytes(plan.pk)
    texts = {step.pk: step.student_activity for step in steps}
    timings = []
    for save in range(saves):
        step = steps[save % len(steps)] if spread else steps[len(steps) // 2]
        version = LessonStep.objects.values_list("version", flat=True).get(pk=step.pk)
        # In the spread scenario each step sees every 40th save: alternate per visit.
        visit = save // len(steps) if spread else save
        texts[step.pk] = one_character(texts[step.pk], visit)
        began = time.perf_counter()
        update_step(plan.pk, step.pk, owner, {"student_activity": texts[step.pk]}, None, version)
        timings.append(time.perf_counter() - began)
    count, total = stored_bytes(plan.pk)
    timings.sort()
    return {
        "revisions": count - start_count,
        "bytes": total - start_bytes,
        "bytes_per_save": round((total - start_bytes) / saves),
        "first_snapshot_bytes": start_bytes,
        "save_p50_ms": round(statistics.median(timings) * 1000, 1),
        "save_p95_ms": round(timings[int(len(timings) * 0.95) - 1] * 1000, 1),
    }


def main(saves: int) -> dict:
    from tests.factories.accounts import TeacherFactory

    settings.KYOZAI_PLAN_SAVES_PER_MINUTE = 0  # the benchmark measures storage, not the limit
    owner = TeacherFactory(username="bench", display_name="田中 花子")
    figures = {"database": connection.vendor, "saves": saves}
    for name, spread in (("typing", False), ("spread", True)):
        result = scenario(owner, saves, spread)
        figures[name] = result
        print(
            f"{name:7} {saves} saves: {result['revisions']} revisions, "
            f"{result['bytes'] / 1024:,.0f} KiB ({result['bytes_per_save']:,} B a save; "
            f"the plan's history before them {result['first_snapshot_bytes'] / 1024:,.0f} KiB), "
            f"save p50 {result['save_p50_ms']} ms, p95 {result['save_p95_ms']} ms"
        )
    return figures


def run() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=1000)
    arguments = parser.parse_args()
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        figures = main(arguments.saves)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    print(json.dumps(figures))


if __name__ == "__main__":
    run()
