"""Files a teacher shared stay private until an editor publishes the material.

Registered from LibraryConfig.ready(). Wagtail serves documents through its own view
(WAGTAILDOCS_SERVE_METHOD = "serve_view"), which asks `before_serve_document` hooks first;
a document in the "Shared by teachers" collection that no live page offers is served only
to the teacher who uploaded it and to editors. Everyone else gets a 404, as for the draft.
"""

from django.http import Http404
from wagtail import hooks

from library.models import LibraryAttachment

from .submissions import SHARED_COLLECTION_NAME


def may_see_unpublished_file(user, document) -> bool:
    if not user.is_authenticated:
        return False
    return user.pk == document.uploaded_by_user_id or user.has_perm("wagtailadmin.access_admin")


@hooks.register("before_serve_document")
def keep_unreviewed_files_private(document, request):
    if document.collection.name != SHARED_COLLECTION_NAME:
        return None
    if LibraryAttachment.objects.filter(document=document, page__live=True).exists():
        return None
    if may_see_unpublished_file(request.user, document):
        return None
    raise Http404
