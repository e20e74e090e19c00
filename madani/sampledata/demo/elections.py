"""Local elections (seed 004): after promoting and monitoring the local council election of Tal'ar, the Wasl
network did it again in Turkman Barih with other CSOs — awareness sessions calling for women's participation,
a voter-card drive and leaflet distributions (ledger activities of the program "Local elections"), the
observer training, then election day: four polling centers, two observers from Wasl's members at each,
checklists for each phase sent through the OpenRosa service as a phone sends them (one pair of observers
disagreeing at one center), a few incidents (one observer leaving an unsafe center, which alerts the
coordinator), turnout through the day, and results entered twice and reconciled — 1,116 voters of whom 42%
women, 15 seats. Tal'ar, a year earlier, has its results published.

Written through the services as users write, except two logins of the Aleppo branch (the elections
coordinator and a results clerk: no service writes users) and the device access's password, which is not kept."""

import datetime
import uuid

from madani.accounts.models import Role, User
from madani.activities import services as ledger
from madani.activities.models import Program
from madani.activities.services import program_save
from madani.collect import services as collect
from madani.elections import services
from madani.elections.models import Election, FormRole, IncidentStatus, Status, Verification
from madani.organizations.models import Organization
from madani.people.models import Person
from madani.places.models import Place
from madani.sampledata.demo.core import DEMO_DOMAIN, DEMO_PASSWORD

AKHTARIN = "SY020401"  # the sub-district of Turkman Barih and Tal'ar (the gazetteer has no communities)

# code, name, registered, voters, women voters, invalid, blank, private location
TURKMAN_BARIH = [
    ("C1", "مدرسة تركمان بارح الأولى", 520, 312, 131, 8, 4, "قرب الجامع الكبير"),
    ("C2", "مدرسة الشهداء", 480, 268, 113, 6, 3, "الحي الشرقي، شارع المدرسة"),
    ("C3", "مبنى المجلس المحلي", 610, 301, 126, 7, 5, "ساحة البلدة"),
    ("C4", "مدرسة الحي الغربي", 390, 235, 99, 5, 2, "طريق اخترين"),
]
TALAR = [
    ("C1", "مدرسة تلعر", 450, 260, 88, 6, 3, "وسط القرية"),
    ("C2", "المركز الثقافي في تلعر", 380, 214, 71, 4, 2, "الطريق العام"),
]
WOMEN_CANDIDATES = ["هدى الأحمد", "رنا العلي", "سلمى الخلف", "إيمان الحسن", "خديجة العبيد", "بتول الجاسم"]
MEN_CANDIDATES = ["محمد الصالح", "أحمد الحمادي", "خالد العزاوي", "عمر الشيخ", "يوسف الفرج", "حسن السلامة",
                  "علي الدرويش", "إبراهيم الخضر", "مصطفى البكر", "عبد الله الحسين", "محمود العمر", "سامر الموسى",
                  "فادي الرمضان", "ماهر الكردي", "نبيل حسو", "وليد إيبش", "جمال خزيم", "رامي عبيد"]
# votes of each candidate in the whole town (split over the centers in proportion to their voters): three
# women among the fifteen elected.
VOTES = {**dict(zip(WOMEN_CANDIDATES, [610, 540, 402, 300, 280, 190], strict=True)),
         **dict(zip(MEN_CANDIDATES, [700, 650, 630, 600, 580, 560, 520, 500, 480, 470, 460, 450, 420, 310, 295, 260,
                                      240, 200], strict=True))}
SLOTS = [(datetime.time(10), 0.2), (datetime.time(12), 0.5), (datetime.time(14), 0.75), (datetime.time(16), 0.95)]


def _login(local, first, last, branch):
    user = User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()
    if user is None:
        user = User.objects.create_user(email=f"{local}@{DEMO_DOMAIN}", password=DEMO_PASSWORD, first_name=first,
                                        last_name=last, role=Role.ME_OFFICER)
        user.branches.set([branch])
    return user


def _observers(wasl, count):
    """People of Wasl's current members (their affiliations), then other people of the branch."""
    members = [m.organization for m in wasl.network_memberships.current().select_related("organization")]
    found = []
    for organization in members:
        for affiliation in organization.affiliations.select_related("person").order_by("person_id"):
            if affiliation.person not in [p for p, _o in found]:
                found.append((affiliation.person, organization))
    chosen = [pair for pair in found if pair[0].gender == "female"][: count // 2]
    chosen += [pair for pair in found if pair not in chosen][: count - len(chosen)]
    for person in Person.objects.filter(branch=wasl.branch).order_by("pk"):
        if len(chosen) >= count:
            break
        if person not in [p for p, _o in chosen]:
            chosen.append((person, None))
    return chosen


def _enrol(admin, activity, people):
    for person in people:
        ledger.participation_add(actor=admin, activity=activity, person=person, completed=True)
    for session in activity.sessions.all():
        ledger.attendance_record(actor=admin, session=session, present_ids=[p.pk for p in people])


def _election(admin, coordinator, wasl, program, *, title_ar, title_en, town_ar, town_en, day, seats):
    election = services.election_create(actor=admin, data={
        "title_ar": title_ar, "title_en": title_en, "body": "local_council", "branch": wasl.branch,
        "place": Place.objects.get(pcode=AKHTARIN), "town_ar": town_ar, "town_en": town_en, "date": day,
        "seats": seats, "network": wasl, "program": program, "coordinator": coordinator})
    election.organizations.set([wasl, *Organization.objects.filter(name_en__in=["Azaz Local Council"])])
    return election


def _results(admin, coordinator, clerk, election, centers, *, differ_at=None):
    candidates = list(election.candidates.all())
    total_voters = sum(row[3] for row in centers)
    for code, _name, _registered, voters, women, invalid, blank, _location in centers:
        center = election.centers.get(code=code)
        votes = {str(c.pk): VOTES.get(c.name, 100) * voters // total_voters for c in candidates}
        data = {"voters": voters, "women_voters": women, "ballots": voters, "valid": voters - invalid - blank,
                "invalid": invalid, "blank": blank, "votes": votes}
        if code == differ_at:  # the clerk typed 13 invalid for 31: someone who entered neither reconciles
            services.result_enter(actor=coordinator, center=center, data=data)
            result = services.result_enter(actor=clerk, center=center, data={
                **data, "invalid": invalid + 1, "valid": voters - invalid - blank - 1})
            services.result_reconcile(actor=admin, result=result, data=data)
        else:
            services.result_enter(actor=admin, center=center, data=data)
            services.result_enter(actor=coordinator, center=center, data=data)


def _submit(phone, form, instance_key, body, center, observer):
    q = form.questionnaire
    xml = (f'<?xml version="1.0"?><data id="{collect.FORM_ID_PREFIX}{q.pk}" version="{collect.served_version(q)}">'
           f"<center>{center}</center><observer>{observer}</observer>{body}<meta><instanceID>uuid:"
           f"{uuid.uuid5(uuid.NAMESPACE_URL, f'madani-demo-election-{instance_key}')}</instanceID></meta></data>")
    return collect.submission_receive(credential=phone, xml=xml.encode())[1]


def _checklists(admin, phone, election, centers, day):
    forms = {f.role: f for f in election.forms.select_related("questionnaire")}
    for code, _name, registered, voters, women, invalid, blank, _location in centers:
        for n in (1, 2):
            observer = election.observers.get(center__code=code, code=f"{code}-O{n}")
            key = f"{election.pk}-{code}-{n}"
            armed_outside = "yes" if code == "C3" and n == 2 else "no"
            bodies = {
                FormRole.OPENING: "<opened_on_time>yes</opened_on_time><materials_complete>yes</materials_complete>"
                                  f"<box_sealed>yes</box_sealed><staff_complete>{'no' if code == 'C4' else 'yes'}"
                                  f"</staff_complete><registered>{registered}</registered>",
                FormRole.WOMEN: f"<phase>midday</phase><women_area>{'no' if code == 'C2' else 'yes'}</women_area>"
                                "<women_staff>yes</women_staff><women_turned_away>no</women_turned_away>"
                                f"<voters>{voters // 2}</voters><women_voters>{women // 2}</women_voters>",
                FormRole.SECRECY: "<phase>midday</phase><booths_private>yes</booths_private>"
                                  f"<family_voting>{'yes' if code == 'C4' else 'no'}</family_voting>"
                                  "<ballots_shown>no</ballots_shown>",
                FormRole.ARMED: f"<phase>midday</phase><armed_inside>no</armed_inside><armed_outside>{armed_outside}"
                                "</armed_outside><intimidation>no</intimidation>",
                FormRole.COUNTING: f"<count_public>yes</count_public><voters>{voters}</voters><women_voters>{women}"
                                   f"</women_voters><ballots>{voters}</ballots><valid>{voters - invalid - blank}"
                                   f"</valid><invalid>{invalid}</invalid><blank>{blank}</blank>"
                                   "<results_posted>yes</results_posted>",
            }
            for role, body in bodies.items():
                _submit(phone, forms[role], f"{key}-{role}", f"<start>{day}T07:30:00+03:00</start>{body}", code,
                        observer.code)
    for checklist in election.checklists.filter(conflict=False, problems=[]):
        services.checklist_verify(actor=admin, checklist=checklist, status=Verification.VERIFIED)


INCIDENTS = [
    # center, observer, category, severity, time, description, final status
    ("C3", "C3-O2", "armed_presence", "high", "11:20", "عناصر مسلحة تقف على بعد خمسين متراً من باب المركز.",
     IncidentStatus.RESOLVED),
    ("C2", "C2-O1", "intimidation", "medium", "13:05", "أحد المرشحين يطلب من الناخبين عند الباب التصويت له.",
     IncidentStatus.VERIFIED),
    ("C4", "C4-O1", "women_blocked", "low", "14:40", "طُلب من امرأتين العودة مع أزواجهن، ثم سُمح لهما بالتصويت.",
     IncidentStatus.RESOLVED),
    ("C3", "C3-O2", "observer_safety", "critical", "11:35", "المراقب يغادر المركز بعد مضايقة من المسلحين.",
     IncidentStatus.RESOLVED),
]


def _incidents(admin, phone, election, day):
    form = election.forms.get(role=FormRole.INCIDENT)
    for n, (center, observer, category, severity, time, description, final) in enumerate(INCIDENTS):
        submission = _submit(phone, form, f"{election.pk}-incident-{n}",
                             f"<start>{day}T{time}:00+03:00</start><category>{category}</category><severity>{severity}"
                             f"</severity><occurred>{day}T{time}:00+03:00</occurred><description>{description}"
                             "</description><photo/>", center, observer)
        incident = submission.election_incident
        steps = {IncidentStatus.VERIFIED: ["verified"], IncidentStatus.RESOLVED: ["verified", "resolved"]}[final]
        for status in steps:
            incident = services.incident_move(actor=admin, incident=incident, status=status)


def load(rng):
    wasl = Organization.objects.filter(name_en="Wasl Network").first()
    admin = User.objects.filter(email=f"admin@{DEMO_DOMAIN}").first()
    if wasl is None or admin is None or Election.objects.exists():
        return
    branch = wasl.branch
    coordinator = _login("elections.coordinator", "لمى", "حسو", branch)
    clerk = _login("results.clerk", "باسل", "الكردي", branch)
    today = datetime.date.today()
    talar_day, day = today - datetime.timedelta(days=420), today - datetime.timedelta(days=45)
    program = program_save(actor=admin, program=Program(), data={
        "code": "local-elections", "name": "الانتخابات المحلية", "name_ar": "الانتخابات المحلية",
        "name_en": "Local elections", "start_date": talar_day - datetime.timedelta(days=60), "end_date": None,
        "branches": [branch], "description_ar": "تعزيز المشاركة في انتخابات المجالس المحلية ومراقبتها.",
        "description_en": "Promoting participation in local council elections, and monitoring them."})
    observers = _observers(wasl, 8)
    people_reached = [p for p in Person.objects.filter(branch=branch).order_by("pk")
                      if p.pk not in {o.pk for o, _org in observers}][:36]

    # Tal'ar, a year earlier: results published.
    talar = _election(admin, coordinator, wasl, program, title_ar="انتخابات المجلس المحلي في تلعر",
                      title_en="Tal'ar local council election", town_ar="تلعر", town_en="Tal'ar", day=talar_day,
                      seats=11)
    _campaign(admin, talar, talar_day, people_reached[:12], observers[:4], leaflets=(600,))
    _centers(admin, talar, TALAR, observers[:4])
    _candidates(admin, talar, WOMEN_CANDIDATES[3:], MEN_CANDIDATES[6:16])
    _move(admin, talar, [Status.CAMPAIGN, Status.POLLING, Status.COUNTING])
    _results(admin, coordinator, clerk, talar, TALAR)
    services.results_publish(actor=admin, election=talar)

    # Turkman Barih.
    election = _election(admin, coordinator, wasl, program, title_ar="انتخابات المجلس المحلي في تركمان بارح",
                         title_en="Turkman Barih local council election", town_ar="تركمان بارح",
                         town_en="Turkman Barih", day=day, seats=15)
    _campaign(admin, election, day, people_reached[12:], observers, leaflets=(1200, 800))
    _centers(admin, election, TURKMAN_BARIH, observers)
    _candidates(admin, election, WOMEN_CANDIDATES, MEN_CANDIDATES)
    services.election_forms_install(actor=admin, election=election)
    _move(admin, election, [Status.CAMPAIGN, Status.POLLING])
    phone, _secret = collect.credential_create(actor=coordinator, name="هاتف منسقة المراقبة — تركمان بارح")
    _checklists(admin, phone, election, TURKMAN_BARIH, day)
    _incidents(admin, phone, election, day)
    for code, _name, _registered, voters, women, *_rest in TURKMAN_BARIH:
        center = election.centers.get(code=code)
        for slot, part in SLOTS:
            services.turnout_record(actor=coordinator, center=center, slot=slot, voters=int(voters * part),
                                    women_voters=int(women * part))
        services.turnout_record(actor=coordinator, center=center, slot=datetime.time(17), voters=voters,
                                women_voters=women)
    _move(admin, election, [Status.COUNTING])
    _results(admin, coordinator, clerk, election, TURKMAN_BARIH, differ_at="C3")
    services.results_publish(actor=admin, election=election)


def _move(admin, election, statuses):
    for status in statuses:
        services.election_move(actor=admin, election=election, status=status)


def _centers(admin, election, rows, observers):
    for n, (code, name, registered, *_figures, location) in enumerate(rows):
        center = services.center_create(actor=admin, election=election, data={
            "code": code, "name": name, "place": Place.objects.get(pcode=AKHTARIN), "location": location,
            "registered_voters": registered, "stations": 2})
        for k in (1, 2):
            person, organization = observers[(2 * n + k - 1) % len(observers)]
            if election.observers.filter(person=person).exists():
                continue
            services.observer_assign(actor=admin, election=election, data={
                "person": person, "organization": organization, "code": f"{code}-O{k}", "center": center,
                "accreditation": f"WASL-{election.date.year}-{2 * n + k:03d}",
                "accredited_on": election.date - datetime.timedelta(days=10),
                "training": election.promotion.filter(kind="observer_training").first().activity})


def _candidates(admin, election, women, men):
    for name in women:
        services.candidate_add(actor=admin, election=election, data={"name": name, "gender": "female"})
    for name in men:
        services.candidate_add(actor=admin, election=election, data={"name": name, "gender": "male"})


def _campaign(admin, election, day, reached, observers, leaflets):
    """Awareness sessions calling for women's participation, a voter-card drive, leaflet distributions and the
    observer training — ledger activities, their people present."""
    town = election.town_ar
    sessions = [("awareness", f"جلسة توعية: مشاركة النساء في انتخابات {town}", 30),
                ("awareness", f"جلسة توعية: كيف تجري الانتخابات المحلية في {town}", 24),
                ("voter_cards", f"حملة استخراج البطاقات الانتخابية في {town}", 18)]
    per = max(len(reached) // len(sessions), 1)
    for n, (kind, title, days_before) in enumerate(sessions):
        start = day - datetime.timedelta(days=days_before)
        item = services.promotion_record(actor=admin, election=election, kind=kind, data={
            "title_ar": title, "title_en": "", "start_date": start, "end_date": start, "status": "completed"})
        _enrol(admin, item.activity, reached[n * per:(n + 1) * per])
    for n, count in enumerate(leaflets):
        start = day - datetime.timedelta(days=14 - 5 * n)
        services.promotion_record(actor=admin, election=election, kind="leaflets", leaflets=count, data={
            "title_ar": f"توزيع منشورات عن الانتخابات وطريقة المشاركة في {town}", "title_en": "",
            "start_date": start, "end_date": start, "status": "completed"})
    start = day - datetime.timedelta(days=12)
    training = services.promotion_record(actor=admin, election=election, kind="observer_training", data={
        "title_ar": f"تدريب مراقبي ومراقبات انتخابات {town}", "title_en": "",
        "start_date": start, "end_date": start + datetime.timedelta(days=1), "status": "completed"})
    _enrol(admin, training.activity, [person for person, _organization in observers])
