from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("verify/<str:code>/", views.verify, name="verify"),
    path("activity/<int:pk>/issue/", views.issue_for_activity, name="issue"),
    path("activity/<int:pk>/certificates.pdf", views.activity_pdf, name="activity_pdf"),
    path("activity/<int:pk>/participants/<int:participation_pk>/certificate.pdf", views.download, name="download"),
    path("activity/<int:pk>/participants/<int:participation_pk>/revoke/", views.revoke, name="revoke"),
]
