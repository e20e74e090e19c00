from django.urls import path

from . import views
from .feeds import LatestNewsFeed

app_name = "news"
urlpatterns = [
    path("", views.post_list, name="list"),
    path("feed/", LatestNewsFeed(), name="feed"),
    path("cover/<int:pk>/", views.cover, name="cover"),
    path("cover/<int:pk>/small/", views.cover_thumbnail, name="cover_thumbnail"),
    path("manage/", views.manage_list, name="manage"),
    path("manage/export/", views.manage_export, name="manage_export"),
    path("manage/new/", views.post_create, name="create"),
    path("manage/<int:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/edit/", views.post_edit, name="edit"),
    path("manage/<int:pk>/submit/", views.post_submit, name="submit"),
    path("manage/<int:pk>/publish/", views.post_publish, name="publish"),
    path("manage/<int:pk>/unpublish/", views.post_unpublish, name="unpublish"),
    path("from-activity/<int:pk>/", views.draft_from_activity, name="draft_from_activity"),
    path("<str:slug>/", views.post_detail, name="detail"),
]
