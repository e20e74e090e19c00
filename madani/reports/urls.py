from django.urls import path

from . import views

app_name = "reports"
urlpatterns: list = [
    path("donor/", views.donor_report, name="donor_report"),
    path("donor/<int:pk>/", views.donor_job, name="donor_job"),
    path("donor/<int:pk>/progress/", views.donor_job_progress, name="donor_job_progress"),
    path("donor/<int:pk>/download/", views.donor_job_download, name="donor_job_download"),
]
