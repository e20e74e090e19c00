from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("portal/", views.portal, name="portal"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/new/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
