"""A print job's own addresses, mounted at /print/jobs/ (config/urls.py). The addresses that
ask for a print by its options belong to the apps that own the printed things."""

from django.urls import path

from . import views

app_name = "printing"

urlpatterns = [
    path("<uuid:job_id>/", views.job_status, name="job"),
    path("<uuid:job_id>/pdf/", views.job_pdf, name="job_pdf"),
    path("<uuid:job_id>/preview.png", views.job_preview, name="job_preview"),
]
