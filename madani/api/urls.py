from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"
router = DefaultRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("people", views.PersonViewSet, basename="person")
router.register("places", views.PlaceViewSet, basename="place")
router.register("programs", views.ProgramViewSet, basename="program")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("sessions", views.SessionViewSet, basename="session")
router.register("participations", views.ParticipationViewSet, basename="participation")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
