from django.urls import path

from . import views
from .models import MembershipStatus

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
]
