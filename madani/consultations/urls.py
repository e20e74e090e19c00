from django.urls import path

from . import views

app_name = "consultations"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("export/", views.request_export, name="export"),
    path("new/", views.request_create, name="create"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/assign/", views.request_assign, name="assign"),
    path("<int:pk>/sessions/new/", views.request_log_session, name="log_session"),
    path("<int:pk>/close/", views.request_close, name="close"),
    path("<int:pk>/decline/", views.request_decline, name="decline"),
    path("suggest-a-training/", views.public_training_suggestion, name="suggest_training"),
    path("request-a-consultation/", views.public_consultation_request, name="request_consultation"),
    path("thanks/", views.public_thanks, name="thanks"),
]
