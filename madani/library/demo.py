"""Demo library (seed 003: "references, studies, statistics and information, including audio and visual
sources"; seed 004: a website with resources, local elections): a dozen resources in Arabic and English
with mixed access levels. The files are generated here, small and valid (a one-page PDF, a Word
document, a few seconds of WAV audio); nothing is downloaded."""

import io
import math
import wave
import zipfile

from django.core.files.base import ContentFile

from madani.accounts.models import User
from madani.activities.models import Topic
from madani.branches.models import Branch
from madani.core.demo import DEMO_DOMAIN

from . import services
from .models import Access, Kind, Language

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


def _pdf(text: str) -> bytes:
    """A valid one-page PDF that shows ``text`` (ASCII) in Helvetica."""
    text = text.encode("ascii", "replace").decode().replace("\\", "").replace("(", "[").replace(")", "]")
    stream = f"BT /F1 16 Tf 56 780 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _docx(text: str) -> bytes:
    """A minimal Word document with one paragraph."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'))
        archive.writestr("word/document.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rtl/><w:t>{escaped}</w:t>'
            '</w:r></w:p></w:body></w:document>'))
    return buffer.getvalue()


def _wav(seconds: float = 3.0, rate: int = 8000) -> bytes:
    """A few seconds of a soft tone that fades in and out (8 kHz, 8-bit mono: 8 KB a second)."""
    frames = int(seconds * rate)
    samples = bytes(
        128 + int(40 * math.sin(2 * math.pi * 440 * i / rate) * math.sin(math.pi * i / frames)) for i in range(frames)
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(1)
        audio.setframerate(rate)
        audio.writeframes(samples)
    return buffer.getvalue()


def _file(name: str, title_en: str) -> ContentFile:
    if name.endswith(".pdf"):
        content = _pdf(title_en)
    elif name.endswith(".docx"):
        content = _docx(title_en)
    else:
        content = _wav()
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
