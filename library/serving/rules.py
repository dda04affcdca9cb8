"""Who may have an uploaded file: the one rule for documents, images, renditions and
previews alike."""

from wagtail.permissions import policy_registry

from library.models import Viewer, visible_pages

from . import usage

MANAGING = ["change", "choose"]


def may_manage(user, item) -> bool:
    """Its uploader (a teacher's shared file before review) and editors who may change or
    choose it in the admin (to preview a draft) see it whatever the pages say."""
    if user is None or not user.is_authenticated:
        return False
    if getattr(item, "uploaded_by_user_id", None) == user.pk:
        return True
    policy = policy_registry.get_by_type(type(item))
    return policy.user_has_any_permission_for_instance(user, MANAGING, item)


def may_see_pages(request, pages) -> bool:
    return visible_pages(pages, Viewer.of_request(request)).exists()


def may_have_document(request, document) -> bool:
    return may_see_pages(request, usage.pages_using(document, "document")) or may_manage(
        request.user, document
    )


def may_have_image(request, image) -> bool:
    return may_see_pages(request, usage.pages_using(image, "image")) or may_manage(
        request.user, image
    )


def is_public_image(image) -> bool:
    """Whether anyone may have it (a shared cache may keep it)."""
    return visible_pages(usage.pages_using(image, "image"), Viewer.anonymous()).exists()
