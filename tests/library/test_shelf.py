"""The teacher's shelf: "Save" and "I used this in class", the count, the Saved page."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from library.models import ClassUse, SavedMaterial
from tests.factories.accounts import TeacherFactory
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def bingo():
    return MaterialPageFactory(title="Weather Bingo", slug="weather-bingo")


def buttons_url(page) -> str:
    return reverse("shelf:buttons", args=[page.id])


def save_url(page) -> str:
    return reverse("shelf:save", args=[page.id])


def used_url(page) -> str:
    return reverse("shelf:used", args=[page.id])


def test_anonymous_visitors_see_the_count_and_a_log_in_link(client, bingo):
    ClassUse.objects.create(user=TeacherFactory(), page=bingo)

    response = client.get(buttons_url(bingo), **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a fragment, not a page
    assert "Used in class by 1 teacher" in html
    assert f'href="{reverse("accounts:login")}?next=%2Flibrary%2Fweather-bingo%2F"' in html
    assert "Log in to save" in html
    assert "<form" not in html
    assert "csrfmiddlewaretoken" not in html


def test_teachers_get_toggle_forms_with_csrf(client, bingo, teacher):
    client.force_login(teacher)

    html = client.get(buttons_url(bingo), **HTMX).content.decode()

    assert f'action="{save_url(bingo)}" hx-post="{save_url(bingo)}"' in html
    assert f'action="{used_url(bingo)}" hx-post="{used_url(bingo)}"' in html
    assert html.count('name="csrfmiddlewaretoken"') == 2
    assert "Not marked as used in class yet" in html


def test_the_fragment_is_never_cached_and_varies_by_htmx(client, bingo):
    response = client.get(buttons_url(bingo), **HTMX)
    assert "no-cache" in response["Cache-Control"]
    assert "HX-Request" in response["Vary"]


def test_without_javascript_the_buttons_are_a_page_of_their_own(client, bingo, teacher):
    client.force_login(teacher)

    html = client.get(buttons_url(bingo)).content.decode()

    assert "<html" in html
    assert "<h1>Weather Bingo</h1>" in html
    assert 'href="/library/weather-bingo/">Back to the page</a>' in html
    assert f'action="{save_url(bingo)}"' in html


def test_save_toggles_with_htmx(client, bingo, teacher):
    client.force_login(teacher)

    response = client.post(save_url(bingo), **HTMX)

    assert response.status_code == 200
    assert SavedMaterial.objects.filter(user=teacher, page=bingo).exists()
    html = response.content.decode()
    assert "Saved" in html
    assert 'name="state" value="off"' in html

    client.post(save_url(bingo), **HTMX)
    assert not SavedMaterial.objects.filter(user=teacher, page=bingo).exists()


def test_save_without_javascript_redirects_back_to_the_page(client, bingo, teacher):
    client.force_login(teacher)

    response = client.post(save_url(bingo), {"state": "on", "next": bingo.url})

    assert response.status_code == 302
    assert response["Location"] == "/library/weather-bingo/"
    assert SavedMaterial.objects.filter(user=teacher, page=bingo).count() == 1
    followed = client.get(response["Location"]).content.decode()
    assert "Saved to your shelf." in followed


def test_the_wanted_state_makes_a_double_click_harmless(client, bingo, teacher):
    client.force_login(teacher)
    for _ in range(2):
        client.post(used_url(bingo), {"state": "on"}, **HTMX)
    assert ClassUse.objects.filter(page=bingo).count() == 1
    for _ in range(2):
        client.post(used_url(bingo), {"state": "off"}, **HTMX)
    assert ClassUse.objects.filter(page=bingo).count() == 0


def test_an_unknown_state_is_a_clear_400(client, bingo, teacher):
    client.force_login(teacher)
    response = client.post(save_url(bingo), {"state": "maybe"})
    assert response.status_code == 400
    assert not SavedMaterial.objects.exists()


def test_used_in_class_counts_each_teacher_once(client, bingo, teacher, other_teacher):
    for user in (teacher, other_teacher):
        client.force_login(user)
        client.post(used_url(bingo), {"state": "on"}, **HTMX)

    client.force_login(teacher)
    html = client.get(buttons_url(bingo), **HTMX).content.decode()
    assert "Used in class by 2 teachers" in html
    assert "You used this in class" in html

    client.post(used_url(bingo), {"state": "off"}, **HTMX)
    client.logout()
    assert "Used in class by 1 teacher" in client.get(buttons_url(bingo), **HTMX).content.decode()


def test_marks_are_per_user(client, bingo, teacher, other_teacher):
    client.force_login(teacher)
    client.post(save_url(bingo), {"state": "on"}, **HTMX)

    client.force_login(other_teacher)
    html = client.get(buttons_url(bingo), **HTMX).content.decode()
    assert 'name="state" value="on"' in html  # not saved by them
    assert list(SavedMaterial.objects.values_list("user__username", flat=True)) == ["sam"]


def test_anonymous_post_goes_to_log_in(client, bingo):
    response = client.post(save_url(bingo), {"state": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=/library/weather-bingo/" in response["Location"]
    assert not SavedMaterial.objects.exists()


def test_anonymous_htmx_post_sends_the_whole_tab_to_log_in(client, bingo):
    response = client.post(used_url(bingo), **HTMX)
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))
    assert not ClassUse.objects.exists()


def test_get_on_a_toggle_is_not_allowed(client, bingo, teacher):
    client.force_login(teacher)
    assert client.get(save_url(bingo)).status_code == 405
    assert client.get(used_url(bingo)).status_code == 405
    assert not SavedMaterial.objects.exists()


def test_toggles_need_the_csrf_token(bingo, teacher):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(teacher)
    assert strict.post(save_url(bingo), {"state": "on"}).status_code == 403
    assert not SavedMaterial.objects.exists()


@pytest.mark.parametrize("kind", ["draft", "unpublished", "private", "missing"])
def test_pages_nobody_may_read_are_not_found(client, teacher, kind):
    page = MaterialPageFactory(live=kind != "draft")
    if kind == "unpublished":
        page.unpublish()
    if kind == "private":
        # A group-only page: the teacher is in no group it admits (a log-in-only page they may
        # read, and shelve).
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.create(name="Reviewers"))
    page_id = 987654 if kind == "missing" else page.id
    client.force_login(teacher)

    assert client.post(reverse("shelf:save", args=[page_id]), {"state": "on"}).status_code == 404
    assert client.post(reverse("shelf:used", args=[page_id]), {"state": "on"}).status_code == 404
    assert client.get(reverse("shelf:buttons", args=[page_id]), **HTMX).status_code == 404
    assert not SavedMaterial.objects.exists()
    assert not ClassUse.objects.exists()


def test_next_cannot_send_a_teacher_off_site(client, bingo, teacher):
    client.force_login(teacher)
    response = client.post(save_url(bingo), {"state": "on", "next": "https://evil.example/"})
    assert response["Location"] == "/library/weather-bingo/"


def test_saved_page_lists_my_saved_materials_newest_first(client, teacher, other_teacher):
    first = MaterialPageFactory(title="Saved first")
    second = MaterialPageFactory(title="Saved second")
    theirs = MaterialPageFactory(title="Someone else's")
    gone = MaterialPageFactory(title="Unpublished since")
    SavedMaterial.objects.create(user=teacher, page=first)
    SavedMaterial.objects.create(user=teacher, page=second)
    SavedMaterial.objects.create(user=teacher, page=gone)
    SavedMaterial.objects.create(user=other_teacher, page=theirs)
    gone.unpublish()
    client.force_login(teacher)

    response = client.get(reverse("shelf:saved"))

    assert response.status_code == 200
    assert [page.title for page in response.context["saved_pages"]] == [
        "Saved second",
        "Saved first",
    ]
    html = response.content.decode()
    assert "Someone else&#x27;s" not in html
    assert "Unpublished since" not in html
    assert "2 saved pages" in html
    assert re.search(r'<a href="/shelf/saved/" aria-current="page">Saved</a>', html)


def test_saved_page_can_remove_and_comes_back(client, bingo, teacher):
    SavedMaterial.objects.create(user=teacher, page=bingo)
    client.force_login(teacher)
    html = client.get(reverse("shelf:saved")).content.decode()
    assert f'action="{save_url(bingo)}"' in html

    response = client.post(save_url(bingo), {"state": "off", "next": reverse("shelf:saved")})

    assert response["Location"] == reverse("shelf:saved")
    assert not SavedMaterial.objects.exists()
    assert "You have not saved anything yet." in client.get(reverse("shelf:saved")).content.decode()


def test_saved_page_needs_a_log_in(client):
    response = client.get(reverse("shelf:saved"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_header_links_to_saved_for_signed_in_teachers(client, teacher):
    assert 'href="/shelf/saved/"' not in client.get("/").content.decode()
    client.force_login(teacher)
    assert 'href="/shelf/saved/"' in client.get("/").content.decode()
