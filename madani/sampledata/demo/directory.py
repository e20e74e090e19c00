"""Demo services directory (seed 004: the Wasl website "publishes the services CSOs provide, so that the
community can reach them"): fourteen services of the demo CSOs in Raqqa, Deir ez-Zor and the Aleppo
countryside, most published, some waiting for moderation, one rejected with its reason. The demo CSO
member's organization (Tutul) has a published listing and one waiting."""

from madani.accounts.models import Role, User
from madani.directory import services
from madani.organizations.models import Organization, Sector
from madani.places.models import Place

# organization (English name), sector, (title ar, en), (description ar, en), (eligibility ar, en),
# (how to reach ar, en), places served (P-codes), public phone, state
LISTINGS = [
    ("Tutul Organization", "psychosocial",
     ("جلسات دعم نفسي اجتماعي للأطفال", "Psychosocial support sessions for children"),
     ("جلسات جماعية أسبوعية للأطفال وأسرهم يقودها مرشدون مدرَّبون، مع متابعة فردية عند الحاجة.",
      "Weekly group sessions for children and their families led by trained counsellors, with individual "
      "follow-up when needed."),
     ("الأطفال من 6 إلى 14 سنة في مدينة الرقة.", "Children aged 6 to 14 in Raqqa city."),
     ("مركز المنظمة في شارع تل أبيض، من الأحد إلى الخميس، 9 صباحاً – 2 ظهراً.",
      "The organization's center on Tal Abyad street, Sunday to Thursday, 9:00–14:00."),
     ["SY110100"], "+963 944 210 310", "published"),
    ("Tutul Organization", "women",
     ("دورات خياطة للنساء المعيلات", "Sewing courses for women heads of household"),
     ("دورة من ثلاثة أشهر تنتهي بتسليم ماكينة خياطة لكل متدربة.",
      "A three-month course; each trainee receives a sewing machine at the end."),
     ("النساء المعيلات لأسرهن.", "Women who support their families."), ("", ""),
     ["SY110100", "SY110102"], "+963 944 210 310", "pending"),
    ("Al-Ahd Organization", "education",
     ("صفوف تقوية للأطفال المتسربين من المدارس", "Catch-up classes for out-of-school children"),
     ("صفوف في القراءة والحساب تمهيداً للعودة إلى المدرسة.", "Reading and arithmetic classes to prepare the "
      "return to school."),
     ("الأطفال من 8 إلى 15 سنة المنقطعون عن الدراسة.", "Children aged 8 to 15 who left school."),
     ("التسجيل في مقر المنظمة أو عبر الهاتف.", "Register at the organization's office or by phone."),
     ["SY110100", "SY110102"], "+963 933 118 402", "published"),
    ("Four Seasons Organization", "environment",
     ("حملات تشجير وتنظيف الأحياء", "Tree planting and neighborhood clean-up campaigns"),
     ("حملات تطوعية شهرية يشارك فيها سكان الحي مع فرق المنظمة.",
      "Monthly volunteer campaigns with the neighborhood's residents and the organization's teams."),
     ("كل من يرغب في التطوع.", "Anyone who wants to volunteer."),
     ("يُعلن عن الحملات على صفحة المنظمة.", "Campaigns are announced on the organization's page."),
     ["SY110100"], "", "published"),
    ("Together for Al-Jurniyah", "wash",
     ("صيانة شبكات المياه في القرى", "Repair of village water networks"),
     ("إصلاح خطوط المياه والخزانات العامة بالتنسيق مع المجلس المحلي.",
      "Repairs of water lines and public tanks, with the local council."),
     ("القرى التابعة لناحية الجرنية.", "The villages of Al-Jurniyah sub-district."),
     ("تقديم الطلب عبر مختار القرية أو مكتب المنظمة.", "Ask through the village mukhtar or the organization's office."),
     ["SY110102"], "+963 955 604 771", "published"),
    ("Nabd Organization", "youth",
     ("تدريب الشباب على المهارات الرقمية", "Digital skills training for youth"),
     ("دورات في استخدام الحاسوب والتسويق الإلكتروني.", "Courses in computer use and online marketing."),
     ("الشباب من 18 إلى 30 سنة.", "Young people aged 18 to 30."), ("", ""),
     ["SY1101"], "+963 988 402 115", "pending"),
    ("Dayrna Organization", "legal-aid",
     ("استشارات قانونية لاستخراج الوثائق المدنية", "Legal advice to obtain civil documents"),
     ("مساعدة في استخراج الهويات وتسجيل الزواج والولادات وإثبات الملكية.",
      "Help with identity cards, registering marriages and births, and proving property."),
     ("جميع السكان والنازحين والعائدين.", "Residents, displaced people and returnees."),
     ("مكتب المنظمة في دير الزور، ومحامٍ متنقل في هجين كل ثلاثاء.",
      "The office in Deir ez-Zor, and a mobile lawyer in Hajin every Tuesday."),
     ["SY090100", "SY090201"], "+963 936 550 219", "published"),
    ("Basmat Amal", "women",
     ("تدريب مهني للنساء: خياطة وتصنيع غذائي", "Vocational training for women: sewing and food processing"),
     ("دورات مهنية مدتها شهران مع دعم لبدء مشروع صغير.",
      "Two-month vocational courses with support to start a small business."),
     ("النساء من 18 سنة فما فوق.", "Women aged 18 and over."),
     ("التسجيل في مركز المنظمة.", "Register at the organization's center."),
     ["SY090102"], "+963 947 301 882", "published"),
    ("Hilm for Development", "livelihoods",
     ("منح صغيرة للمشاريع المنزلية", "Small grants for home businesses"),
     ("منح عينية لتربية الدواجن والزراعة المنزلية مع تدريب على الإدارة.",
      "In-kind grants for poultry and home gardening, with management training."),
     ("الأسر الأشد حاجة في هجين وما حولها.", "The most vulnerable families in and around Hajin."),
     ("تعلن المنظمة عن فترة التقديم كل ثلاثة أشهر.", "Applications open every three months."),
     ["SY090201"], "+963 991 207 640", "published"),
    ("Bidaya Organization", "health",
     ("عيادة متنقلة للرعاية الصحية الأولية", "Mobile primary-health clinic"),
     ("فحوص عامة ولقاحات ومتابعة الحوامل في القرى البعيدة عن المراكز الصحية.",
      "General check-ups, vaccinations and antenatal care in villages far from health centers."),
     ("", ""), ("", ""),
     ["SY090101"], "+963 938 774 105", "pending"),
    ("Mari Organization", "protection",
     ("إحالة حالات العنف القائم على النوع الاجتماعي", "Referral of gender-based violence cases"),
     ("استقبال سري للحالات وإحالتها إلى الخدمات الطبية والقانونية والنفسية.",
      "Confidential reception and referral to medical, legal and psychological services."),
     ("النساء والفتيات.", "Women and girls."),
     ("خط هاتفي مخصص، أو زيارة المساحة الآمنة في البوكمال.", "A dedicated phone line, or the safe space in Abu Kamal."),
     ["SY090200"], "+963 996 118 330", "published"),
    ("Field Response", "relief",
     ("توزيع سلال غذائية", "Food basket distributions"),
     ("توزيعات عند توفر التمويل.", "Distributions when funding allows."), ("", ""), ("", ""),
     ["SY090300"], "", "rejected"),
    ("Qalam for Education", "education",
     ("دروس محو الأمية للكبار", "Adult literacy classes"),
     ("دروس مسائية في القراءة والكتابة والحساب.", "Evening classes in reading, writing and arithmetic."),
     ("الكبار من 16 سنة فما فوق.", "Adults aged 16 and over."),
     ("مدرسة الحي الشرقي في الباب، مساءً.", "The eastern district school in Al-Bab, evenings."),
     ["SY020200"], "+963 949 660 218", "published"),
    ("Al-Bab Women's Organization", "women",
     ("مساحة آمنة للنساء والفتيات", "Safe space for women and girls"),
     ("أنشطة توعية ودعم نفسي وجلسات حوار في مساحة مخصصة للنساء.",
      "Awareness activities, psychosocial support and dialogue sessions in a women-only space."),
     ("النساء والفتيات من 14 سنة فما فوق.", "Women and girls aged 14 and over."),
     ("مقر المنظمة في الباب، من السبت إلى الخميس.", "The organization's office in Al-Bab, Saturday to Thursday."),
     ["SY020200", "SY020201"], "+963 958 202 447", "published"),
    ("Azaz Youth Initiative", "democracy",
     ("جلسات توعية بالمشاركة في الانتخابات المحلية", "Awareness sessions on local elections"),
     ("جلسات حوارية حول دور المجالس المحلية وطريقة الترشح والتصويت.",
      "Dialogue sessions on local councils, standing as a candidate and voting."),
     ("", ""), ("", ""),
     ["SY020400"], "", "pending"),
]
REJECTION = "الدليل يعرض الخدمات المستمرة؛ يرجى ذكر أماكن التوزيع ومواعيدها وطريقة التسجيل."


def load(rng):
    organizations = {o.name_en: o for o in Organization.objects.select_related("branch")}
    sectors = {s.code: s for s in Sector.objects.all()}
    places = Place.objects.in_bulk(field_name="pcode")
    managers = {b.pk: u for u in User.objects.filter(role=Role.BRANCH_MANAGER) for b in u.branches.all()}
    administrator = User.objects.filter(role=Role.ADMINISTRATOR).first()
    members = {u.organization_id: u for u in User.objects.filter(role=Role.CSO_MEMBER)}
    for name, sector, title, description, eligibility, reach, pcodes, phone, state in LISTINGS:
        organization = organizations.get(name)
        if organization is None:
            continue
        moderator = managers.get(organization.branch_id, administrator)
        author = members.get(organization.pk, moderator)
        listing = services.listing_submit(actor=author, data={
            "organization": organization, "sector": sectors[sector], "places": [places[p] for p in pcodes],
            "title_ar": title[0], "title_en": title[1], "description_ar": description[0],
            "description_en": description[1], "eligibility_ar": eligibility[0], "eligibility_en": eligibility[1],
            "how_to_reach_ar": reach[0], "how_to_reach_en": reach[1], "phone": phone,
        })
        if state == "published":
            services.listing_publish(actor=moderator, listing=listing)
        elif state == "rejected":
            services.listing_reject(actor=moderator, listing=listing, reason=REJECTION)
