from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("new/", views.indicator_create, name="create"),
    path("<int:pk>/", views.indicator_detail, name="detail"),
    path("<int:pk>/edit/", views.indicator_edit, name="edit"),
    path("<int:pk>/records/", views.indicator_records, name="records"),
    path("records/", views.figure_records, name="figure_records"),
    path("programs/<int:pk>/logframe/", views.logframe, name="logframe"),
    path("programs/<int:pk>/logframe/export/", views.logframe_export, name="logframe_export"),
    path("programs/<int:pk>/outcomes/new/", views.outcome_add, name="outcome_add"),
    path("outcomes/<int:pk>/edit/", views.outcome_edit, name="outcome_edit"),
    path("outcomes/<int:pk>/outputs/new/", views.output_add, name="output_add"),
    path("outputs/<int:pk>/edit/", views.output_edit, name="output_edit"),
]
