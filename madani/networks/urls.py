from django.urls import path

from . import views
from .models import DecisionStatus, MembershipStatus, MinutesStatus

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="network_list"),
    path("<int:pk>/", views.network_detail, name="network_detail"),
    path("<int:pk>/members/export/", views.member_export, name="member_export"),
    path("<int:pk>/members/new/", views.membership_add, name="membership_add"),
    path("<int:pk>/board/new/", views.seat_add, name="seat_add"),
    path("memberships/<int:pk>/", views.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/activate/", views.membership_move, {"status": MembershipStatus.ACTIVE},
         name="membership_activate"),
    path("memberships/<int:pk>/suspend/", views.membership_move, {"status": MembershipStatus.SUSPENDED},
         name="membership_suspend"),
    path("memberships/<int:pk>/withdraw/", views.membership_move, {"status": MembershipStatus.WITHDRAWN},
         name="membership_withdraw"),
    path("seats/<int:pk>/end/", views.seat_end, name="seat_end"),
    path("<int:pk>/meetings/new/", views.meeting_add, name="meeting_add"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/minutes/", views.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/minutes/circulate/", views.minutes_move, {"status": MinutesStatus.CIRCULATED},
         name="minutes_circulate"),
    path("meetings/<int:pk>/minutes/approve/", views.minutes_move, {"status": MinutesStatus.APPROVED},
         name="minutes_approve"),
    path("meetings/<int:pk>/decisions/new/", views.decision_add, name="decision_add"),
    path("decisions/<int:pk>/start/", views.decision_move, {"status": DecisionStatus.IN_PROGRESS},
         name="decision_start"),
    path("decisions/<int:pk>/done/", views.decision_move, {"status": DecisionStatus.DONE}, name="decision_done"),
    path("decisions/<int:pk>/drop/", views.decision_move, {"status": DecisionStatus.DROPPED}, name="decision_drop"),
    path("<int:pk>/plans/", views.plan_list, name="plan_list"),
    path("<int:pk>/plans/new/", views.plan_add, name="plan_add"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/objectives/new/", views.objective_add, name="objective_add"),
    path("plans/<int:pk>/reviews/new/", views.plan_review_add, name="plan_review_add"),
    path("<int:pk>/licensing-visits/new/", views.licensing_visit_add, name="licensing_visit_add"),
    path("licensing-visits/<int:pk>/", views.licensing_visit_edit, name="licensing_visit_edit"),
]
