from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.public_search, name="search"),
    path("<int:pk>/", views.public_detail, name="public_detail"),
    path("manage/", views.listing_list, name="list"),
    path("manage/export/", views.listing_export, name="export"),
    path("manage/new/", views.listing_create, name="create"),
    path("manage/<int:pk>/", views.listing_detail, name="detail"),
    path("manage/<int:pk>/edit/", views.listing_edit, name="edit"),
    path("manage/<int:pk>/publish/", views.listing_publish, name="publish"),
    path("manage/<int:pk>/reject/", views.listing_reject, name="reject"),
    path("manage/<int:pk>/withdraw/", views.listing_withdraw, name="withdraw"),
]
