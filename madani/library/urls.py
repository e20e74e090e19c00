from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("export/", views.resource_export, name="export"),
    path("new/", views.resource_create, name="create"),
    path("<int:pk>/", views.resource_detail, name="detail"),
    path("<int:pk>/file/", views.resource_file, name="file"),
    path("<int:pk>/edit/", views.resource_edit, name="edit"),
    path("<int:pk>/delete/", views.resource_delete, name="delete"),
]
