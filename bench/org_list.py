"""Organizations list page against a bare Django view.

Measures requests per second of the organizations list (/organizations/, Arabic) as seen by a branch manager
whose branch holds 10,000 organizations: the default page, i.e. a COUNT, 25 rows out of 10,000 ordered by
Arabic name, and the filter form. The baseline is a bare function view returning "ok" (bench/urls.py).

Both go through Django's threaded HTTP server and the full middleware stack, over one keep-alive
connection from one client thread on 127.0.0.1, with DEBUG off and the manager's session cookie (so the
baseline too loads the session, the user and the two-factor check). Their ratio is the figure with a
target, because it depends far less on the machine than either rate does.
"""

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from bench.harness import requests_per_second, serve, sign_in_with_both_factors
from bench.urls import BARE_BODY
from madani.accounts.models import Role, User
from madani.branches.models import Branch
from madani.core.db import refresh_planner_statistics
from madani.organizations.models import Kind, Organization

ORGANIZATIONS = 10_000
SECONDS = 5.0
# Measured 0.09–0.17 on 2 cores (page ~10x slower than the bare view, 12 queries against 3). At most 25x slower:
# twice the headroom of the worst run, and still catches a page that becomes 2–3 times as costly.
RATIO_TARGET = 0.04


def create_manager():
    """One branch with ORGANIZATIONS organizations, and its manager (with TOTP, as staff must have)."""
    branch = Branch.objects.create(code="bench", name="فرع القياس", name_ar="فرع القياس", name_en="Bench branch")
    Organization.objects.bulk_create(
        (
            Organization(branch=branch, kind=Kind.CSO, name=f"منظمة {i:05d}", name_ar=f"منظمة {i:05d}",
                         name_en=f"Organization {i:05d}")
            for i in range(ORGANIZATIONS)
        ),
        batch_size=1000,
    )
    manager = User.objects.create_user(email="manager@bench.invalid", role=Role.BRANCH_MANAGER)
    manager.branches.add(branch)
    TOTP.activate(manager, generate_totp_secret())
    return manager


def run():
    client = Client()
    sign_in_with_both_factors(client, create_manager())
    refresh_planner_statistics()  # as the daily job does in production (SQLite; PostgreSQL's autovacuum)
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"}
    with translation.override("ar"):
        list_path = reverse("organizations:list")
        count_text = translation.ngettext(
            "%(counter)s organization", "%(counter)s organizations", ORGANIZATIONS
        ) % {"counter": ORGANIZATIONS}
    count_bytes = count_text.encode()

    with override_settings(ROOT_URLCONF="bench.urls", DEBUG=False, ALLOWED_HOSTS=["127.0.0.1"]), serve() as port:
        list_rps = requests_per_second(port, list_path, check=lambda body: count_bytes in body,
                                       headers=headers, seconds=SECONDS)
        bare_rps = requests_per_second(port, reverse("bench_bare"), check=lambda body: body == BARE_BODY,
                                       headers=headers, seconds=SECONDS)

    return [
        f"org_list_rps: {list_rps:.1f} req/s (target: none, informational)",
        f"bare_view_rps: {bare_rps:.1f} req/s (target: none, informational)",
        f"org_list_vs_bare: {list_rps / bare_rps:.3f} ratio (target: >= {RATIO_TARGET})",
    ]
