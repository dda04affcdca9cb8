from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("", views.my_schools, name="my_schools"),
    path("new/", views.new_school, name="new"),
    path("<int:school_id>/", views.school, name="school"),
    path("<int:school_id>/colleagues/add/", views.add_colleague, name="add_colleague"),
    path("<int:school_id>/classes/new/", views.new_class, name="new_class"),
    path("classes/<int:class_id>/edit/", views.edit_class, name="edit_class"),
]
