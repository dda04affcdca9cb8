"""A JTE switches Kyozai to Japanese and walks through it: home, search, a material, log-in,
My lessons and the plan editor. Every page speaks Japanese, the header keeps no English
label behind, and the choice survives logging in (even for an account whose preferred
language is English: the switch is the more recent choice).
"""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from lessons.services.editing import add_step, create_plan
from library.models import Grade
from tests.factories.accounts import PASSWORD, TeacherFactory
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# What the header says to everyone, and to a logged-in teacher, in each language.
HEADER_JA = ["教材ライブラリー", "スピーチコンテスト", "英語クラブ", "マイ授業案"]
HEADER_EN = ["Library", "Speech contests", "English club", "My lessons"]
VISITOR_JA = ["ログイン", "新規登録"]
VISITOR_EN = ["Log in", "Sign up"]
TEACHER_JA = ["保存済み", "教材を投稿する", "投稿した教材"]
TEACHER_EN = ["Saved", "Share a material", "My submissions", "Log out"]


def assert_header_in_japanese(page, *, logged_in: bool, search_box: bool = True) -> None:
    """`search_box=False` on the search page, whose own box is the only one."""
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    header = page.get_by_role("banner")
    links_ja = HEADER_JA + (TEACHER_JA if logged_in else VISITOR_JA)
    links_en = HEADER_EN + (TEACHER_EN if logged_in else VISITOR_EN)
    for name in links_ja:
        expect(header.get_by_role("link", name=name, exact=True)).to_be_visible()
    for name in links_en:
        expect(header.get_by_role("link", name=name, exact=True)).to_have_count(0)
        expect(header.get_by_role("button", name=name, exact=True)).to_have_count(0)
    expect(header.get_by_role("button", name="Search", exact=True)).to_have_count(0)
    if search_box:
        expect(header.get_by_role("button", name="検索", exact=True)).to_be_visible()
        expect(header.get_by_role("searchbox", name="ライブラリーを検索")).to_be_visible()
    else:
        expect(header.get_by_role("searchbox")).to_have_count(0)
    if logged_in:
        expect(header.get_by_role("button", name="ログアウト")).to_be_visible()
    # The way back to English is offered, in English.
    expect(header.get_by_role("link", name="English", exact=True)).to_have_attribute("lang", "en")


@pytest.fixture
def jte_with_a_plan():
    MaterialPageFactory(
        title="Weather bingo",
        title_ja="天気ビンゴ",
        slug="weather-bingo",
        summary="Students mark the weather they hear.",
        summary_ja="聞こえた天気に印をつけるビンゴです。",
        grades=["ES5"],
        activity_types=["game"],
        duration_minutes=15,
    )
    jte = TeacherFactory(
        username="hana_jte", display_name="田中 花子", role=Role.JTE, preferred_language="en"
    )
    plan = create_plan(
        jte,
        {"title": "天気の授業", "grade": Grade.objects.get(code="JHS1"), "length_minutes": 50},
    )
    add_step(plan.pk, jte, {"phase": "warm_up", "minutes": 5, "title": "天気のあいさつ"})
    return plan


def test_jte_walks_the_site_in_japanese(live_server, jte_with_a_plan, page):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="日本語").click()
    assert_header_in_japanese(page, logged_in=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kyozai(教材)")

    # Search, in Japanese, with Japanese facets and the Japanese title first.
    box = page.get_by_role("banner").get_by_role("searchbox", name="ライブラリーを検索")
    box.fill("天気")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("ライブラリーを検索")
    expect(page.locator("#search-status")).to_have_text("「天気」の検索結果 1 件")
    expect(page.get_by_role("group", name="学年").get_by_label("小5 (1)")).to_be_visible()
    expect(page.get_by_label("並べ替え")).to_be_visible()
    expect(page.get_by_role("button", name="絞り込みを適用")).to_be_visible()
    expect(page.locator(".hit__title mark")).to_have_text("天気")
    assert_header_in_japanese(page, logged_in=False, search_box=False)

    # A material page.
    page.get_by_role("link", name="天気ビンゴ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("天気ビンゴ")
    expect(page.get_by_role("navigation", name="パンくずリスト")).to_be_visible()
    expect(page.get_by_role("heading", name="概要")).to_be_visible()
    expect(page.get_by_role("link", name="授業案に追加")).to_be_visible()
    expect(page.get_by_role("button", name="印刷")).to_be_visible()
    assert_header_in_japanese(page, logged_in=False)

    # Log in through the Japanese form; the language stays Japanese.
    page.get_by_role("banner").get_by_role("link", name="ログイン").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ログイン")
    page.get_by_label("ユーザー名").fill("hana_jte")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("天気ビンゴ")
    assert_header_in_japanese(page, logged_in=True)

    # My lessons and the plan editor.
    page.get_by_role("link", name="マイ授業案").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("マイ授業案")
    expect(page.get_by_role("link", name="新しい指導案")).to_be_visible()
    tabs = page.get_by_role("navigation", name="授業案")
    expect(tabs.get_by_role("link", name="自分の指導案")).to_be_visible()
    expect(tabs.get_by_role("link", name="共有された指導案")).to_be_visible()
    assert_header_in_japanese(page, logged_in=True)

    page.get_by_role("link", name="天気の授業").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("天気の授業")
    expect(page.get_by_text("あなたはこの指導案の所有者です。")).to_be_visible()
    actions = page.get_by_role("list", name="指導案の操作")
    for name in ("共有", "履歴", "印刷"):
        expect(actions.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="基本情報を編集")).to_be_visible()
    adding = page.locator("#add-step")
    expect(adding.get_by_role("heading", name="ステップを追加")).to_be_visible()
    expect(adding.get_by_label("ALTの役割")).to_be_visible()
    expect(adding.get_by_label("段階")).to_be_visible()
    expect(adding.get_by_role("searchbox", name="ライブラリーから教材を探す")).to_be_visible()
    expect(adding.get_by_role("button", name="ステップを追加")).to_be_visible()
    for english in ("Lesson steps", "Add a step", "Edit details", "You own this plan."):
        expect(page.get_by_text(english, exact=True)).to_have_count(0)
    assert_header_in_japanese(page, logged_in=True)

    # And back to English with one click.
    page.get_by_role("link", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Print", exact=True)).to_be_visible()


@pytest.fixture
def jte_who_prefers_japanese():
    return TeacherFactory(username="kenji_jte", role=Role.JTE, preferred_language="ja")


def test_a_jte_who_prefers_japanese_gets_it_on_logging_in(
    live_server, jte_who_prefers_japanese, page
):
    """Without touching the switch: the account's preferred language applies at log-in."""
    page.goto(live_server.url + "/accounts/log-in/")
    page.get_by_label("Username").fill("kenji_jte")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    assert_header_in_japanese(page, logged_in=True)
    page.get_by_role("link", name="マイ授業案").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("マイ授業案")
