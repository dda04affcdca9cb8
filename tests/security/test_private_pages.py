"""Private library pages stay private everywhere (issue #11.4, #11.9).

Each test is named for the attack it stops: a page an editor restricted (to a group, to a
password, to signed-in users) must not leak through a lesson plan, a print, a cached page,
a list, search, saved lists, or its files — and a draft's files must not be one guessed
URL away. Real database, real storage, real page cache and search index.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from lessons.printing.layouts import content_version
from lessons.services.editing import add_step, create_plan
from lessons.services.materials import UnknownMaterials, live_material_ids
from lessons.services.reading import load_steps
from library.models import LibraryAttachment, SavedMaterial, Viewer
from library.models.pages import LibraryPage
from library.previews import preview_url
from library.tasks import make_file_preview
from search.service import search
from tests.factories.accounts import TeacherFactory
from tests.factories.library import MaterialPageFactory
from tests.library.sample_files import image_bytes, pdf_bytes

Document = get_document_model()
Image = get_image_model()


@pytest.fixture(autouse=True)
def _files(files_on_disk):
    """Files in a fresh folder on disk per test, as Wagtail's document view reads them."""


@pytest.fixture
def page_cache_on(settings):
    settings.KYOZAI_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def reviewers(db):
    return Group.objects.create(name="Reviewers")


def restrict(page, kind=PageViewRestriction.GROUPS, group=None, password=""):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=password
    )
    if group is not None:
        restriction.groups.add(group)
    return restriction


def attach_document(page, name="secret-worksheet.pdf") -> LibraryAttachment:
    document = Document.objects.create(title=name, file=ContentFile(pdf_bytes(), name=name))
    return LibraryAttachment.objects.create(page=page, document=document)


def attach_image(page, capture) -> LibraryAttachment:
    image = Image.objects.create(
        title="cards", file=ContentFile(image_bytes("PNG"), name="secret-cards.png")
    )
    with capture(execute=True):  # the previews task is queued after the commit
        attachment = LibraryAttachment.objects.create(page=page, image=image)
    make_file_preview.call(attachment.pk)  # what the previews worker does with it
    attachment.refresh_from_db()
    return attachment


def media_url(name: str) -> str:
    return f"/media/{name}"


# --- The one rule ------------------------------------------------------------------------


def test_each_kind_of_privacy_hides_a_page_from_who_does_not_pass_it(
    db, teacher, editor, reviewers
):
    by_group = MaterialPageFactory(title="Group only")
    by_login = MaterialPageFactory(title="Teachers only")
    by_password = MaterialPageFactory(title="Password only")
    public = MaterialPageFactory(title="Open")
    restrict(by_group, group=reviewers)
    restrict(by_login, PageViewRestriction.LOGIN)
    password = restrict(by_password, PageViewRestriction.PASSWORD, password="pw")
    member = TeacherFactory(username="rie")
    member.groups.add(reviewers)

    def titles(viewer):
        return set(LibraryPage.objects.visible_to(viewer).values_list("title", flat=True))

    assert titles(None) == {"Open"}
    assert titles(Viewer.plan_reader()) == {"Open", "Teachers only"}
    assert titles(Viewer.of_user(teacher)) == {"Open", "Teachers only"}
    assert titles(Viewer.of_user(member)) == {"Open", "Teachers only", "Group only"}
    entered = Viewer(signed_in=False, passed_passwords=frozenset({password.pk}))
    assert titles(entered) == {"Open", "Password only"}
    assert public.pk  # the public page is everyone's


def test_privacy_on_a_section_hides_every_page_under_it(db, reviewers):
    page = MaterialPageFactory(title="Under a private section")
    restrict(page.get_parent(), group=reviewers)
    assert not LibraryPage.objects.visible_to(None).filter(pk=page.pk).exists()
    assert not LibraryPage.objects.visible_to(Viewer.plan_reader()).filter(pk=page.pk).exists()


# --- Lesson plans: links, display, prints --------------------------------------------------


def test_a_group_only_page_cannot_be_linked_into_a_lesson_step_by_id(db, teacher, reviewers):
    private = MaterialPageFactory(title="Reviewers' secret game")
    restrict(private, group=reviewers)
    teacher.groups.add(reviewers)  # even a member: the plan is read by others too
    with pytest.raises(UnknownMaterials):
        live_material_ids([private.pk])


def test_a_password_page_cannot_be_linked_through_the_step_api(client, teacher):
    private = MaterialPageFactory(title="Behind a password")
    restrict(private, PageViewRestriction.PASSWORD, password="pw")
    plan = create_plan(teacher, {"title": "Weather", "length_minutes": 45})
    client.force_login(teacher)
    response = client.post(
        f"/api/v1/lessons/plans/{plan.pk}/steps/",
        {"phase": "activity", "minutes": 10, "title": "Game", "materials": [private.pk]},
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500
    assert "Behind a password" not in response.content.decode()


def test_a_log_in_only_page_may_be_linked(db, teacher):
    page = MaterialPageFactory(title="Teachers only")
    restrict(page, PageViewRestriction.LOGIN)
    assert live_material_ids([page.pk]) == [page.pk]


def test_a_page_made_private_after_linking_leaves_the_plan_and_its_print(
    client, teacher, reviewers
):
    page = MaterialPageFactory(title="Soon private bingo")
    plan = create_plan(teacher, {"title": "Weather", "length_minutes": 45})
    add_step(plan.pk, teacher, {"phase": "activity", "minutes": 10}, [page.pk])
    before = content_version(plan)
    assert [m.title for s in load_steps(plan) for m in s.materials.all()] == [page.title]

    restrict(page, group=reviewers)

    assert [m for s in load_steps(plan) for m in s.materials.all()] == []
    # The print is remembered under the content version: it changes, so the old PDF with
    # the page's files embedded is not handed out again.
    assert content_version(plan) != before
    client.force_login(teacher)
    editor_page = client.get(reverse("lessons:plan", args=[plan.pk]))
    assert editor_page.status_code == 200
    assert "Soon private bingo" not in editor_page.content.decode()


# --- Cached pages, lists, search -----------------------------------------------------------


def test_a_page_made_private_leaves_the_anonymous_page_cache_at_once(
    client, page_cache_on, reviewers
):
    page = MaterialPageFactory(title="Cached then private")
    listing = page.get_parent().url
    assert client.get(listing)["X-Kyozai-Cache"] == "miss"
    assert client.get(page.url)["X-Kyozai-Cache"] == "miss"
    assert client.get(page.url)["X-Kyozai-Cache"] == "hit"

    restrict(page, group=reviewers)

    assert "Cached then private" not in client.get(listing).content.decode()
    answer = client.get(page.url)
    assert answer.get("X-Kyozai-Cache") != "hit"
    assert "Cached then private" not in answer.content.decode()


def test_a_page_made_private_on_an_ancestor_leaves_the_cache_and_search(
    client, page_cache_on, reviewers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # indexed after the commit
        page = MaterialPageFactory(title="Zebra crossing game")
    assert search(query="zebra", filters={}, page=1, page_size=8).total == 1
    client.get(page.url)

    with django_capture_on_commit_callbacks(execute=True):
        restrict(page.get_parent(), group=reviewers)

    assert search(query="zebra", filters={}, page=1, page_size=8).total == 0
    assert "Zebra crossing game" not in client.get(page.url).content.decode()


def test_related_materials_never_show_a_private_page(client, reviewers):
    shown = MaterialPageFactory(title="Visible page", tags=["weather"])
    hidden = MaterialPageFactory(title="Hidden neighbour", tags=["weather"])
    restrict(hidden, group=reviewers)
    assert "Hidden neighbour" not in client.get(shown.url).content.decode()


def test_a_saved_list_drops_a_page_made_private_to_others(client, teacher, reviewers):
    page = MaterialPageFactory(title="Saved then private")
    SavedMaterial.objects.create(user=teacher, page=page)
    restrict(page, group=reviewers)
    client.force_login(teacher)
    assert "Saved then private" not in client.get(reverse("shelf:saved")).content.decode()


def test_a_private_page_cannot_be_printed_by_id(client, reviewers):
    page = MaterialPageFactory(title="Private print")
    restrict(page, group=reviewers)
    response = client.get(reverse("library_printing:material_pdf", args=[page.pk]))
    assert response.status_code == 404


# --- Files ----------------------------------------------------------------------------------


def test_a_private_pages_documents_are_not_downloadable(client, teacher, editor, reviewers):
    page = MaterialPageFactory(title="Private worksheet page")
    document = attach_document(page).document
    assert client.get(document.url).status_code == 200

    restrict(page, group=reviewers)

    assert client.get(document.url).status_code == 404
    client.force_login(teacher)
    assert client.get(document.url).status_code == 404
    teacher.groups.add(reviewers)
    assert client.get(document.url).status_code == 200
    client.force_login(editor)  # editors manage documents: they proof drafts
    assert client.get(document.url).status_code == 200


def test_a_document_no_page_offers_is_not_served_to_strangers(client, teacher):
    document = Document.objects.create(
        title="stray", file=ContentFile(pdf_bytes(), name="stray.pdf")
    )
    assert client.get(document.url).status_code == 404
    client.force_login(teacher)
    assert client.get(document.url).status_code == 404


def test_a_password_pages_document_is_served_once_the_password_is_entered(client, db):
    page = MaterialPageFactory(title="Password worksheet")
    document = attach_document(page).document
    restriction = restrict(page, PageViewRestriction.PASSWORD, password="letmein")
    assert client.get(document.url).status_code == 404
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": "letmein", "return_url": page.url},
    )
    assert client.get(document.url).status_code == 200


def test_a_private_pages_preview_and_image_are_not_served(
    client, reviewers, django_capture_on_commit_callbacks
):
    page = MaterialPageFactory(title="Picture page")
    attachment = attach_image(page, django_capture_on_commit_callbacks)
    preview = preview_url(attachment)
    assert preview, "the previews task made the page picture"
    original = media_url(attachment.image.file.name)
    shown = client.get(preview)
    assert shown.status_code == 200
    assert "public" in shown["Cache-Control"]
    assert b"".join(shown.streaming_content).startswith(b"\x89PNG")
    assert client.get(original).status_code == 200

    restrict(page, group=reviewers)

    assert client.get(preview).status_code == 404
    assert client.get(original).status_code == 404


def test_a_drafts_image_cannot_be_opened_by_its_file_name(
    client, teacher, editor, django_capture_on_commit_callbacks
):
    draft = MaterialPageFactory(title="Draft with a picture", live=False)
    attachment = attach_image(draft, django_capture_on_commit_callbacks)
    rendition = attachment.image.get_rendition("max-100x100")
    addresses = [
        preview_url(attachment),
        preview_url(attachment, large=True),
        media_url(attachment.image.file.name),
        media_url(rendition.file.name),
    ]
    assert all(addresses), addresses

    for address in addresses:
        assert client.get(address).status_code == 404, address
    client.force_login(teacher)
    for address in addresses:
        assert client.get(address).status_code == 404, address
    client.force_login(editor)  # the editor proofing the draft sees its pictures
    for address in addresses:
        answer = client.get(address)
        assert answer.status_code == 200, address
        assert "private" in answer["Cache-Control"]


def test_guessed_media_paths_are_not_found(client, db):
    page = MaterialPageFactory(title="Public worksheet page")
    document = attach_document(page).document
    for path in [
        media_url(document.file.name),  # documents only through /documents/<id>/<name>
        "/media/previews/../documents/x.pdf",
        "/media/previews/nothing.png",
        "/media/original_images/nothing.png",
        "/media/images/nothing.png",
        "/media/anything-else.txt",
    ]:
        assert client.get(path).status_code == 404, path


def test_media_is_served_with_production_settings(client, settings, db):
    """Previews answered 404 under production settings: the view is there whatever DEBUG."""
    settings.DEBUG = False
    page = MaterialPageFactory(title="Public image page")
    image = Image.objects.create(title="i", file=ContentFile(image_bytes("PNG"), name="p.png"))
    LibraryAttachment.objects.create(page=page, image=image)
    assert client.get(media_url(image.file.name)).status_code == 200


def test_nginx_sends_the_bytes_only_after_the_check(client, settings, db, reviewers):
    settings.KYOZAI_MEDIA_ACCEL_REDIRECT_PREFIX = "/_protected_media/"
    page = MaterialPageFactory(title="Accel page")
    image = Image.objects.create(title="i", file=ContentFile(image_bytes("PNG"), name="a.png"))
    LibraryAttachment.objects.create(page=page, image=image)
    answer = client.get(media_url(image.file.name))
    assert answer.status_code == 200
    assert answer["X-Accel-Redirect"] == f"/_protected_media/{image.file.name}"
    assert answer.content == b""

    restrict(page, group=reviewers)
    refused = client.get(media_url(image.file.name))
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_a_body_image_follows_its_page_into_privacy(client, reviewers):
    """An image in the page body (not a file to download) is found through Wagtail's
    reference index: public with its page, refused once the page is private."""
    image = Image.objects.create(
        title="body", file=ContentFile(image_bytes("PNG"), name="body-picture.png")
    )
    page = MaterialPageFactory(
        title="Body picture page",
        body=[("image", {"image": image, "caption": "", "alt_text": "A picture"})],
    )
    rendition = image.get_rendition("max-800x600")
    assert client.get(media_url(rendition.file.name)).status_code == 200

    restrict(page, group=reviewers)

    assert client.get(media_url(rendition.file.name)).status_code == 404
    assert client.get(media_url(image.file.name)).status_code == 404
