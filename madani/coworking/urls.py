from django.urls import path

from . import views

app_name = "coworking"
urlpatterns = [
    path("", views.index, name="index"),
    path("resources/new/", views.resource_create, name="resource_create"),
    path("resources/<int:pk>/", views.calendar, name="calendar"),
    path("resources/<int:pk>/edit/", views.resource_edit, name="resource_edit"),
    path("resources/<int:pk>/book/", views.booking_create, name="book"),
    path("bookings/", views.booking_list, name="booking_list"),
    path("bookings/export/", views.booking_export, name="booking_export"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/used/", views.booking_mark_used, name="booking_mark_used"),
    path("bookings/<int:pk>/no-show/", views.booking_no_show, name="booking_no_show"),
]
