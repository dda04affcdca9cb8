"""/share/: teachers send materials to the editors and follow what happens to them."""

from django.urls import path

from . import views

app_name = "sharing"

urlpatterns = [
    path("", views.share_material, name="new"),
    path("mine/", views.my_submissions, name="mine"),
    path("<int:page_id>/edit/", views.edit_submission, name="edit"),
    path("<int:page_id>/preview/", views.preview_submission, name="preview"),
]
