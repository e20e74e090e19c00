from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("verify/<str:code>/", views.verify, name="verify"),
    path("activity/<int:pk>/issue/", views.issue_for_activity, name="issue"),
    path("activity/<int:pk>/bundle/", views.bundle_request, name="bundle_request"),
    path("bundles/<int:pk>/", views.bundle, name="bundle"),
    path("bundles/<int:pk>/progress/", views.bundle_progress, name="bundle_progress"),
    path("bundles/<int:pk>/certificates.pdf", views.bundle_download, name="bundle_download"),
    path("activity/<int:pk>/participants/<int:participation_pk>/certificate.pdf", views.download, name="download"),
    path("activity/<int:pk>/participants/<int:participation_pk>/revoke/", views.revoke, name="revoke"),
]
