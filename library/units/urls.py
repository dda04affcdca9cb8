from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("<slug:series>/<str:grade>/<int:number>/", views.unit_page, name="unit"),
]
