from django.urls import path

from . import views

app_name = "collect"
urlpatterns = [
    path("", views.credentials, name="credentials"),
    path("devices/<int:pk>/revoke/", views.credential_revoke, name="revoke"),
    path("forms/<int:pk>/fill/", views.fill, name="fill"),
    path("forms/attendance/<int:pk>/fill/", views.attendance_fill, name="attendance_fill"),
    path("forms/submission/", views.web_submission, name="web_submission"),
    path("forms/offline-worker.js", views.offline_worker, name="offline_worker"),
    path("forms/<int:pk>/submissions/", views.submissions, name="submissions"),
    path("forms/<int:pk>/submissions/export/", views.submissions_export, name="submissions_export"),
    path("files/<int:pk>/", views.attachment_download, name="attachment"),
]
