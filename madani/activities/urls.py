from django.urls import path

from . import import_views, views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("export/", views.activity_export, name="export"),
    path("new/", views.activity_create, name="create"),
    path("my-sessions/", views.my_sessions, name="my_sessions"),
    path("people-search/", views.people_search, name="people_search"),
    path("phase-options/", views.phase_options, name="phase_options"),
    path("programs/", views.program_list, name="program_list"),
    path("programs/export/", views.program_export, name="program_export"),
    path("programs/new/", views.program_create, name="program_create"),
    path("programs/<int:pk>/", views.program_detail, name="program_detail"),
    path("programs/<int:pk>/edit/", views.program_edit, name="program_edit"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/delete/", views.activity_delete, name="delete"),
    path("<int:pk>/deliverable/", views.activity_deliverable, name="deliverable"),
    path("<int:pk>/sessions/new/", views.session_add, name="session_add"),
    path("<int:pk>/sessions/<int:session_pk>/edit/", views.session_edit, name="session_edit"),
    path("<int:pk>/sessions/<int:session_pk>/delete/", views.session_delete, name="session_delete"),
    path("<int:pk>/sessions/<int:session_pk>/attendance/", views.attendance_sheet, name="attendance"),
    path("<int:pk>/sessions/<int:session_pk>/walk-in/", views.attendance_walk_in, name="walk_in"),
    path("<int:pk>/sessions/<int:session_pk>/sign-in-sheet/", views.sign_in_sheet, name="sign_in_sheet"),
    path("<int:pk>/participants/new/", views.participant_add, name="participant_add"),
    path("<int:pk>/participants/completed/", views.participants_complete, name="participants_complete"),
    path("<int:pk>/participants/<int:participation_pk>/edit/", views.participant_edit, name="participant_edit"),
    path("<int:pk>/participants/<int:participation_pk>/remove/", views.participant_remove, name="participant_remove"),
    path("<int:pk>/import/", import_views.import_start, name="import_start"),
    path("<int:pk>/import/template.xlsx", import_views.import_template_xlsx, name="import_template_xlsx"),
    path("<int:pk>/import/template.csv", import_views.import_template_csv, name="import_template_csv"),
    path("<int:pk>/import/columns/", import_views.import_columns, name="import_columns"),
    path("<int:pk>/import/preview/", import_views.import_preview, name="import_preview"),
]
