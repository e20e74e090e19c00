from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("", views.questionnaire_list, name="list"),
    path("new/", views.questionnaire_upload, name="upload"),
    path("<int:pk>/", views.questionnaire_detail, name="detail"),
    path("<int:pk>/download/", views.questionnaire_download, name="download"),
    path("<int:pk>/files/", views.questionnaire_media, name="media"),
    path("organizations/<int:pk>/", views.organization_assessments, name="organization"),
    path("organizations/<int:pk>/new/", views.organization_assess, name="assess"),
    path("organizations/<int:pk>/enrol/", views.organization_enrol, name="enrol"),
    path("responses/<int:pk>/", views.response_detail, name="response"),
    path("activities/<int:pk>/", views.activity_tests, name="activity"),
    path("activities/<int:pk>/participants/<int:participation_pk>/", views.test_fill, name="test"),
]
