from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("export/", views.person_export, name="export"),
    path("new/", views.person_create, name="create"),
    path("duplicates/", views.duplicate_queue, name="duplicates"),
    path("duplicates/different/", views.duplicate_dismiss, name="duplicate_dismiss"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/delete/", views.person_delete, name="delete"),
    path("<int:pk>/merge/", views.person_merge, name="merge"),
    path("<int:pk>/affiliations/new/", views.affiliation_add, name="affiliation_add"),
    path("<int:pk>/affiliations/<int:affiliation_pk>/delete/", views.affiliation_remove, name="affiliation_remove"),
]
