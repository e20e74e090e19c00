"""The demo's facts of seed 004 (Wasl) and of the NES NGO Platform (seed 000), as the ledger and the site
give them."""

import pytest
from django.utils import translation

from madani.activities.models import Attendance, Program
from madani.indicators.engine import IndicatorQuery, compute, records
from madani.networks.models import ArticleStatus, Meeting, MeetingKind, Membership, OpinionArticle
from madani.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_the_ten_percent_youth_program_trained_120_young_people_half_women(loaded):
    youth = Program.objects.get(code="youth-10")
    assert youth.activities.filter(kind="training").count() == 5  # its courses (and its visits)
    result = compute(IndicatorQuery(metric="people", programs=(youth.pk,), kinds=("training",), by=("gender",)))
    assert result.total == 120  # distinct people present at a session of its courses
    by_gender = {row.keys[0].value: row.value for row in result.rows}
    assert by_gender == {"female": 60, "male": 60}
    trained = records(IndicatorQuery(metric="people", programs=(youth.pk,), kinds=("training",)))
    for person in trained:
        first_day = Attendance.objects.filter(person=person, session__activity__program=youth,
                                                session__activity__kind="training").order_by(
            "session__date").first().session.date
        assert 18 <= first_day.year - person.birth_year <= 35, person


def test_the_nes_ngo_platform_has_its_ten_members(loaded):
    platform = Organization.objects.get(name_en="NES NGO Platform")
    assert Membership.objects.filter(network=platform).current().count() == 10


def test_wasl_meetings_count_the_members_of_their_day(loaded):
    wasl = Organization.objects.get(name_en="Wasl Network")
    general = Meeting.objects.get(network=wasl, kind=MeetingKind.GENERAL_ASSEMBLY)
    assert general.voting_members == 6 and general.has_quorum  # the founders: the others joined from 2021
    directors = Meeting.objects.get(network=wasl, kind=MeetingKind.DIRECTORS)
    assert directors.voting_members == 9


def test_wasls_site_shows_its_public_members_news_resources_and_three_articles(loaded, client):
    wasl = Organization.objects.get(name_en="Wasl Network")
    hidden = Membership.objects.filter(network=wasl, shown_publicly=False)
    assert hidden.count() == 2
    with translation.override("ar"):
        home = client.get("/networks/wasl/").content.decode()
        members = client.get("/networks/wasl/members/").content.decode()
        news = client.get("/networks/wasl/news/").content.decode()
        resources = client.get("/networks/wasl/resources/").content.decode()
        opinion = client.get("/networks/wasl/opinion/").content.decode()
        feed = client.get("/networks/wasl/opinion/feed/").content.decode()
    for membership in hidden:
        assert membership.organization.name_ar not in home + members
    assert "شبكة وصل تختتم الدورة الخامسة" in news and "زيارة المكاتب القضائية" in news
    assert 'href="/library/' in resources
    published = OpinionArticle.objects.filter(network=wasl, status=ArticleStatus.PUBLISHED)
    assert published.count() == 3 and published.exclude(alias="").count() == 1
    assert published.exclude(reply_to=None).count() == 1
    aliased = published.exclude(alias="").get()
    for page in (opinion, feed):
        assert aliased.alias in page and aliased.author.first_name not in page and aliased.author.email not in page
