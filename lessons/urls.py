from django.urls import path

from . import views

app_name = "lessons"

urlpatterns = [
    path("", views.my_lessons, name="my_lessons"),
    path("add-material/<int:page_id>/", views.add_material, name="add_material"),
]
