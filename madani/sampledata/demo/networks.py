"""The Wasl network (seed 004): nine CSOs of the northern and eastern Aleppo countryside, members since its
founding in 2020 or since they joined later, two of them not shown publicly (they work where being listed
is a risk), and its board chaired by Nevin Houtari; the preparatory meetings at each member's office, the
general meeting that set the network's rules and plans (with its numbered decisions and approved minutes),
the directors' consultation on each member's strategic plan, and visits to the Azaz local council for the
members' licensing — each meeting a ledger activity of the program "Wasl network". Everything is written
through the networks services. Its project "10% Youth" (five courses, 120 young people) is recorded by
the activities demo."""

import datetime

from django.utils import timezone

from madani.accounts.models import User
from madani.activities.models import Program
from madani.activities.services import program_save
from madani.networks import services
from madani.networks.models import (
    ArticleStatus,
    DecisionStatus,
    MeetingKind,
    MembershipKind,
    MembershipStatus,
    MinutesStatus,
    PlanStatus,
    SeatRole,
    VisitOutcome,
)
from madani.organizations.models import Organization
from madani.people import services as people
from madani.people.models import Person
from madani.places.models import Place
from madani.sampledata.demo.core import DEMO_DOMAIN

FOUNDED = datetime.date(2020, 3, 1)
# English name, type, joined on, shown publicly
MEMBERS = [
    ("Azaz Youth Initiative", MembershipKind.FOUNDING, datetime.date(2020, 6, 1), True),
    ("Al-Bab Women's Organization", MembershipKind.FOUNDING, datetime.date(2020, 6, 1), True),
    ("Mare' Development Association", MembershipKind.FOUNDING, datetime.date(2020, 6, 1), True),
    ("Bridges of Peace", MembershipKind.FOUNDING, datetime.date(2020, 6, 1), True),
    ("Voice of the Countryside Team", MembershipKind.FOUNDING, datetime.date(2020, 6, 1), False),
    ("A Better Tomorrow", MembershipKind.FOUNDING, datetime.date(2020, 6, 1), True),
    ("We Are Here Initiative", MembershipKind.FULL, datetime.date(2021, 2, 15), False),
    ("Civic House Association", MembershipKind.FULL, datetime.date(2021, 2, 15), True),
    ("Qalam for Education", MembershipKind.FULL, datetime.date(2021, 9, 1), True),
]
# role, member (English name)
BOARD = [
    (SeatRole.CHAIR, "Al-Bab Women's Organization"),
    (SeatRole.VICE_CHAIR, "Azaz Youth Initiative"),
    (SeatRole.SECRETARY, "Civic House Association"),
    (SeatRole.TREASURER, "Mare' Development Association"),
    (SeatRole.MEMBER, "Voice of the Countryside Team"),
]


def load(rng):
    wasl = Organization.objects.filter(name_en="Wasl Network").first()
    if wasl is None:
        return
    admin = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
    organizations = {o.name_en: o for o in Organization.objects.filter(name_en__in=[m[0] for m in MEMBERS])}
    memberships = {}
    for name, kind, joined, shown in MEMBERS:
        memberships[name] = services.membership_create(actor=admin, network=wasl, data={
            "organization": organizations[name], "kind": kind, "status": MembershipStatus.ACTIVE,
            "applied_on": FOUNDED if kind == MembershipKind.FOUNDING else joined - datetime.timedelta(days=45),
            "joined_on": joined, "shown_publicly": shown})

    nevin = people.person_create(actor=admin, data={
        "full_name": "نيفين حوتري", "name_latin": "Nevin Houtari", "gender": "female", "birth_year": 1986,
        "branch": wasl.branch, "home_place": Place.objects.get(pcode="SY020200"), "consent_date": FOUNDED})
    aleppo = [p for p in Person.objects.filter(branch=wasl.branch).order_by("pk") if p.pk != nevin.pk]
    others = iter(rng.sample(aleppo, len(BOARD) - 1))
    today = timezone.localdate()
    term_start = datetime.date(today.year - 1, 7, 1)
    for role, member in BOARD:
        person = nevin if role == SeatRole.CHAIR else next(others)
        people.affiliation_ensure(actor=admin, person=person, organization=organizations[member])
        services.seat_create(actor=admin, network=wasl, data={
            "membership": memberships[member], "person": person, "role": role, "term_start": term_start,
            "term_end": term_start.replace(year=term_start.year + 2) - datetime.timedelta(days=1)})

    _meetings(rng, admin, wasl, memberships, organizations)


DECISIONS = [
    # text, votes (for, against, abstaining), owner, days until due, status
    ("اعتماد النظام الداخلي للشبكة وآلية اتخاذ القرار بالأغلبية", (6, 0, 0), "Al-Bab Women's Organization", 30,
     DecisionStatus.DONE),
    ("اعتماد خطة عمل الشبكة للعام الأول وتوزيع المهام بين الأعضاء", (5, 0, 1), "A Better Tomorrow", 60,
     DecisionStatus.DONE),
    ("تشكيل لجنة لمتابعة ترخيص المنظمات الأعضاء لدى المجالس المحلية", (4, 1, 1), "Azaz Youth Initiative", 120,
     DecisionStatus.IN_PROGRESS),
]


def _meetings(rng, admin, wasl, memberships, organizations):
    program = program_save(actor=admin, program=Program(), data={
        "code": "wasl-network", "name": "شبكة وصل", "name_ar": "شبكة وصل", "name_en": "Wasl network",
        "start_date": datetime.date(2020, 3, 1), "end_date": None, "branches": [wasl.branch],
        "description_ar": "اجتماعات شبكة وصل وزياراتها.", "description_en": "The Wasl network's meetings and visits."})
    staff = {}
    pool = list(Person.objects.filter(branch=wasl.branch).order_by("pk"))
    for name, membership in memberships.items():
        people_of = [a.person for a in organizations[name].affiliations.select_related("person")]
        for person in rng.sample(pool, 2 - min(len(people_of), 2)):
            people.affiliation_ensure(actor=admin, person=person, organization=organizations[name])
            people_of.append(person)
        staff[name] = people_of[:2]

    def held(meeting, names, per_member=1):
        present = [(person, memberships[name]) for name in names for person in staff[name][:per_member]]
        return services.meeting_record_attendance(actor=admin, meeting=meeting, present=present)

    day = datetime.date(2020, 4, 5)
    for n, (name, _kind, _joined, _shown) in enumerate(MEMBERS[:6]):  # the founders, at their offices
        meeting = services.meeting_schedule(actor=admin, network=wasl, program=program, data={
            "kind": MeetingKind.PREPARATORY, "title": f"اجتماع تمهيدي في مقر {organizations[name].name_ar}",
            "date": day + datetime.timedelta(days=4 * n), "host": memberships[name],
            "agenda": "التعريف بفكرة الشبكة ومبادئها، وتطلعات فريق المنظمة منها"})
        held(meeting, [name], per_member=2)

    general = services.meeting_schedule(actor=admin, network=wasl, program=program, data={
        "kind": MeetingKind.GENERAL_ASSEMBLY, "title": "الاجتماع العام الأول لشبكة وصل", "date": datetime.date(2020, 6, 20),
        "agenda": "1. آليات عمل الشبكة\n2. خطة العام الأول\n3. دعم ترخيص المنظمات الأعضاء", "quorum_percent": 51})
    # All the members of the day: the six founders (the others joined from 2021); quorum counts them only.
    general = held(general, [name for name, kind, *_rest in MEMBERS if kind == MembershipKind.FOUNDING])
    for text, (yes, no, abstain), owner, due, status in DECISIONS:
        decision = services.decision_record(actor=admin, meeting=general, data={
            "text": text, "votes_for": yes, "votes_against": no, "votes_abstaining": abstain,
            "owner": memberships[owner], "due_date": general.date + datetime.timedelta(days=due)})
        services.decision_move(actor=admin, decision=decision, status=DecisionStatus.IN_PROGRESS)
        if status == DecisionStatus.DONE:
            services.decision_move(actor=admin, decision=decision, status=DecisionStatus.DONE)
    services.minutes_save(actor=admin, meeting=general, text=(
        "عُقد الاجتماع العام الأول لشبكة وصل بحضور ممثلي المنظمات المؤسِّسة الست. ناقش الحاضرون آليات عمل "
        "الشبكة وخطتها للعام الأول ودعم ترخيص المنظمات الأعضاء، واتخذوا القرارات المرقمة 1 إلى 3."))
    services.minutes_move(actor=admin, meeting=general, status=MinutesStatus.CIRCULATED)
    services.minutes_move(actor=admin, meeting=general, status=MinutesStatus.APPROVED, on=datetime.date(2020, 7, 5))

    directors = services.meeting_schedule(actor=admin, network=wasl, program=program, data={
        "kind": MeetingKind.DIRECTORS, "title": "الاجتماع التشاوري لمديري المنظمات الأعضاء",
        "date": datetime.date(2021, 10, 12),
        "agenda": "مراجعة الخطة الاستراتيجية لكل منظمة عضو وتبادل الملاحظات"})
    held(directors, [name for name, *_rest in MEMBERS])
    services.minutes_save(actor=admin, meeting=directors, text=(
        "راجع المديرون والمديرات الخطط الاستراتيجية للمنظمات التسع، وتبادلوا الملاحظات حول الأولويات "
        "ومصادر التمويل والتشبيك مع المجالس المحلية."))
    services.minutes_move(actor=admin, meeting=directors, status=MinutesStatus.CIRCULATED)

    for n, names in enumerate([["Azaz Youth Initiative", "Bridges of Peace"],
                               ["Civic House Association", "Mare' Development Association"]]):
        visit = services.meeting_schedule(actor=admin, network=wasl, program=program, data={
            "kind": MeetingKind.AUTHORITY_VISIT, "title": "زيارة المجلس المحلي في أعزاز لتسهيل ترخيص المنظمات الأعضاء",
            "date": datetime.date(2021, 3, 8) + datetime.timedelta(days=30 * n),
            "agenda": "متطلبات الترخيص ووثائقه، ومتابعة طلبات المنظمات الأعضاء"})
        visit = held(visit, names)
        for name, outcome in zip(names, VISIT_OUTCOMES[n], strict=True):
            services.licensing_visit_record(actor=admin, network=wasl, data={
                "membership": memberships[name], "authority": "المجلس المحلي في أعزاز", "visited_on": visit.date,
                "meeting": visit, "outcome": outcome, "notes": "متابعة ملف الترخيص ووثائقه مع مكتب المنظمات"})

    _plans(admin, wasl, memberships, organizations, directors)


VISIT_OUTCOMES = [(VisitOutcome.LICENSED, VisitOutcome.DOCUMENTS), (VisitOutcome.IN_PROGRESS, VisitOutcome.LICENSED)]
OBJECTIVES = [
    "تمكين 120 شاباً وشابة من المشاركة في الشأن العام عبر مشروع 10% شباب",
    "دعم ترخيص المنظمات الأعضاء لدى المجالس المحلية",
    "بناء خطاب مشترك حول حرية التعبير مع الجهات المحلية",
]


def _plans(admin, wasl, memberships, organizations, directors):
    """Wasl's strategic plan (its first objective followed by the "10% Youth" people trained, counted from
    the ledger) and its review of each member's plan at the directors' consultation."""
    from madani.indicators.models import Indicator
    from madani.indicators.services import indicator_save

    plan = services.plan_create(actor=admin, network=wasl, data={
        "membership": None, "title": "الخطة الاستراتيجية لشبكة وصل 2021–2023",
        "period_start": datetime.date(2021, 1, 1), "period_end": datetime.date(2023, 12, 31),
        "status": PlanStatus.ADOPTED,
        "summary": "تعزيز دور المنظمات الأعضاء والشباب في الشأن العام في ريف حلب الشمالي والشرقي."})
    youth = Program.objects.filter(code="youth-10").first()
    indicator = None
    if youth:
        indicator = indicator_save(actor=admin, indicator=Indicator(), data={
            "code": "wasl-youth-trained", "name_ar": "الشباب المدرَّبون في مشروع 10% شباب",
            "name_en": "Young people trained by the 10% Youth project", "metric": "people",
            "disaggregations": ["gender"], "programs": [youth]})
    for n, text in enumerate(OBJECTIVES):
        followed = [indicator] if indicator and n == 0 else []
        services.objective_add(actor=admin, plan=plan, text=text, indicators=followed)
    for name, membership in memberships.items():
        member_plan = services.plan_create(actor=admin, network=wasl, data={
            "membership": membership, "title": f"الخطة الاستراتيجية لـ{organizations[name].name_ar}",
            "period_start": datetime.date(2021, 1, 1), "period_end": datetime.date(2023, 12, 31),
            "status": PlanStatus.ADOPTED})
        services.plan_review_record(actor=admin, plan=member_plan, data={
            "reviewed_on": directors.date, "meeting": directors,
            "findings": "رؤية ورسالة واضحتان؛ الأهداف بحاجة إلى مؤشرات قابلة للقياس.",
            "recommendations": "ربط الأهداف بمؤشرات وخطة متابعة سنوية، والتنسيق مع أعضاء الشبكة في التمويل."})


ARTICLES = [
    # title, summary, body, alias, author key, reply to (index)
    ("الشباب والمجالس المحلية: شراكة ممكنة",
     "ما تعلّمناه من مشروع 10% شباب عن مشاركة الشباب في الشأن المحلي.",
     "درّب مشروع **10% شباب** مئة وعشرين شاباً وشابة على المناصرة والمشاركة السياسية.\n\n"
     "تبيّن لنا أن المجالس المحلية مستعدة للاستماع حين يأتيها الشباب بدراسة احتياجات واضحة.", "", "editor", None),
    ("حرية التعبير في الريف: ما الذي نخشاه؟",
     "شهادة من عضو في الشبكة عن حدود الكلام في ريف حلب.",
     "نعمل في بيئة يُحسب فيها كل منشور. **حرية التعبير** ليست ترفاً بل شرط لعمل المجتمع المدني.\n\n"
     "نوصي الجهات المحلية بحماية العاملين في المنظمات من الملاحقة بسبب آرائهم.", "قلم من الريف", "azaz", None),
    ("ردّ: الحوار مع الجهات المحلية ممكن",
     "ردّ على مقال «حرية التعبير في الريف» من منظمة عضو.",
     "نتفق مع الكاتب في أهمية حرية التعبير، ونرى أن زيارات الشبكة للمكاتب القضائية فتحت باباً للحوار.", "",
     "civic", 1),
]


def load_site(rng):
    """Wasl's website, once the news (order 70) and library (80) demos have run: its name, logo and colours;
    its news (two published posts; the network editor's draft waits in the newsroom); its resources; three
    published opinion articles (one under an alias, one a reply) and one waiting for review."""
    from madani.library import services as library
    from madani.library.models import Resource
    from madani.news import services as news

    wasl = Organization.objects.filter(name_en="Wasl Network").first()
    if wasl is None:
        return
    admin = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
    site = services.site_save(actor=admin, network=wasl, logo=_logo(), data={
        "slug": "wasl", "name_ar": "شبكة وصل", "name_en": "Wasl Network",
        "tagline_ar": "منظمات المجتمع المدني في ريف حلب الشمالي والشرقي",
        "tagline_en": "Civil-society organizations of the northern and eastern Aleppo countryside",
        "about_ar": ("تأسست **شبكة وصل** عام 2020 وتضم منظمات محلية من ريف حلب الشمالي والشرقي. تعمل على دعم "
                     "ترخيص أعضائها، وتمكين الشباب من المشاركة في الشأن العام، والحوار مع الجهات المحلية."),
        "about_en": ("**Wasl** was founded in 2020 by local CSOs of the northern and eastern Aleppo countryside. It "
                     "helps its members get licensed, trains young people to take part in public life, and talks "
                     "with local authorities."),
        "primary_colour": "#1b6b5a", "accent_colour": "#c8553d", "published": True})

    # The network editor's draft (news demo) stays a draft: the newsroom shows a post at every stage.
    for title_ar, title_en, body_ar, body_en in NEWS:
        post = news.newspost_create(actor=admin, data={
            "title_ar": title_ar, "title_en": title_en, "body_ar": body_ar, "body_en": body_en, "branch": wasl.branch,
            "network": wasl})
        news.newspost_publish(actor=admin, post=post)
    for resource in Resource.objects.filter(authors__contains="شبكة وصل"):
        library.resource_update(actor=admin, resource=resource, data={"network": wasl})

    editor = User.objects.filter(email=f"network.editor@{DEMO_DOMAIN}").first() or admin
    authors = {"editor": editor,
               "azaz": _member_staff("Azaz Youth Initiative", "wasl.azaz", "سامر", "الأحمد"),
               "civic": _member_staff("Civic House Association", "wasl.civic", "ريم", "العلي")}
    published = []
    for title, summary, body, alias, author, reply in ARTICLES:
        article = services.article_create(actor=authors[author], network=wasl, data={
            "title": title, "summary": summary, "body": body, "alias": alias, "language": "ar",
            "reply_to": published[reply] if reply is not None else None})
        services.article_move(actor=authors[author], article=article, status=ArticleStatus.SUBMITTED)
        services.article_move(actor=editor, article=article, status=ArticleStatus.IN_REVIEW)
        published.append(services.article_move(actor=editor, article=article, status=ArticleStatus.PUBLISHED))
    waiting = services.article_create(actor=authors["azaz"], network=wasl, data={
        "title": "دراسة احتياجات الشباب في الباب", "body": "مسودة مقال عن نتائج دراسة الاحتياجات.", "language": "ar"})
    services.article_move(actor=authors["azaz"], article=waiting, status=ArticleStatus.SUBMITTED)
    return site


NEWS = [
    ("شبكة وصل تختتم الدورة الخامسة من مشروع 10% شباب", "Wasl completes the fifth course of the 10% Youth project",
     "اختتمت شبكة وصل الدورة الخامسة من مشروع 10% شباب، ليبلغ عدد المتدربين والمتدربات مئة وعشرين.",
     "Wasl completed the fifth course of its 10% Youth project: 120 young women and men trained."),
    ("زيارة المكاتب القضائية في أعزاز بتوصيات حول حرية التعبير",
     "A visit to the judicial offices in Azaz with recommendations on freedom of expression",
     "زار وفد من الشبكة المكاتب القضائية وقدّم توصيات لحماية حرية التعبير والعاملين في المنظمات.",
     "A delegation of the network visited the judicial offices with recommendations to protect freedom of "
     "expression and the staff of CSOs."),
]


def _member_staff(organization_name, local, first, last):
    """A member organization's staff member who writes for the site: the forum demo's login of that member
    when there is one (it runs first), else an account without a password."""
    organization = Organization.objects.get(name_en=organization_name)
    user = User.objects.filter(email=f"{local}@{DEMO_DOMAIN}", organization=organization).first()
    return user or User.objects.create_user(email=f"{local}@{DEMO_DOMAIN}", password=None, first_name=first,
                                            last_name=last, role="cso_member", organization=organization)


def _logo():
    """A small logo drawn with Pillow: two linked rings (wasl: a link) in the network's colours."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 240), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((30, 70, 130, 170), outline="#1b6b5a", width=18)
    draw.ellipse((110, 70, 210, 170), outline="#c8553d", width=18)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("wasl.png", buffer.getvalue(), content_type="image/png")
