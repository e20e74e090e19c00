from django.urls import path

from . import views

app_name = "elections"
urlpatterns = [
    path("", views.election_list, name="election_list"),
    path("new/", views.election_create, name="election_create"),
    path("<int:pk>/", views.election_detail, name="election_detail"),
    path("<int:pk>/advance/", views.election_advance, name="election_advance"),
    path("<int:pk>/forms/", views.forms_install, name="forms_install"),
    path("<int:pk>/centers/new/", views.center_add, name="center_add"),
    path("<int:pk>/observers/new/", views.observer_add, name="observer_add"),
    path("<int:pk>/candidates/new/", views.candidate_add, name="candidate_add"),
    path("<int:pk>/campaign/new/", views.promotion_add, name="promotion_add"),
    path("<int:pk>/live/", views.live, name="live"),
    path("<int:pk>/checklists/", views.checklist_list, name="checklist_list"),
    path("checklists/<int:pk>/", views.checklist_detail, name="checklist_detail"),
    path("<int:pk>/incidents/", views.incident_list, name="incident_list"),
    path("<int:pk>/incidents/new/", views.incident_add, name="incident_add"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident_detail"),
    path("<int:pk>/turnout/new/", views.turnout_add, name="turnout_add"),
    path("<int:pk>/results/", views.result_list, name="result_list"),
    path("centers/<int:pk>/result/", views.result_enter, name="result_enter"),
    path("<int:pk>/publish/", views.results_publish, name="results_publish"),
    path("<int:pk>/report/", views.public_report, name="public_report"),
    path("<int:pk>/report.pdf", views.public_report_pdf, name="public_report_pdf"),
]
