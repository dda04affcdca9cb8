from django.urls import path

from . import views

app_name = "shelf"

urlpatterns = [
    path("saved/", views.saved, name="saved"),
    path("<int:page_id>/buttons/", views.buttons, name="buttons"),
    path("<int:page_id>/save/", views.toggle, {"mark": "save"}, name="save"),
    path("<int:page_id>/used/", views.toggle, {"mark": "used"}, name="used"),
]
