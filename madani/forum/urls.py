from django.urls import path

from . import views

app_name = "forum"
F = "<slug:slug>/forum/"
urlpatterns = [
    path("forums/", views.forum_list, name="forum_list"),
    path("my-forum-posts/", views.my_posts, name="my_posts"),
    path(F, views.forum_index, name="index"),
    path(F + "search/", views.search, name="search"),
    path(F + "new/", views.thread_new, name="thread_new"),
    path(F + "c/<int:pk>/", views.category_detail, name="category"),
    path(F + "t/<int:pk>/", views.thread_detail, name="thread"),
    path(F + "t/<int:pk>/reply/", views.reply, name="reply"),
    path(F + "t/<int:pk>/lock/", views.thread_lock, {"locked": True}, name="thread_lock"),
    path(F + "t/<int:pk>/unlock/", views.thread_lock, {"locked": False}, name="thread_unlock"),
    path(F + "t/<int:pk>/move/", views.thread_move, name="thread_move"),
    path(F + "p/<int:pk>/flag/", views.post_flag, name="post_flag"),
    path(F + "p/<int:pk>/appeal/", views.post_appeal, name="post_appeal"),
    path(F + "p/<int:pk>/approve/", views.post_approve, name="post_approve"),
    path(F + "p/<int:pk>/hide/", views.post_hide, name="post_hide"),
    path(F + "p/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path(F + "p/<int:pk>/sanction/", views.sanction_impose, name="sanction_impose"),
    path(F + "sanctions/<int:pk>/lift/", views.sanction_lift, name="sanction_lift"),
    path(F + "sanctions/<int:pk>/appeal/", views.sanction_appeal, name="sanction_appeal"),
    path(F + "appeals/<int:pk>/", views.appeal_decide, name="appeal_decide"),
    path(F + "moderation/", views.queue, name="queue"),
    path(F + "moderation/history/", views.history, name="history"),
    path(F + "moderation/words/", views.watched_words, name="watched_words"),
    path(F + "moderation/words/<int:pk>/remove/", views.watched_word_remove, name="watched_word_remove"),
]
