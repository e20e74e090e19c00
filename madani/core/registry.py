"""What each app adds to the places every app shares (NetBox's ``navigation/menu.py``, but declared by
the apps): each app's ``AppConfig`` (its ``apps.py``) names, as class attributes,

- ``nav_items``: ``NavItem``s of the staff menu (signed-in users), the public menu (visitors) or the
  footer (everyone);
- ``demo_steps``: ``DemoStep``s, dotted paths of ``load(center)`` functions with their order;
- ``journey_sources``: dotted paths of ``f(organization, user) -> [JourneyEvent]`` (the capacity journey);
- ``sitemaps``: ``{section: dotted path of a Sitemap class}``;
- ``public_urls``: ``PublicURL``s — the URL names anyone may open, each with the reason why
  (robots.txt allows those marked ``robots``, everything else is disallowed; the URL-access test reads
  them, and the sitemap's "pages" section lists those marked ``sitemap``);
- ``panels``: ``Panel``s other pages include (the activity page's certificate buttons…);
- ``api_routes``: ``ApiRoute``s the API's router registers;
- ``iati_transactions``: dotted paths of ``f(activity_element, program, user)`` that add ``<transaction>``
  elements to a program's IATI activity (the grants' commitments and disbursements);
- ``submission_handlers``: dotted paths of ``f(submission)`` called by ``collect.services.submission_receive``
  in its transaction each time a submission is received (new or again: a handler is idempotent), so an app
  turns a form's submissions into its own records (the elections' checklists and incidents).

This module reads them, in the order of ``INSTALLED_APPS``; adding an app touches no central list.
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str = ""  # "<app label>.<rule>" (see core.permissions.check); empty: every user of the menu
    order: int = 100
    menu: str = "staff"  # "staff": signed-in users; "public": visitors who are not signed in; "footer": everyone


@dataclass(frozen=True)
class DemoStep:
    path: str  # dotted path of load(center)
    order: int = 100


@dataclass(frozen=True)
class PublicURL:
    name: str  # URL name, with its namespace
    reason: str  # why anyone may open it (what it shows, what protects it)
    robots: bool = True  # robots.txt lets search engines in (everything else is disallowed)
    sitemap: bool = False  # a page without arguments listed in the sitemap's "pages" section
    test_object: str = ""  # URLs of one object: the fixture object the URL-access test opens


@dataclass(frozen=True)
class Panel:
    slot: str  # where it goes: "activity.summary", "activity.participants", "activity.participant_row",
    # "activity.after_participants", "organization.actions", "questionnaire.survey"
    template: str
    context: str  # dotted path of f(context, *objects) -> dict, the panel template's context
    order: int = 100


@dataclass(frozen=True)
class ApiRoute:
    prefix: str
    viewset: str  # dotted path
    basename: str
    order: int = 100


@dataclass(frozen=True)
class Mount:
    prefix: str  # "organizations/"; "" for pages at the root (the public site)
    urls: str  # dotted path of the URLconf module
    i18n: bool = True  # under the language prefix (/en/…); False: one address for machines (/openrosa/)


def _declared(attribute: str) -> list:
    found = []
    for config in apps.get_app_configs():
        found += list(getattr(config, attribute, ()) or ())
    return found


def nav_items(menu: str) -> list[NavItem]:
    return sorted((item for item in _declared("nav_items") if item.menu == menu), key=lambda item: item.order)


def visible_nav_items(user, menu: str) -> list[NavItem]:
    from .permissions import check

    return [item for item in nav_items(menu) if not item.permission or check(user, item.permission)]


def demo_steps() -> list[str]:
    return [step.path for step in sorted(_declared("demo_steps"), key=lambda step: step.order)]


def journey_sources() -> list[str]:
    return _declared("journey_sources")


@cache
def sitemaps() -> dict:
    found = {}
    for config in apps.get_app_configs():
        for section, path in (getattr(config, "sitemaps", None) or {}).items():
            found[section] = import_string(path)
    return found


def public_urls() -> list[PublicURL]:
    return _declared("public_urls")


def panels(slot: str) -> list[Panel]:
    return sorted((panel for panel in _declared("panels") if panel.slot == slot), key=lambda panel: panel.order)


def iati_transactions() -> list[str]:
    return _declared("iati_transactions")


def api_routes() -> list[ApiRoute]:
    return sorted(_declared("api_routes"), key=lambda route: route.order)



def mounts(*, i18n: bool) -> list[Mount]:
    """The apps' URLconfs, in the order of INSTALLED_APPS (the public site, at the root, comes last)."""
    return [mount for mount in _declared("mounts") if mount.i18n == i18n]


def submission_handlers() -> list[str]:
    return _declared("submission_handlers")
