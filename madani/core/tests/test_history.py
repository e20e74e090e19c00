"""The change history reads as people know the record (issue 12): names of related records instead of
database ids, translated choice labels instead of stored values, each value isolated inside Arabic."""

import re

from django.urls import reverse

from madani.core.templatetags.bidi import separator
from madani.organizations.models import Sector
from tests.factories import place


def _form(organization, **overrides):
    data = {"name_ar": organization.name_ar, "name_en": organization.name_en or "", "kind": organization.kind,
            "branch": organization.branch_id, "incubation_stage": organization.incubation_stage,
            "licensing_status": organization.licensing_status, "place": place("SY110100").pk,
            "places_of_work": [place("SY110100").pk]}
    data.update(overrides)
    return data


def _history(html):
    return html[html.index('id="history"'):]


def test_the_history_names_sectors_and_translates_choices_on_the_arabic_page(client_a, organization_a):
    sectors = list(Sector.objects.order_by("code")[:2])
    response = client_a.post(reverse("organizations:edit", args=[organization_a.pk]),
                             _form(organization_a, licensing_status="unlicensed",
                                   sectors=[sector.pk for sector in sectors]))
    assert response.status_code == 302
    client_a.post(reverse("organizations:edit", args=[organization_a.pk]),
                  _form(organization_a, licensing_status="licensed", sectors=[sector.pk for sector in sectors]))
    history = _history(client_a.get(reverse("organizations:detail", args=[organization_a.pk])).content.decode())
    for sector in sectors:
        assert f"<bdi>{sector.name_ar}</bdi>" in history
    assert "<bdi>غير مرخّصة</bdi>" in history and "<bdi>مرخّصة</bdi>" in history
    assert "unlicensed" not in history
    assert not re.search(r"<(del|ins)>[^<]*\d", history)  # no ids
    assert f"<bdi>{sectors[0].name_ar}</bdi>{separator()}<bdi>{sectors[1].name_ar}</bdi>" in history  # «، »
    assert "←" in history and "→" not in history  # old on the right, new on the left, the arrow says so


def test_the_english_history_uses_english_labels_and_separator(client_a, organization_a):
    sectors = list(Sector.objects.order_by("code")[:2])
    client_a.post(reverse("organizations:edit", args=[organization_a.pk]),
                  _form(organization_a, licensing_status="unlicensed", sectors=[sector.pk for sector in sectors]))
    history = _history(client_a.get("/en" + reverse("organizations:detail", args=[organization_a.pk])).content.decode())
    assert "<bdi>Unlicensed</bdi>" in history or "<bdi>Not licensed</bdi>" in history
    assert f"<bdi>{sectors[0].name_en}</bdi>, <bdi>{sectors[1].name_en}</bdi>" in history
    assert "،" not in history and "→" in history


def test_an_activity_status_change_shows_the_translated_status(client_a, activity_a):
    from madani.activities.models import Activity

    Activity.objects.filter(pk=activity_a.pk)  # the activity as the fixture made it
    activity_a.status = "ongoing"
    activity_a.save()
    activity_a.status = "completed"
    activity_a.save()
    history = _history(client_a.get(reverse("activities:detail", args=[activity_a.pk])).content.decode())
    assert "<bdi>قيد التنفيذ</bdi>" in history and "<bdi>مكتمل</bdi>" in history
    assert "ongoing" not in history and "completed</ins>" not in history


def test_a_cso_member_reads_the_names_only_of_the_organizations_they_may_see(activity_a, cso_member,
                                                                           other_organization_in_activity_a):
    from django.utils.translation import gettext

    from conftest import client_for

    html = client_for(cso_member).get(reverse("activities:detail", args=[activity_a.pk])).content.decode()
    history = _history(html)
    assert "منظمة الفرات الأخرى" not in html
    assert f"<bdi>{gettext('a record you may not see')}</bdi>" in history and "<bdi>منظمة توتول</bdi>" in history
