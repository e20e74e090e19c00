"""Demo library (seed 003: "references, studies, statistics and information, including audio and visual
sources"; seed 004: a website with resources, local elections): a dozen resources in Arabic and English
with mixed access levels. The files are generated here, small and valid (a one-page PDF, a Word
document, a few seconds of WAV audio); nothing is downloaded."""

from django.core.files.base import ContentFile

from madani.accounts.models import User
from madani.activities.models import Topic
from madani.branches.models import Branch
from madani.library import services
from madani.library.models import Access, Kind, Language
from madani.sampledata.demo.core import DEMO_DOMAIN
from madani.sampledata.files import docx_bytes, pdf_bytes, wav_bytes

# kind, access, language, year, branch code (None: center-wide), topic codes, Arabic title, English title,
# authors, Arabic summary, English summary, file name or URL
RESOURCES = [
    (Kind.DOCUMENT, Access.PUBLIC, Language.ARABIC, 2022, None, ["participatory-democracy", "political-participation"],
     "دليل التربية المدنية للمنظمات المحلية", "Civic education guide for local organizations",
     "مركز دعم المجتمع المدني",
     "مدخل مبسط إلى المواطنة والحقوق والواجبات ودور المجتمع المدني في الشأن العام، مع تمارين لورشات العمل.",
     "A plain introduction to citizenship, rights and duties and the role of civil society in public life, with "
     "exercises for workshops.", "civic-education-guide.pdf"),
    (Kind.DOCUMENT, Access.PUBLIC, Language.ARABIC, 2022, "aleppo", ["local-elections"],
     "دليل الانتخابات المحلية: الترشح والاقتراع والمراقبة",
     "Local elections handbook: candidacy, voting and monitoring",
     "شبكة وصل",
     "خطوات العملية الانتخابية في المجالس المحلية، وحقوق الناخبين والمرشحين، واستمارات المراقبين في مراكز الاقتراع.",
     "The steps of a local-council election, voters' and candidates' rights, and observers' forms for polling "
     "centers.", "local-elections-handbook.pdf"),
    (Kind.DOCUMENT, Access.PUBLIC, Language.ARABIC, 1958, None, ["governance"],
     "قانون الجمعيات والمؤسسات الخاصة (القانون رقم 93 لعام 1958)",
     "The law on associations and private institutions (Law 93 of 1958)", "",
     "النص الكامل للقانون الناظم لتأسيس الجمعيات وتسجيلها وحلّها، مع تعديلاته.",
     "The full text of the law on founding, registering and dissolving associations, with its amendments.",
     "law-on-associations-1958.pdf"),
    (Kind.AUDIO, Access.PUBLIC, Language.ARABIC, 2023, "raqqa", ["participatory-democracy"],
     "حلقة إذاعية: المجلس المحلي والخدمات في حيّك",
     "Radio episode: the local council and services in your neighbourhood",
     "إذاعة محلية بالتعاون مع المركز",
     "حلقة حوارية مع عضو في المجلس المدني وناشطة من منظمة محلية حول متابعة الخدمات وتقديم الشكاوى.",
     "A conversation with a civil-council member and a local activist on following up services and filing "
     "complaints.", "radio-episode-local-council.wav"),
    (Kind.LINK, Access.PUBLIC, Language.ARABIC, 2021, None, ["strategic-planning"],
     "فيديو: كيف تكتب منظمتك خطتها الاستراتيجية", "Video: how your organization writes its strategic plan",
     "مركز دعم المجتمع المدني",
     "محاضرة مصورة من أربعين دقيقة ترافق مرحلة التوجيه في مشروع بناء القدرات.",
     "A forty-minute recorded lecture that accompanies the coaching phase of the capacity-building project.",
     "https://video.example.org/civic-center/strategic-planning"),
    (Kind.LINK, Access.PUBLIC, Language.ENGLISH, 2024, None, ["needs-assessment"],
     "الحدود الإدارية لسوريا ورموزها (OCHA)", "Syria administrative boundaries and P-codes (OCHA)", "OCHA",
     "الجداول الرسمية للمحافظات والمناطق والنواحي ورموزها، المستخدمة في سجل الأماكن.",
     "The official tables of governorates, districts and sub-districts with their P-codes, used by the places "
     "registry.", "https://data.humdata.org/dataset/cod-ab-syr"),
    (Kind.DOCUMENT, Access.MEMBERS, Language.ARABIC, 2021, "deir-ez-zor", ["strategic-planning"],
     "نموذج الخطة الاستراتيجية للمنظمات الناشئة", "Strategic plan template for emerging organizations",
     "فريق بناء القدرات",
     "القالب الذي استخدمته المنظمات الخمس عشرة في مرحلة التوجيه: الرؤية والرسالة وتحليل SWOT والأهداف والمؤشرات.",
     "The template the fifteen organizations used in the coaching phase: vision, mission, SWOT, objectives and "
     "indicators.", "strategic-plan-template.docx"),
    (Kind.DOCUMENT, Access.MEMBERS, Language.ARABIC, 2022, "raqqa", ["fundraising", "proposal-writing"],
     "دليل جمع التمويل وكتابة المقترحات", "Fundraising and proposal-writing guide", "فريق بناء القدرات",
     "كيف تقرأ دعوة التقديم وتكتب مقترحاً وميزانية، مع أمثلة من المنح الصغيرة.",
     "How to read a call for proposals and write a proposal and a budget, with examples from the small grants.",
     "fundraising-proposal-guide.pdf"),
    (Kind.AUDIO, Access.MEMBERS, Language.ARABIC, 2022, "aleppo", ["political-participation"],
     "تسجيل: جلسة حوارية حول مشاركة الشباب (مشروع 10% شباب)",
     "Recording: dialogue session on youth participation (the \"10% youth\" project)", "شبكة وصل",
     "تسجيل صوتي لجلسة حوارية مع شباب من ريف حلب حول تمثيلهم في المجالس المحلية.",
     "An audio recording of a dialogue session with young people of the Aleppo countryside on their place in "
     "local councils.", "youth-dialogue-session.wav"),
    (Kind.DOCUMENT, Access.PUBLIC, Language.ENGLISH, 2020, None, ["monitoring-evaluation"],
     "دليل الرصد والتقييم للمنظمات الصغيرة", "Monitoring and evaluation manual for small CSOs", "Impact",
     "إطار منطقي ومؤشرات وأدوات جمع بيانات بسيطة لمنظمة بفريق صغير.",
     "A logframe, indicators and simple data-collection tools for an organization with a small team.",
     "me-manual-small-csos.pdf"),
    (Kind.DOCUMENT, Access.STAFF, Language.ARABIC, 2021, "deir-ez-zor", ["advocacy"],
     "دليل المدرب: ورشة المناصرة في ثلاثة أيام", "Trainer's guide: the three-day advocacy workshop",
     "عبدالله عبيد، علي إسكان",
     "جدول الأيام الثلاثة وتمارينها والاختبار القبلي والبعدي، كما نُفذت في هجين والكسرة.",
     "The three days' schedule, exercises and pre/post test, as delivered in Hajin and Al-Kasra.",
     "advocacy-workshop-trainer-guide.docx"),
    (Kind.DOCUMENT, Access.STAFF, Language.ARABIC, 2021, "raqqa", ["needs-assessment"],
     "تقرير تقييم الاحتياجات التدريبية للمنظمات الشريكة", "Training needs assessment of partner organizations",
     "فريق الرصد والتقييم",
     "نتائج استبيان الاحتياجات حسب المجال، والمواضيع التي اختيرت على أساسها ورشات العمل.",
     "The needs questionnaire's results by domain, and the topics the workshops were chosen from.",
     "training-needs-assessment-2021.pdf"),
]


def _file(name: str, title_en: str) -> ContentFile:
    if name.endswith(".pdf"):
        content = pdf_bytes(title_en)
    elif name.endswith(".docx"):
        content = docx_bytes(title_en)
    else:
        content = wav_bytes()
    return ContentFile(content, name=name)


def load(rng):
    administrator = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
    managers = {"raqqa": f"manager.raqqa@{DEMO_DOMAIN}", "deir-ez-zor": f"manager.deir@{DEMO_DOMAIN}"}
    branches = {branch.code: branch for branch in Branch.objects.all()}
    topics = {topic.code: topic for topic in Topic.objects.all()}
    for (kind, access, language, year, branch, topic_codes, title_ar, title_en, authors, summary_ar, summary_en,
         target) in RESOURCES:
        actor = User.objects.get(email=managers[branch]) if branch in managers else administrator
        data = {
            "kind": kind, "access": access, "language": language, "year": year,
            "branch": branches[branch] if branch else None, "topics": [topics[code] for code in topic_codes],
            "title_ar": title_ar, "title_en": title_en, "authors": authors,
            "summary_ar": summary_ar, "summary_en": summary_en, "url": target if kind == Kind.LINK else "",
        }
        upload = None if kind == Kind.LINK else _file(target, title_en)
        services.resource_create(actor=actor, data=data, upload=upload)
