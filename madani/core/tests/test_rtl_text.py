"""Right-to-left text (issue 12, DESIGN.md §6): inside Arabic, dates, time ranges, numbers and codes sit in
their own left-to-right isolate and do not wrap; lists are joined with «، » in Arabic and ", " in English;
months are the Levantine series; labels read as Syrian staff expect."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext

from conftest import client_for
from madani.core.templatetags.bidi import separator
from madani.indicators.models import Outcome, Output
from madani.news.drafting.vocabulary import MONTHS_AR
from tests.factories import OrganizationFactory, ProgramFactory

LTR = '<bdi dir="ltr" class="text-nowrap">'


@pytest.fixture
def client_for_trainer_a(trainer_a, trainer_person_a):
    return client_for(trainer_a)


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load bidi %}" + source).render(Context(context))


def main(html):
    return html[html.index("<main"):html.index("</main>")]


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_range_puts_each_date_in_its_own_ltr_isolate_start_first():
    start, end = datetime.date(2026, 12, 6), datetime.date(2026, 12, 8)
    html = render("{% period start end %}", "ar", start=start, end=end)
    assert html == f"{LTR}2026-12-06</bdi>\u00a0– {LTR}2026-12-08</bdi>"
    assert render("{% period start start %}", "ar", start=start) == f"{LTR}2026-12-06</bdi>"
    assert render("{% period start None %}", "ar", start=start) == f"{LTR}2026-12-06</bdi>\u00a0– {LTR}…</bdi>"
    times = render('{% period a b "H:i" %}', "ar", a=datetime.time(11), b=datetime.time(14))
    assert times == f"{LTR}11:00</bdi>\u00a0– {LTR}14:00</bdi>"


def test_codes_and_numbers_are_isolated_and_user_text_cannot_break_out():
    assert render("{{ code|ltr }}", "ar", code="ABCD-EFGH") == f"{LTR}ABCD-EFGH</bdi>"
    assert render("{{ code|ltr }}", "ar", code="<b>\u202e1</b>") == f"{LTR}&lt;b&gt;1&lt;/b&gt;</bdi>"
    assert render("{{ code|ltr }}", "ar", code=None) == ""
    # WeasyPrint ignores unicode-bidi: PDFs isolate with the LRI … PDI marks
    assert render('{{ code|ltr:"pdf" }}', "ar", code="2026-12-31") == '<span class="text-nowrap">\u20662026-12-31\u2069</span>'


def test_lists_are_joined_with_the_language_separator_each_item_isolated():
    items = ["منظمة توتول", "Tutul <x>"]
    assert render("{{ items|join_list }}", "ar", items=items) == "<bdi>منظمة توتول</bdi>، <bdi>Tutul &lt;x&gt;</bdi>"
    assert render("{{ items|join_list }}", "en", items=items) == "<bdi>منظمة توتول</bdi>, <bdi>Tutul &lt;x&gt;</bdi>"
    assert render("{{ bands|join_list:'ltr' }}", "ar", bands=["0–17", "60+"]) == f"{LTR}0–17</bdi>، {LTR}60+</bdi>"
    assert render("a{% separator %}b", "en") == "a, b" and render("a{% separator %}b", "ar") == "a، b"


def test_arabic_month_names_are_the_levantine_series_everywhere():
    with translation.override("ar"):
        printed = [formats.date_format(datetime.date(2026, month, 4)) for month in range(1, 13)]
        assert printed == [f"4 {name} 2026" for name in MONTHS_AR]  # the news drafts' months, same words
        assert formats.date_format(datetime.date(2026, 12, 4)) == "4 كانون الأول 2026"
        assert "ديسمبر" not in Template("{{ d|date:'F' }} {{ d|date:'N' }} {{ d|date:'E' }} {{ d|date:'b' }}").render(
            Context({"d": datetime.date(2026, 12, 4)}))


def test_the_arabic_activity_page_isolates_its_dates_and_uses_the_arabic_comma(client_a, activity_a,
                                                                             other_organization_in_activity_a):
    html = main(client_a.get(reverse("activities:detail", args=[activity_a.pk])).content.decode())
    start, end = activity_a.start_date, activity_a.end_date
    assert f"{LTR}{start:%Y-%m-%d}</bdi>\u00a0– {LTR}{end:%Y-%m-%d}</bdi>" in html
    for session in activity_a.sessions.all():
        assert f"{LTR}{session.date:%Y-%m-%d}</bdi>" in html
    joined = {f"<bdi>{a}</bdi>{separator()}<bdi>{b}</bdi>" for a, b in (("منظمة الفرات الأخرى", "منظمة توتول"),
                                                                       ("منظمة توتول", "منظمة الفرات الأخرى"))}
    assert any(text in html for text in joined)


def test_english_pages_have_no_arabic_separator(client_a, activity_a, other_organization_in_activity_a,
                                               organization_a):
    organization_a.places_of_work.add(*activity_a.place.__class__.objects.filter(pcode__in=["SY110100", "SY110101"]))
    for url in (reverse("activities:detail", args=[activity_a.pk]), reverse("organizations:detail", args=[organization_a.pk])):
        html = main(client_a.get("/en" + url).content.decode())
        assert "،" not in re.sub(r"<bdi>[^<]*</bdi>", "", html)  # Arabic names may hold one; our separators not


def test_the_phone_attendance_sheet_keeps_the_date_on_one_line(client_for_trainer_a, activity_a):
    session = activity_a.sessions.order_by("date").first()
    html = main(client_for_trainer_a.get(reverse("activities:attendance", args=[activity_a.pk, session.pk])).content.decode())
    assert f"{LTR}{session.date:%Y-%m-%d}</bdi>" in html


def test_the_trainers_arabic_dashboard_uses_the_arabic_comma(client_for_trainer_a):
    text = text_of(main(client_for_trainer_a.get(reverse("dashboard:index")).content.decode()))
    assert "النساء:" in text
    assert not re.search(r"[\u0600-\u06FF0-9] ?, [\u0600-\u06FF]", text), "a Latin comma inside Arabic text"


def test_translated_fields_are_labelled_by_language_not_by_code(client_a):
    arabic = main(client_a.get(reverse("organizations:create")).content.decode())
    english = main(client_a.get("/en" + reverse("organizations:create")).content.decode())
    assert "[ar]" not in arabic + english and "[en]" not in arabic + english
    with translation.override("ar"):
        assert gettext("%(field)s (Arabic)") % {"field": "الوصف"} in arabic  # «الوصف (بالعربية)»
        assert gettext("%(field)s (English)") % {"field": "الوصف"} in arabic
    assert "Description (Arabic)" in english and "Description (English)" in english


def test_a_center_wide_partner_shows_center_wide_not_none(client_a):
    donor = OrganizationFactory(branch=None, name_ar="المانح", name_en="The donor", name="المانح", kind="donor")
    detail, listing = reverse("organizations:detail", args=[donor.pk]), reverse("organizations:list")
    for prefix in ("", "/en"):
        for url in (detail, listing):
            assert "None" not in text_of(main(client_a.get(prefix + url).content.decode()))
    assert "Center-wide (every branch)" in text_of(main(client_a.get("/en" + detail).content.decode()))
    with translation.override("ar"):
        assert gettext("Center-wide (every branch)") in text_of(main(client_a.get(detail).content.decode()))


def test_branch_staff_are_not_told_to_leave_the_required_branch_empty(client_a):
    html = main(client_a.get("/en" + reverse("organizations:create")).content.decode())
    assert "Leave empty for center-wide partners" not in html
    assert "Center-wide partners (donors, INGOs) are added by an administrator." in html


def test_the_duplicate_warning_is_said_once(client_a, person_a, branch_a):
    response = client_a.post(reverse("people:create"), {
        "full_name": person_a.full_name, "gender": person_a.gender, "birth_year": person_a.birth_year,
        "displacement": "resident", "home_place": person_a.home_place_id, "branch": branch_a.pk})
    html = main(response.content.decode())
    assert response.status_code == 200 and 'id="likely-duplicates"' in html
    assert "قد يكون هذا الشخص مسجّلاً من قبل" not in html  # the old second warning
    with translation.override("ar"):
        assert html.count(gettext("If none of the records above is this person, tick this box.")) == 1


@pytest.mark.django_db
def test_outputs_are_numbered_without_a_trailing_full_stop():
    outcome = Outcome.objects.create(program=ProgramFactory(), number=1, statement="CSOs take part")
    output = Output.objects.create(outcome=outcome, number=2, statement="CSOs trained")
    assert str(outcome) == "1 — CSOs take part" and str(output) == "1.2 — CSOs trained"
