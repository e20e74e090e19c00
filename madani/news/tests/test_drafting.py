"""News drafted from the ledger (issue 5): on the seed 000 scenario every fact of the article appears in
both drafts, and nothing the ledger does not hold is claimed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import built_once, client_for
from madani.activities.models import Activity, Attendance, Topic
from madani.news import drafting, services
from madani.news.models import NewsPost, Status
from madani.people.models import Person
from madani.sampledata import scenarios
from tests.factories import ActivityFactory, ParticipationFactory, PersonFactory, ResponseFactory, SessionFactory, place

# Every fact of seed 000 (and its English version, seed 002), as the ledger records it, with how each
# draft must write it. The gazetteer names Al-Kasra "Kisreh" (كسرة), sub-district SY090101.
SEED_000_FACTS = {
    "organizer": ("مركز آسو للاستشارات والدراسات الاستراتيجية", "ASO Center for Consultancy and Strategic Studies"),
    "through its branch": ("فرعه في دير الزور", "its Deir ez-Zor branch"),
    "two workshops": ("ورشتين تدريبيتين", "two workshops"),
    "topic: advocacy": ("المناصرة والتحشيد المجتمعي", "advocacy and community mobilization"),
    "topic: networking": ("التشبيك وبناء التحالفات", "networking and coalition building"),
    "topic: communication": ("التواصل والإعلام", "communication and media"),
    "topic: fundraising": ("جمع التمويل", "fundraising"),
    "for the platform's members": ("لأعضاء منصة مؤسسات المجتمع المدني في شمال وشرق سوريا",
                                   "for the members of the NES NGO Platform"),
    "place: Hajin": ("هجين", "Hajin"),
    "place: Al-Kasra": ("كسرة", "Kisreh"),
    "governorate": ("محافظة دير الزور", "Deir-ez-Zor governorate"),
    "dates": ("بين 20 و22 تموز 2021", "from 20 to 22 July 2021"),
    "program": ("«تعزيز نهج الديمقراطية التشاركية في شمال وشرق سوريا»", "“Enhancing Participatory Democracy in NES”"),
    "phase 3": ("في مرحلته الثالثة", "in its third phase"),
    "donor": ("المساعدات الشعبية النرويجية (NPA)", "Norwegian People's Aid (NPA)"),
    "three days": ("ثلاثة أيام", "three days"),
    "23 trainees": ("(23) متدرب/ة", "23 trainees"),
    "15 in Hajin": ("(15) في هجين", "15 in Hajin"),
    "8 in Al-Kasra": ("(8) في كسرة", "8 in Kisreh"),
    "women and men in Hajin": ("(5) من الإناث و(10) من الذكور", "(5 women and 10 men)"),
    "Hajin's trainer": ("على الورشة في هجين المدرب عبدالله عبيد", "in Hajin was led by trainer Abdullah Obied"),
    "Al-Kasra's trainer": ("على الورشة في كسرة المدرب علي إسكان", "in Kisreh by trainer Ali Iskan"),
    "chosen from the needs assessment": ("بناءً على تقييم الاحتياجات", "chosen from the needs assessment"),
    "the gap it answers": ("تطوير قدراتها في مجال المناصرة", "7 showed a gap in advocacy"),
}


@pytest.fixture(scope="module")
def _seed_000_workshops(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, lambda: [a.pk for a in scenarios.seed_000().workshops]) as pks:
        yield pks


@pytest.fixture
def seed_000(_seed_000_workshops, db):
    """Seed 000 (the scenario of the news conftest's ``seed_000``), built once for this module's tests."""
    return list(Activity.objects.filter(pk__in=_seed_000_workshops).order_by("pk"))


def test_public_text_hides_a_small_group_and_what_would_reveal_it(drafts):
    """Al-Kasra's 3 women are under the minimum cell size (core/disclosure.py): its split is left out (its men
    would give the women away), while Hajin's split (5 and 10) and Al-Kasra's 8 stay."""
    assert "(8) في كسرة." in drafts["ar"].body and "(3) من الإناث" not in drafts["ar"].body
    assert "8 in Kisreh." in drafts["en"].body and "3 women" not in drafts["en"].body
    assert "(5) من الإناث و(10) من الذكور" in drafts["ar"].body


def test_fewer_people_than_the_minimum_read_fewer_than(activity_a):
    """One trainee is never a number in public text."""
    ParticipationFactory(activity=activity_a)
    facts = drafting.gather([activity_a])
    facts.units[0].total, facts.units[0].women, facts.units[0].men = 2, 1, 1
    for language, words in (("ar", "(أقل من 5)"), ("en", "fewer than 5")):
        draft = drafting.WRITERS[language](facts).draft()
        assert words in draft.summary and words in draft.body
        assert "من الإناث" not in draft.body and "woman" not in draft.body


@pytest.fixture
def drafts(seed_000_needs):
    return drafting.draft(drafting.companion_activities(seed_000_needs[0]))


@pytest.mark.parametrize("fact", sorted(SEED_000_FACTS))
def test_every_fact_of_seed_000_appears_in_both_drafts(fact, drafts):
    arabic, english = SEED_000_FACTS[fact]
    assert arabic in drafts["ar"].body, fact
    assert english in drafts["en"].body, fact


def test_the_drafts_have_a_title_and_a_summary_in_the_article_s_style(drafts):
    assert drafts["ar"].title == ("مركز آسو للاستشارات والدراسات الاستراتيجية يختتم ورشتين تدريبيتين حول المناصرة "
                                  "والتحشيد المجتمعي في محافظة دير الزور")
    assert drafts["en"].title == ("ASO Center for Consultancy and Strategic Studies concludes two workshops on "
                                  "advocacy and community mobilization in Deir-ez-Zor governorate")
    assert drafts["ar"].summary.startswith("بمشاركة (23) متدرب/ة، اختتم")
    assert drafts["en"].summary.endswith("from 20 to 22 July 2021, with 23 trainees.")


def test_either_workshop_drafts_the_same_news(seed_000):
    hajin, kasra = seed_000
    assert [a.pk for a in drafting.companion_activities(kasra)] == [kasra.pk, hajin.pk]
    assert "(23) متدرب/ة" in drafting.draft(drafting.companion_activities(kasra))["ar"].body


def test_an_activity_on_other_topics_is_not_a_companion(seed_000):
    hajin, kasra = seed_000
    kasra.topics.set([Topic.objects.get(code="governance")])
    assert drafting.companion_activities(hajin) == [hajin]


def test_nothing_absent_from_the_ledger_is_claimed(seed_000):
    hajin, kasra = seed_000
    Person.objects.filter(participations__activity=kasra).update(gender="")  # genders not recorded in Al-Kasra
    hajin.program.donor = None
    hajin.program.save()
    drafts = drafting.draft(drafting.companion_activities(hajin))
    arabic, english = drafts["ar"].body, drafts["en"].body
    assert "(15) في هجين: (5) من الإناث و(10) من الذكور" in arabic  # Hajin's genders are known
    assert "و(8) في كسرة." in arabic and "and 8 in Kisreh." in english
    assert arabic.count("الإناث") == 1 and english.count("women") == 1
    for absent in ("المدعوم", "NPA", "تقييم الاحتياجات"):  # no donor, no needs assessment recorded
        assert absent not in arabic
    for absent in ("supported by", "NPA", "needs assessment"):
        assert absent not in english


def test_a_needs_assessment_after_the_activity_is_not_its_reason(seed_000):
    from madani.assessments.models import Questionnaire

    organization = seed_000[0].participations.first().organization
    ResponseFactory(questionnaire=Questionnaire.objects.needs().get(), organization=organization,
                    date=datetime.date(2021, 9, 1), answers={}, domain_scores={"advocacy": 10})
    drafts = drafting.draft(drafting.companion_activities(seed_000[0]))
    assert "تقييم الاحتياجات" not in drafts["ar"].body and "needs assessment" not in drafts["en"].body


def test_a_one_day_dialogue_session_reads_naturally_in_both_languages(branch_a, organization_a):
    session = ActivityFactory(kind="dialogue", branch=branch_a, place=place("SY110100"), title_ar="جلسة حوارية",
                              title_en="Dialogue session", start_date=datetime.date(2026, 2, 28),
                              end_date=datetime.date(2026, 2, 28))
    session.topics.set([Topic.objects.get(code="participatory-democracy")])
    session.facilitators.set([PersonFactory(branch=branch_a, full_name="سلمى الأحمد", name_latin="Salma Al-Ahmad",
                                            gender="female")])
    held = SessionFactory(activity=session, date=session.start_date)
    for _ in range(5):  # present (people reached); five, the smallest group public text may count
        woman = PersonFactory(branch=branch_a, gender="female")
        ParticipationFactory(activity=session, person=woman, organization=organization_a)
        Attendance.objects.create(session=held, person=woman)
    drafts = drafting.draft([session])
    arabic, english = drafts["ar"].body, drafts["en"].body
    assert "جلسة حوارية حول الديمقراطية التشاركية في مركز الرقة، في محافظة الرقة، يوم 28 شباط 2026." in arabic
    assert "ويأتي" not in arabic and "وتأتي هذه الجلسة ضمن مشروع" in arabic
    assert "واستمرت الجلسة يوماً واحداً." in arabic
    assert "وشارك في الجلسة (5) مشارك/ة من ممثلي (1) من المنظمات، جميعهن من الإناث." in arabic
    assert "وأشرف على الجلسة الميسّرة سلمى الأحمد." in arabic
    assert ("a dialogue session on participatory democracy in Ar-Raqqa, Ar-Raqqa governorate, on 28 February 2026."
            in english)
    assert "It lasted one day." in english
    assert "The dialogue session brought together 5 participants from 1 organization (all women)." in english
    assert "The dialogue session was led by facilitator Salma Al-Ahmad." in english


def test_free_text_goes_only_into_the_draft_of_its_language(seed_000):
    hajin = seed_000[0]
    hajin.goals = "بناء قدرات المتدربين/ات في مجال الحشد والمناصرة."
    hajin.save()
    session = hajin.sessions.first()
    session.topic = "Media campaigns and social media"
    session.save()
    drafts = drafting.draft([hajin])
    assert "بناء قدرات المتدربين/ات" in drafts["ar"].body and "بناء" not in drafts["en"].body
    assert "- 20 July 2021: Media campaigns and social media" in drafts["en"].body
    assert "Media campaigns" not in drafts["ar"].body


def test_the_button_drafts_the_news_and_opens_the_editor(seed_000_needs, deir_manager):
    hajin = seed_000_needs[0]
    client = client_for(deir_manager)
    page = client.get(reverse("activities:detail", args=[hajin.pk])).content.decode()
    assert reverse("news:draft_from_activity", args=[hajin.pk]) in page
    response = client.post(reverse("news:draft_from_activity", args=[hajin.pk]))
    post = NewsPost.objects.get()
    assert response["Location"] == reverse("news:edit", args=[post.pk])
    assert post.status == Status.DRAFT and post.source_activity == hajin and post.branch == hajin.branch
    assert post.author == deir_manager
    assert "(23) متدرب/ة" in post.body_ar and "23 trainees" in post.body_en
    assert client.get(response["Location"]).status_code == 200


def test_trainers_and_cso_members_get_no_button_and_cannot_draft(activity_a, trainer_a, cso_member):
    for user in (trainer_a, cso_member):
        client = client_for(user)
        page = client.get(reverse("activities:detail", args=[activity_a.pk])).content.decode()
        assert reverse("news:draft_from_activity", args=[activity_a.pk]) not in page
        assert client.post(reverse("news:draft_from_activity", args=[activity_a.pk])).status_code == 403
    assert not NewsPost.objects.exists()


def test_news_is_drafted_only_from_a_completed_activity(activity_a, staff_a, client_a):
    activity_a.status = "ongoing"
    activity_a.save()
    page = client_a.get(reverse("activities:detail", args=[activity_a.pk])).content.decode()
    assert reverse("news:draft_from_activity", args=[activity_a.pk]) not in page
    with pytest.raises(ValidationError):
        services.newspost_draft_from_activity(actor=staff_a, activity=activity_a)
    client_a.post(reverse("news:draft_from_activity", args=[activity_a.pk]))
    assert not NewsPost.objects.exists()


def test_the_draft_takes_the_tags_named_like_the_activity_s_topics(seed_000, deir_manager, tags):
    post = services.newspost_draft_from_activity(actor=deir_manager, activity=seed_000[0])
    assert set(post.tags.values_list("slug", flat=True)) == {"advocacy", "networking"}


def test_three_workshops_of_different_lengths_are_counted_and_timed_by_place(seed_000):
    hajin, kasra = seed_000
    kasra.end_date = datetime.date(2021, 7, 21)
    kasra.save()
    kasra.sessions.filter(date=datetime.date(2021, 7, 22)).delete()
    third = ActivityFactory(kind="workshop", branch=hajin.branch, program=hajin.program, phase=hajin.phase,
                            place=place("SY090100"), title_ar="ورشة ثالثة", title_en="Third workshop",
                            start_date=hajin.start_date, end_date=hajin.start_date)
    third.topics.set(hajin.topics.all())
    drafts = drafting.draft(drafting.companion_activities(hajin))
    arabic, english = drafts["ar"].body, drafts["en"].body
    assert "ثلاث ورش تدريبية" in arabic and "وتأتي هذه الورش ضمن مشروع" in arabic
    assert "واستمرت الورشة في هجين ثلاثة أيام، وفي كسرة يومين، وفي مركز دير الزور يوماً واحداً." in arabic
    assert "three workshops" in english and "The three workshops are part of" in english
    assert ("The workshop in Hajin lasted three days, the one in Kisreh two days, the one in Deir-ez-Zor one day."
            in english)
