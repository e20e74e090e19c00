"""Demo public face: the center's profile (seed 003: a civil-society support center with a co-working
space, incubation, trainings, small grants, networking, consultations and a civic-knowledge library;
seed 004: networks and election monitoring), the contact details of its four branches, the planned
trainings and workshops opened for registration, and a few registrations waiting for staff — one of
them someone already in the registry, to show the duplicate check.

Runs after the activities demo (``demo_steps`` in the apps' ``AppConfig``). Addresses and phone numbers
are illustrative.
"""

import datetime

from django.utils import timezone

from madani.accounts.models import Role, User
from madani.activities.models import REGISTRATION_KINDS, Activity, Status
from madani.activities.services import activity_update
from madani.branches.models import Branch
from madani.people.models import Person
from madani.places.models import Level, Place
from madani.public.models import BranchContact, CenterProfile, Registration
from madani.public.services import profile_save, registration_submit
from madani.sampledata.demo.core import DEMO_DOMAIN, FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES

PROFILE = {
    "name_ar": "مركز دعم المجتمع المدني",
    "name_en": "Civil Society Support Center",
    "tagline_ar": "نبني قدرات منظمات المجتمع المدني المحلية ونصل بينها وبين مجتمعاتها وصناع القرار.",
    "tagline_en": "We build the capacity of local civil-society organizations and connect them with their "
                  "communities and decision-makers.",
    "about_ar": (
        "مركز دعم المجتمع المدني مساحة عمل مشتركة تأسست عام 2018 لدعم المنظمات والمبادرات المحلية في شمال "
        "وشرق سوريا وشمالها الغربي، عبر فروعه في الرقة ودير الزور وعامودا وحلب.\n\n"
        "نساعد المنظمات على تحديد الفجوات في قدراتها، ونقدم التدريبات وجلسات الصقل والاستشارات والدعم الفني، "
        "ونحتضن المنظمات الناشئة ونمنحها منحاً صغيرة لمشاريع مجتمعية، وننظم لقاءات التشبيك مع الإدارة المحلية "
        "والجهات المانحة، ونوفر مكتبة للمعارف المدنية. هدفنا مجتمع مدني قوي ومتماسك يرسخ السلم الأهلي وثقافة الحوار."
    ),
    "about_en": (
        "The Civil Society Support Center is a co-working space founded in 2018 to support local organizations and "
        "initiatives in north-east and north-west Syria, through its branches in Raqqa, Deir ez-Zor, Amouda and "
        "Aleppo.\n\n"
        "We help organizations find the gaps in their capacities; we offer trainings, coaching, consultations and "
        "technical support; we incubate emerging organizations and give them small grants for community projects; "
        "we bring them together with local administration and donors; and we keep a civic-knowledge library. Our "
        "aim is a strong, cohesive civil society that roots civil peace and a culture of dialogue."
    ),
    "email": f"info@{DEMO_DOMAIN}",
    "phone": "+963 22 000 1018",
    "facebook_url": "https://www.facebook.com/madani.demo",
    "telegram_url": "https://t.me/madani_demo",
}

# branch code: (Arabic address, English address, phone)
BRANCH_CONTACTS = {
    "raqqa": ("الرقة، شارع تل أبيض، قرب دوار النعيم", "Raqqa, Tal Abyad Street, near Al-Naim roundabout",
              "+963 22 000 1101"),
    "deir-ez-zor": ("دير الزور، حي الجورة، شارع الوادي", "Deir ez-Zor, Al-Jourah, Al-Wadi Street",
                    "+963 51 000 1202"),
    "amouda": ("عامودا، الشارع العام، مقابل البلدية", "Amouda, main street, opposite the municipality",
               "+963 52 000 1303"),
    "aleppo": ("أعزاز، ريف حلب الشمالي، طريق السوق", "Azaz, northern Aleppo countryside, market road",
               "+963 21 000 1404"),
}

REGISTRANT_ORGANIZATIONS = ["مبادرة شباب الطبقة", "منظمة نبض", "", "فريق تطوعي في الكسرة", "منظمة العهد"]


def load(rng):
    branches = {b.code: b for b in Branch.objects.all()}
    if not branches:
        return
    actor = User.objects.filter(role=Role.ADMINISTRATOR).order_by("pk").first()
    profile = profile_save(actor=actor, profile=CenterProfile(), data=dict(PROFILE))
    # A branch's contact has no service of its own (the profile form's inline formset writes them).
    for code, (address_ar, address_en, phone) in BRANCH_CONTACTS.items():
        if code in branches:
            BranchContact.objects.create(profile=profile, branch=branches[code], address=address_ar,
                                         address_ar=address_ar, address_en=address_en, phone=phone)
    today = datetime.date.today()
    planned = list(Activity.objects.select_related("branch__place")
                   .filter(kind__in=REGISTRATION_KINDS, status=Status.PLANNED, start_date__gt=today)
                   .order_by("start_date", "pk"))
    for activity in planned:
        deadline = activity.start_date - datetime.timedelta(days=3)
        activity_update(actor=actor, activity=activity, data={
            "open_for_registration": True, "registration_deadline": deadline if deadline >= today else None})
    if planned:  # on a training of a branch the demo branch managers work in, if there is one
        staffed = [a for a in planned if a.branch.code in ("raqqa", "deir-ez-zor")]
        _registrations(rng, (staffed or planned)[0], today)


def _registrations(rng, activity, today):
    """Four people who registered on the public site, and one who is already in the registry."""
    places = list(Place.objects.filter(level=Level.SUBDISTRICT, pcode__startswith=activity.branch.place.pcode[:4])
                  if activity.branch.place else Place.objects.filter(level=Level.SUBDISTRICT)[:20])
    rows = []
    for n in range(4):
        female = n % 2 == 0
        first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        rows.append(dict(
            full_name=f"{first} {rng.choice(MALE_NAMES)} {rng.choice(FAMILY_NAMES)}",
            gender="female" if female else "male", birth_year=rng.randint(1975, 2004),
            phone=f"+963 9{rng.randint(30, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
            organization_name=REGISTRANT_ORGANIZATIONS[n], home_place=rng.choice(places),
        ))
    known = Person.objects.filter(branch=activity.branch, home_place__isnull=False, birth_year__isnull=False).exclude(
        participations__activity=activity).order_by("pk").first()
    if known:
        rows.append(dict(full_name=known.full_name, gender=known.gender, birth_year=known.birth_year,
                         phone=known.phone or "+963 944 000 000", organization_name=REGISTRANT_ORGANIZATIONS[4],
                         home_place=known.home_place))
    created = [registration_submit(activity=activity, data=data) for data in rows]  # as on the public form
    now = timezone.now()
    for hours, registration in enumerate(created, start=1):  # received over the last days (no service backdates)
        Registration.objects.filter(pk=registration.pk).update(created_at=now - datetime.timedelta(hours=7 * hours))
