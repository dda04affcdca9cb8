"""`/previews/<file>/…`: page pictures and the larger view (views.py checks the page)."""

from django.urls import path

from . import views

app_name = "library_previews"

urlpatterns = [
    path("<int:attachment_id>/", views.pages, name="pages"),
    path("<int:attachment_id>/<int:number>.png", views.picture, name="picture"),
    path("<int:attachment_id>/<int:number>-large.png", views.large_picture, name="large"),
]
