from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("3w/", views.three_w, name="three_w"),
    path("programs/<int:pk>/iati.xml", views.iati, name="iati"),
]
