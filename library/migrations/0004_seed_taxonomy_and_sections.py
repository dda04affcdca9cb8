"""Seed the taxonomy (library/school_facts.py; docs/architecture.md §3) and the library's
three sections under the home page.

Idempotent: keyed by code/name/slug, so it also completes a database that has some rows.
"""

from django.db import migrations

from library.school_facts import ACTIVITY_TYPES, GRADES, SKILLS, TEXTBOOK_SERIES

SECTIONS = [
    # (model, slug, title, title_ja, intro, intro_ja)
    (
        "materialindexpage",
        "library",
        "Library",
        "教材ライブラリー",
        "Games, worksheets, flashcards, songs and more, shared by ALTs and JTEs across Japan.",
        "全国の ALT と JTE が共有したゲーム、ワークシート、フラッシュカード、歌など。",
    ),
    (
        "speechcontestindexpage",
        "speech-contests",
        "Speech contests",
        "スピーチコンテスト",
        "Coaching guides and rubrics for recitation and original-speech contests.",
        "暗唱・弁論大会の指導の手引きと評価基準。",
    ),
    (
        "clubindexpage",
        "english-club",
        "English club",
        "英語クラブ",
        "Activities for the English club, by season and event.",
        "季節や行事に合わせた英語クラブの活動。",
    ),
]

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _path_step(number: int) -> str:
    # treebeard's materialised path: four base-36 digits per level.
    digits = ""
    for _ in range(4):
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return digits


def seed_taxonomy(apps):
    Grade = apps.get_model("library", "Grade")
    Skill = apps.get_model("library", "Skill")
    ActivityType = apps.get_model("library", "ActivityType")
    TextbookSeries = apps.get_model("library", "TextbookSeries")

    for order, (code, name, name_ja, stage) in enumerate(GRADES):
        Grade.objects.update_or_create(
            code=code, defaults={"name": name, "name_ja": name_ja, "stage": stage, "sort_order": order}
        )
    for order, (code, name, name_ja) in enumerate(SKILLS):
        Skill.objects.update_or_create(
            code=code, defaults={"name": name, "name_ja": name_ja, "sort_order": order}
        )
    for order, (code, name, name_ja) in enumerate(ACTIVITY_TYPES):
        ActivityType.objects.update_or_create(
            code=code, defaults={"name": name, "name_ja": name_ja, "sort_order": order}
        )
    for order, (name, publisher, publisher_ja, grade_codes) in enumerate(TEXTBOOK_SERIES):
        series, _ = TextbookSeries.objects.update_or_create(
            name=name,
            defaults={"publisher": publisher, "publisher_ja": publisher_ja, "sort_order": order},
        )
        series.grades.set(Grade.objects.filter(code__in=grade_codes))


def create_sections(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("library", "HomePage")
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return
    for model, slug, title, title_ja, intro, intro_ja in SECTIONS:
        Model = apps.get_model("library", model)
        if Model.objects.exists() or Page.objects.filter(
            path__startswith=home.path, depth=home.depth + 1, slug=slug
        ).exists():
            continue
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        last = children.order_by("-path").values_list("path", flat=True).first()
        number = int(last[-4:], 36) + 1 if last else 1
        content_type, _ = ContentType.objects.get_or_create(app_label="library", model=model)
        Model.objects.create(
            title=title,
            draft_title=title,
            title_ja=title_ja,
            intro=intro,
            intro_ja=intro_ja,
            slug=slug,
            content_type=content_type,
            path=home.path + _path_step(number),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            locale_id=home.locale_id,
            live=True,
        )
        Page.objects.filter(pk=home.pk).update(
            numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
        )


def seed(apps, schema_editor):
    seed_taxonomy(apps)
    create_sections(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0003_library_pages_and_taxonomy"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
