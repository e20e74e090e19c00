from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("3w/", views.three_w, name="three_w"),
    path("programs/<int:pk>/iati.xml", views.iati, name="iati"),
    path("donor/", views.donor_report, name="donor_report"),
    path("donor/<int:pk>/", views.donor_job, name="donor_job"),
    path("donor/<int:pk>/progress/", views.donor_job_progress, name="donor_job_progress"),
    path("donor/<int:pk>/download/", views.donor_job_download, name="donor_job_download"),
]
