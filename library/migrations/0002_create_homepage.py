"""Replace Wagtail's "Welcome" placeholder with Kyozai's home page and point the site at it."""

from django.db import migrations

INTRO = (
    "Kyozai is a free library of teaching materials and a lesson planner for Japan's "
    "team-taught English classes: find a game for tomorrow, plan who does what minute by "
    "minute, and print the plan as a proper 学習指導案."
)
INTRO_JA = (
    "Kyozai(教材)は、ティーム・ティーチングの英語授業のための無料の教材ライブラリーと"
    "指導案作成ツールです。明日の授業で使える活動を探し、JTEとALTの役割を分単位で計画し、"
    "学習指導案として印刷できます。"
)


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("library", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    # Wagtail's placeholder page, created by its own initial migration.
    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    if HomePage.objects.exists():
        return

    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="library")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="Kyozai",
        title_ja="Kyozai(教材)",
        draft_title="Kyozai",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        intro=INTRO,
        intro_ja=INTRO_JA,
        locale=locale,
    )
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.id, "site_name": "Kyozai"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("library", "HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
