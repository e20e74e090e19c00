"""The app registry (core/registry.py): what each app declares in its AppConfig shows up in the shared
places, for the users its rule lets in, in the declared order; and the one ``{% can %}`` tag."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.urls import reverse

from madani.core import registry
from madani.core.permissions import check
from madani.core.registry import DemoStep, NavItem
from madani.public.robots import path_prefix

from conftest import client_for


def _menu(client):
    html = client.get(reverse("public:home")).content.decode()
    return html[html.index('id="main-nav"'):html.index("</nav>")]


def _href(name):
    return f'href="{reverse(name)}"'


def test_an_apps_menu_item_appears_only_for_users_its_rule_lets_in(staff_a, cso_member, trainer_a):
    reports = reverse("reports:index")
    assert reports in _menu(client_for(staff_a))  # branch managers record activities
    assert reports not in _menu(client_for(trainer_a))
    assert reports not in _menu(client_for(cso_member))
    # One URL, two items with different rules: staff see the queue, CSO members their own requests.
    assert "My requests" not in _menu(client_for(staff_a))


def test_visitors_get_the_public_menu_and_signed_in_users_the_staff_menu(anonymous, staff_a):
    public = _menu(anonymous)
    assert _href("dashboard:impact") in public and _href("dashboard:index") not in public
    staff = _menu(client_for(staff_a))
    assert _href("dashboard:index") in staff and _href("dashboard:impact") not in staff


def test_a_new_apps_nav_item_is_shown_by_its_rule_with_no_central_list(monkeypatch, staff_a, cso_member, db):
    config = apps.get_app_config("reports")
    item = NavItem("Grants", "reports:index", "reports.see_reports", order=15)
    monkeypatch.setattr(config, "nav_items", [*config.nav_items, item], raising=False)
    assert item in registry.visible_nav_items(staff_a, "staff")
    assert item not in registry.visible_nav_items(cso_member, "staff")
    items = registry.nav_items("staff")
    dashboard = next(i for i in items if i.url_name == "dashboard:index")
    assert items.index(item) == items.index(dashboard) + 1  # after the dashboard (10), before organizations (20)


def test_demo_steps_run_in_their_declared_order_whichever_app_declares_them(monkeypatch):
    steps = registry.demo_steps()
    assert steps[0] == "madani.sampledata.demo.activities.load" and steps[-1] == "madani.sampledata.demo.dashboard.load"
    assert steps.index("madani.sampledata.demo.activities.load") < steps.index("madani.sampledata.demo.public.load")
    config = apps.get_app_config("library")  # declared late in INSTALLED_APPS, but asks to run first
    monkeypatch.setattr(config, "demo_steps", [DemoStep("madani.sampledata.demo.library.load", order=1)])
    assert registry.demo_steps()[0] == "madani.sampledata.demo.library.load"


def test_every_api_route_declared_by_an_app_is_served():
    for route in registry.api_routes():
        assert reverse(f"api:{route.basename}-list") == f"/api/v1/{route.prefix}/"


def test_every_public_url_says_why_it_is_public():
    for url in registry.public_urls():
        assert url.reason.strip(), url.name
        assert path_prefix(url.name), url.name  # a URL name that exists


def _can(user, name, obj=None):
    template = Template('{% load access %}{% can name obj as allowed %}{% if allowed %}yes{% else %}no{% endif %}')
    return template.render(Context({"user": user, "name": name, "obj": obj}))


def test_the_can_tag_asks_the_apps_rule_by_name(staff_a, trainer_a, cso_member):
    assert _can(staff_a, "activities.record_activities") == "yes"
    assert _can(trainer_a, "activities.record_activities") == "no"
    assert _can(trainer_a, "activities.mark_attendance") == "yes"
    assert _can(cso_member, "coworking.book_as_member") == "yes"
    assert _can(AnonymousUser(), "activities.see_activities") == "no"


def test_the_can_tag_passes_the_object_to_the_rule(cso_member, organization_a, branch_a):
    from tests.factories import OrganizationFactory

    assert _can(cso_member, "assessments.assess", organization_a) == "yes"
    assert _can(cso_member, "assessments.assess", OrganizationFactory(branch=branch_a)) == "no"


def test_an_unknown_rule_is_an_error_not_a_silent_no(staff_a):
    with pytest.raises(LookupError):
        check(staff_a, "activities.fly")
    with pytest.raises(LookupError):
        check(AnonymousUser(), "activities.fly")


def test_the_footer_links_every_app_declares_for_everyone(anonymous, staff_a):
    for client in (anonymous, client_for(staff_a)):
        html = client.get(reverse("public:home")).content.decode()
        footer = html[html.index("<footer"):html.index("</footer>")]
        for name in ("consultations:suggest_training", "consultations:request_consultation", "dashboard:impact"):
            assert _href(name) in footer, name
