"""/openrosa/ — the OpenRosa 1.0 server (openrosa.py). Not under a language prefix: devices use one address."""

from django.urls import path

from . import openrosa

app_name = "openrosa"
urlpatterns = [
    path("formList", openrosa.form_list, name="form_list"),
    path("forms/<int:pk>/form.xml", openrosa.form_download, name="form"),
    path("forms/<int:pk>/manifest", openrosa.manifest, name="manifest"),
    path("forms/<int:pk>/media/<int:media_pk>", openrosa.media, name="media"),
    path("attendance/<int:pk>/form.xml", openrosa.attendance_form, name="attendance_form"),
    path("attendance/<int:pk>/manifest", openrosa.attendance_manifest, name="attendance_manifest"),
    path("submission", openrosa.submission, name="submission"),
]
