"""The Father Paolo grant for community projects, 2019 (seed 003), as the center's report tells it: one
call for the CSOs incubated in Raqqa and Deir ez-Zor, proposals written with the center's trainers,
24 funded community projects — psychosocial support, water, electricity, parks, and in Raqqa the 2019
advocacy campaigns (children with thalassemia, diabetes, kidney failure, breast cancer, modern teaching
methods, clean schools, early marriage in the village of Hazima) — each recorded in the activity ledger
with the people it served; tranches (bank, cash, hawala) and reports in every state, one rejected and one
ineligible application, one recused reviewer. And this year's round, open, with an application waiting
for the eligibility check and one in review. Everything is written through the grants services."""

import datetime
from decimal import Decimal

from madani.accounts.models import User
from madani.activities import services as ledger
from madani.activities.models import Program
from madani.branches.models import Branch
from madani.grants import services
from madani.grants.models import CallStatus
from madani.organizations.models import Organization
from madani.people.models import Person
from madani.places.models import Place
from madani.sampledata.demo.core import DEMO_DOMAIN

Y = 2019
RATES = {"SYP": Decimal("600"), "TRY": Decimal("5.70")}  # of one US dollar, spring 2019

# branch, organization (English name), title, community need, place P-code, amount (USD), theme: "campaign"
# projects also run awareness sessions (advocacy activities) recorded in the ledger.
PROJECTS = [
    ("raqqa", "Tutul Organization", "حملة دعم أطفال التلاسيميا", "أطفال مصابون بالتلاسيميا لا يجدون نقل الدم بانتظام",
     "SY110100", 3000, "campaign"),
    ("raqqa", "Al-Ahd Organization", "حملة التوعية بمرض السكري", "ارتفاع الإصابات بالسكري وضعف المعرفة بالوقاية",
     "SY110100", 2500, "campaign"),
    ("raqqa", "Four Seasons Organization", "حملة التوعية بالفشل الكلوي", "مرضى الفشل الكلوي يجهلون مراكز الغسيل المتاحة",
     "SY110100", 2500, "campaign"),
    ("raqqa", "Nabd Organization", "حملة الكشف المبكر عن سرطان الثدي", "النساء لا يعرفن أهمية الكشف المبكر",
     "SY110100", 3000, "campaign"),
    ("raqqa", "Together for Al-Jurniyah", "الدعوة لتطبيق منهجيات التعليم الحديثة", "أساليب التدريس التلقينية في المدارس",
     "SY110302", 2000, "campaign"),
    ("raqqa", "Tutul Organization", "بيئة تعليمية نظيفة في مدارس الرقة", "مدارس بلا نظافة ولا مياه صالحة للشرب",
     "SY110100", 3500, "campaign"),
    ("raqqa", "Al-Ahd Organization", "حملة التوعية ضد الزواج المبكر في قرية حزيمة", "انتشار الزواج المبكر بين الفتيات في حزيمة",
     "SY110100", 2500, "campaign"),
    ("raqqa", "Four Seasons Organization", "تأهيل حديقة حي الرميلة", "لا مكان آمناً للعب الأطفال في الحي",
     "SY110100", 4500, "service"),
    ("raqqa", "Nabd Organization", "جلسات الدعم النفسي للأطفال", "أطفال يعانون آثار الحرب والنزوح", "SY110101", 4000,
     "service"),
    ("raqqa", "Together for Al-Jurniyah", "إصلاح شبكة مياه الجرنية", "انقطاع المياه عن نصف القرية", "SY110302", 5000,
     "service"),
    ("deir-ez-zor", "Dayrna Organization", "إنارة شوارع حي الجورة بالطاقة الشمسية", "الشوارع مظلمة ليلاً ولا كهرباء",
     "SY090100", 5000, "service"),
    ("deir-ez-zor", "Ashna — Deir ez-Zor branch", "الدعم النفسي للنساء", "نساء فقدن معيلهن بلا دعم", "SY090100",
     3500, "service"),
    ("deir-ez-zor", "Basmat Amal", "تأهيل خزان مياه البصيرة", "خزان المياه متضرر منذ المعارك", "SY090102", 5000,
     "service"),
    ("deir-ez-zor", "Development Without Borders", "ترميم حديقة البوكمال", "الحديقة الوحيدة مدمرة", "SY090200", 4500,
     "service"),
    ("deir-ez-zor", "Hilm for Development", "إعادة الكهرباء إلى مدرسة هجين", "المدرسة بلا كهرباء منذ سنوات",
     "SY090201", 4000, "service"),
    ("deir-ez-zor", "Bidaya Organization", "مساحة صديقة للطفل في الكسرة", "لا أنشطة للأطفال بعد المدرسة", "SY090101",
     3000, "service"),
    ("deir-ez-zor", "Field Response", "إصلاح مضخة مياه الميادين", "المضخة معطلة والأهالي يشترون المياه", "SY090300",
     5000, "service"),
    ("deir-ez-zor", "Amal Baghouz", "جلسات الدعم النفسي لليافعين", "يافعون عائدون يعانون صدمات", "SY090200", 3000,
     "service"),
    ("deir-ez-zor", "Mari Organization", "تنظيف وتأهيل ساحة السوق", "الأنقاض تسد الساحة العامة", "SY090200", 2500,
     "service"),
    ("deir-ez-zor", "Sam Organization", "تأهيل مولدة كهرباء الحي", "الحي بلا كهرباء", "SY090100", 5000, "service"),
    ("deir-ez-zor", "Dayrna Organization", "حملة النظافة في أحياء دير الزور", "تراكم النفايات في الأحياء المأهولة",
     "SY090100", 2000, "campaign"),
    ("deir-ez-zor", "Basmat Amal", "جلسات الدعم النفسي للأمهات", "أمهات يعانين ضغوطاً نفسية", "SY090102", 3000,
     "service"),
    ("deir-ez-zor", "Hilm for Development", "إصلاح سبيل مياه هجين", "لا مياه شرب في السوق", "SY090201", 2000,
     "service"),
    ("deir-ez-zor", "Bidaya Organization", "تأهيل ملعب الكسرة", "الشباب بلا مكان للرياضة", "SY090101", 3500, "service"),
]
# The state each of the last projects is left in (the others are closed out): tranches and reports in every state.
OPEN_STATES = ["report_overdue", "tranche_requested", "tranche_approved", "report_submitted", "report_changes",
               "final_due"]
METHODS = [("bank", "USD"), ("cash", "SYP"), ("hawala", "USD"), ("hawala", "TRY"), ("bank", "USD"), ("cash", "SYP")]


def _user(local):
    return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")


def _lines(amount):
    """Three budget lines (in USD) whose grant shares add up to ``amount``."""
    materials, services_ = (amount * 50) // 100, (amount * 30) // 100
    rest = amount - materials - services_
    return [
        {"category": "materials", "description": "مواد ومستلزمات", "quantity": Decimal(1), "unit_cost": Decimal(materials),
         "currency": "USD", "co_funding": Decimal(0)},
        {"category": "services", "description": "أعمال وخدمات", "quantity": Decimal(1), "unit_cost": Decimal(services_),
         "currency": "USD", "co_funding": Decimal(0)},
        {"category": "staff", "description": "متطوعون ومنسق", "quantity": Decimal(2), "unit_cost": Decimal(rest) / 2,
         "currency": "USD", "co_funding": Decimal(0)},
    ]


def _people_served(rng, actor, project, people):
    """The project's days in the ledger: a session, the people it served, present."""
    served = rng.sample(people, min(len(people), rng.randint(8, 14)))
    session = ledger.session_create(actor=actor, activity=project, data={"date": project.start_date,
                                                                        "topic": project.title_ar})
    for person in served:
        ledger.participation_add(actor=actor, activity=project, person=person)
    ledger.attendance_record(actor=actor, session=session, present_ids=[p.pk for p in served])


def _tranche(award, manager, number, share, method, currency, day, *, stop=None):
    """Plan, request, approve and pay a tranche (stopping at ``stop``)."""
    usd = (award.amount * share).quantize(Decimal("1"))
    rate = RATES.get(currency)
    amount = usd * rate if rate else usd
    tranche = services.tranche_plan(actor=manager, award=award, data={
        "amount": amount, "currency": currency, "method": method, "planned_date": day,
        "exchange_rate": rate if (rate or method != "bank") else None})
    if stop == "planned":
        return tranche
    services.tranche_request(actor=manager, tranche=tranche)
    if stop == "requested":
        return tranche
    services.tranche_approve(actor=manager, tranche=tranche)
    if stop == "approved":
        return tranche
    return services.tranche_disburse(actor=manager, tranche=tranche, disbursed_on=day, method=method,
                                     exchange_rate=rate or (Decimal(1) if method != "bank" else None),
                                     reference=f"PAOLO-{Y}-{award.pk}-{number}")


def _report(award, officer, report, spent, *, stop=None, narrative="نُفذت الأنشطة وفق الخطة."):
    lines = list(award.application.budget_lines.order_by("pk"))
    total = sum((line.grant_share for line in lines), Decimal(0))
    actuals = {line.pk: (spent * line.grant_share / total).quantize(Decimal("0.01")) for line in lines}
    actuals[lines[0].pk] += spent - sum(actuals.values())  # rounding on the first line
    services.report_submit(actor=officer, report=report, narrative=narrative, actuals=actuals,
                           people_female=12, people_male=9)
    if stop == "submitted":
        return
    if stop == "changes":
        services.report_request_changes(actor=officer, report=report, note="أرفقوا فواتير الشراء.")
        return
    services.report_approve(actor=officer, report=report)


def load(rng):
    branches = {b.code: b for b in Branch.objects.filter(code__in=["raqqa", "deir-ez-zor"])}
    if len(branches) < 2:
        return
    admin, officer, trainer = _user("admin"), _user("me.officer"), _user("trainer")
    managers = {"raqqa": _user("manager.raqqa"), "deir-ez-zor": _user("manager.deir")}
    places = Place.objects.in_bulk(field_name="pcode")
    organizations = {o.name_en: o for o in Organization.objects.all()}
    program = Program.objects.create(
        code="father-paolo-2019", name="منحة الأب باولو للمشاريع المجتمعية", name_ar="منحة الأب باولو للمشاريع المجتمعية",
        name_en="Father Paolo grant for community projects", start_date=datetime.date(Y, 1, 1),
        end_date=datetime.date(Y, 12, 31),
        description_ar="منح صغيرة للمنظمات التي يحتضنها المركز لتنفيذ مشاريع مجتمعية بإشراف فريق المركز وخبرائه.",
        description_en="Small grants for the CSOs the center incubates, to carry out community projects under the "
                       "supervision of the center's team and experts.")
    program.branches.set(branches.values())
    people = {code: list(Person.objects.filter(branch=branch).order_by("pk")) for code, branch in branches.items()}

    call = services.call_create(actor=admin, data={
        "code": "father-paolo-2019", "title": "منحة الأب باولو للمشاريع المجتمعية 2019",
        "title_ar": "منحة الأب باولو للمشاريع المجتمعية 2019",
        "title_en": "Father Paolo grant for community projects, 2019",
        "description_ar": "تدعو المنحة المنظمات المحتضنة في الرقة ودير الزور إلى اقتراح مشاريع مجتمعية صغيرة تلبي "
                          "احتياجات مجتمعها، في مجال عملها وأماكن تواجدها، بإشراف فريق المركز.",
        "description_en": "The grant invites the CSOs incubated in Raqqa and Deir ez-Zor to propose small community "
                          "projects that meet their community's needs, in their field and where they work.",
        "program": program, "currency": "USD", "ceiling": Decimal(5000), "deadline": datetime.date(Y, 2, 28),
        "branches": list(branches.values()),
        "places": [places["SY11"], places["SY09"]]},
        criteria=[
            {"name": "الحاجة المجتمعية", "name_ar": "الحاجة المجتمعية", "name_en": "Community need", "weight": 3},
            {"name": "وضوح الخطة وواقعيتها", "name_ar": "وضوح الخطة وواقعيتها", "name_en": "Clarity and realism of the plan",
             "weight": 2},
            {"name": "ملاءمة الميزانية", "name_ar": "ملاءمة الميزانية", "name_en": "Value of the budget", "weight": 2},
            {"name": "مشاركة المجتمع والاستدامة", "name_ar": "مشاركة المجتمع والاستدامة",
             "name_en": "Community participation and sustainability", "weight": 1}],
        panel=[officer, trainer])
    services.call_move(actor=admin, call=call, status=CallStatus.OPEN)

    def apply(branch, organization, title, need, pcode, amount, day, coach=None):
        application = services.application_create(actor=managers[branch], call=call, organization=organization, data={
            "title": title, "need": need, "plan": "كتبت المنظمة المقترح بدعم من مدربي المركز.",
            "places": [places[pcode]], "requested_amount": Decimal(amount),
            "beneficiaries_female": rng.randint(40, 160), "beneficiaries_male": rng.randint(30, 120),
            "start_date": datetime.date(Y, 4, 1) + datetime.timedelta(days=rng.randint(0, 60)),
            "end_date": datetime.date(Y, 7, 15) + datetime.timedelta(days=rng.randint(0, 60)),
            "coach": coach}, lines=_lines(amount))
        return services.application_submit(actor=managers[branch], application=application, day=day)

    coach = trainer.person
    applications = []
    for index, (branch, org_name, title, need, pcode, amount, theme) in enumerate(PROJECTS):
        day = datetime.date(Y, 2, 1) + datetime.timedelta(days=index)
        coached = coach if branch == "deir-ez-zor" and index % 4 == 0 else None
        applications.append((apply(branch, organizations[org_name], title, need, pcode, amount, day, coached),
                             branch, theme))
    rejected = apply("raqqa", organizations["Nabd Organization"], "مهرجان ترفيهي في الساحة العامة",
                     "غياب الأنشطة الترفيهية", "SY110100", 5000, datetime.date(Y, 2, 26))
    ineligible = None
    wasl_member = organizations.get("Azaz Youth Initiative")
    if wasl_member is not None:  # an Aleppo organization: the call is for Raqqa and Deir ez-Zor only
        draft = services.application_create(actor=admin, call=call, organization=wasl_member, data={
            "title": "دورات تقوية للطلاب في أعزاز", "need": "تسرب الطلاب من المدارس", "places": [places["SY020400"]],
            "requested_amount": Decimal(3000)}, lines=_lines(3000))
        ineligible = services.application_submit(actor=admin, application=draft, day=datetime.date(Y, 2, 27))
    services.call_move(actor=admin, call=call, status=CallStatus.CLOSED)

    for application, branch, _theme in [*applications, (rejected, "raqqa", "")]:
        services.application_check_eligibility(actor=officer, application=application)
    if ineligible is not None:
        services.application_check_eligibility(actor=officer, application=ineligible)
    services.call_move(actor=admin, call=call, status=CallStatus.REVIEWING)

    for application, _branch, _theme in [*applications, (rejected, "raqqa", "")]:
        for reviewer in (officer, trainer):
            review = application.reviews.get(reviewer=reviewer)
            if reviewer == trainer and application.coach_id:  # he helped write it: he recuses himself
                services.review_declare(actor=trainer, review=review, conflict=True,
                                        note="ساعدت المنظمة في كتابة المقترح بصفتي مدرباً في المركز.")
                continue
            services.review_declare(actor=reviewer, review=review, conflict=False)
            low = 1 if application == rejected else 3
            scores = {c.pk: (rng.randint(low, min(5, low + 2)) if rng.random() > 0.08 else None, "")
                      for c in call.criteria.all()}
            services.review_score(actor=reviewer, review=review, scores=scores,
                                  recommendation="do_not_fund" if application == rejected else "fund")
    services.application_decide(actor=admin, application=rejected, award=False, decided_on=datetime.date(Y, 3, 20),
                                reasons="المشروع لا يلبي حاجة أساسية، وميزانيته كلها للفعاليات دون أثر مستدام.")

    closed = len(applications) - len(OPEN_STATES)
    for index, (application, branch, theme) in enumerate(applications):
        services.application_decide(actor=admin, application=application, award=True,
                                    decided_on=datetime.date(Y, 3, 20),
                                    reasons="حاجة مجتمعية واضحة وخطة واقعية ضمن سقف المنحة.")
        award = application.award
        manager = managers[branch]
        _people_served(rng, officer, award.project, people[branch])
        if theme == "campaign":
            start = award.project.start_date + datetime.timedelta(days=7)
            campaign = services.award_record_activity(actor=officer, award=award, data={
                "kind": "advocacy", "title_ar": f"جلسة توعية: {application.title}", "place": award.project.place,
                "start_date": start, "end_date": start, "status": "completed"})
            attendees = rng.sample(people[branch], min(len(people[branch]), rng.randint(10, 20)))
            for person in attendees:
                ledger.participation_add(actor=officer, activity=campaign, person=person)
            ledger.attendance_record(actor=officer, session=campaign.sessions.get(), present_ids=[p.pk for p in attendees])
        ledger.activity_update(actor=officer, activity=award.project, data={"status": "completed"})

        method, currency = METHODS[index % len(METHODS)]
        first_day = award.project.start_date
        state = OPEN_STATES[index - closed] if index >= closed else "closed"
        first = _tranche(award, manager, 1, Decimal("0.6"), method, currency, first_day)
        first_spent = first.in_award_currency
        if state == "report_overdue":
            _tranche(award, manager, 2, Decimal("0.4"), "bank", "USD", award.project.end_date, stop="planned")
            continue
        if state == "report_submitted":
            _report(award, officer, first.report, first_spent, stop="submitted")
            _tranche(award, manager, 2, Decimal("0.4"), "bank", "USD", award.project.end_date, stop="planned")
            continue
        if state == "report_changes":
            _report(award, officer, first.report, first_spent, stop="changes")
            _tranche(award, manager, 2, Decimal("0.4"), "bank", "USD", award.project.end_date, stop="planned")
            continue
        _report(award, officer, first.report, first_spent)
        stop = {"tranche_requested": "requested", "tranche_approved": "approved"}.get(state)
        if state == "final_due":
            second = _tranche(award, manager, 2, Decimal("0.4"), method, currency, award.project.end_date,
                              stop="planned")
            services.tranche_cancel(actor=manager, tranche=second)
            continue
        second = _tranche(award, manager, 2, Decimal("0.4"), method, currency, award.project.end_date, stop=stop)
        if stop:
            continue
        refund = Decimal(120) if index % 7 == 3 else Decimal(0)
        _report(award, officer, second.report, second.in_award_currency - refund)
        _report(award, officer, award.reports.get(final=True), Decimal(0),
                narrative="أنجز المشروع أهدافه؛ شارك المجتمع المحلي في التنفيذ والمتابعة.")
        services.award_close(actor=admin, award=award, refund=refund, closed_on=award.project.end_date
                             + datetime.timedelta(days=45),
                             lessons="إشراك المجلس المحلي منذ البداية سهّل التنفيذ؛ التسعير بالدولار حمى الميزانية من "
                                     "تقلب سعر الصرف.")
    services.call_move(actor=admin, call=call, status=CallStatus.DECIDED)
    _this_year(rng, admin, officer, trainer, managers, organizations, places, branches)


def _this_year(rng, admin, officer, trainer, managers, organizations, places, branches):
    """This year's round: open until next month, one application waiting for the eligibility check and one in
    review (the M&E officer has not declared yet; the trainer declared and scored)."""
    today = datetime.date.today()
    program = Program.objects.get(code="cso-capacity")
    call = services.call_create(actor=admin, data={
        "code": f"father-paolo-{today.year}", "title": f"منحة الأب باولو للمشاريع المجتمعية {today.year}",
        "title_ar": f"منحة الأب باولو للمشاريع المجتمعية {today.year}",
        "title_en": f"Father Paolo grant for community projects, {today.year}",
        "description_ar": "دورة جديدة من المنحة للمنظمات المحتضنة: مشاريع مجتمعية صغيرة في الرقة ودير الزور.",
        "description_en": "A new round for the incubated CSOs: small community projects in Raqqa and Deir ez-Zor.",
        "program": program, "currency": "USD", "ceiling": Decimal(5000),
        "deadline": today + datetime.timedelta(days=30), "branches": list(branches.values())},
        criteria=[{"name": "الحاجة المجتمعية", "name_ar": "الحاجة المجتمعية", "name_en": "Community need", "weight": 2},
                  {"name": "وضوح الخطة", "name_ar": "وضوح الخطة", "name_en": "Clarity of the plan", "weight": 1}],
        panel=[officer, trainer])
    services.call_move(actor=admin, call=call, status=CallStatus.OPEN)
    entries = [("raqqa", "Tutul Organization", "ورشات توعية بحقوق الطفل", "SY110100", 2000),
               ("deir-ez-zor", "Mari Organization", "تأهيل مكتبة المدرسة", "SY090200", 3000)]
    submitted = []
    for branch, name, title, pcode, amount in entries:
        application = services.application_create(actor=managers[branch], call=call, organization=organizations[name],
                                                  data={"title": title, "need": "حاجة ملحة في الحي",
                                                        "places": [places[pcode]], "requested_amount": Decimal(amount),
                                                        "beneficiaries_female": 60, "beneficiaries_male": 40},
                                                  lines=_lines(amount))
        submitted.append(services.application_submit(actor=managers[branch], application=application))
    in_review = services.application_check_eligibility(actor=officer, application=submitted[1])
    review = in_review.reviews.get(reviewer=trainer)
    services.review_declare(actor=trainer, review=review, conflict=False)
    services.review_score(actor=trainer, review=review, recommendation="fund",
                          scores={c.pk: (4, "") for c in call.criteria.all()})
