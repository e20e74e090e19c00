from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("trainings/", views.trainings, name="trainings"),
    path("trainings/<int:pk>/register/", views.register, name="register"),
    path("trainings/registered/", views.register_thanks, name="register_thanks"),
    path("registrations/<int:pk>/accept/", views.registration_accept, name="registration_accept"),
    path("registrations/<int:pk>/reject/", views.registration_reject, name="registration_reject"),
    path("center-profile/", views.profile_edit, name="profile_edit"),
]
