"""The shipped bilingual XLSForms of an election: the checklists (opening procedures, women's access, secrecy
of the vote, presence of armed people, counting procedures) and the incident report. Each is built as an
XLSForm workbook (``workbook(role)``, also written to ``xlsforms/`` by ``build_xlsforms.py``) and read by the
forms engine (``assessments/xlsform.read_xlsform``, pyxform), then served by the OpenRosa server and the web
form like any survey. Every form asks the center's code and the observer's code; the figures the quality
checks read have the names of ``Checklist``'s fields (voters, women_voters, ballots, valid, invalid, blank)."""

from madani.assessments.workbooks import xlsform_bytes

from .models import FormRole, Phase

AR, EN = "label::Arabic (ar)", "label::English (en)"
CM_AR, CM_EN = "constraint_message::Arabic (ar)", "constraint_message::English (en)"
YES_NO = "select_one yes_no"

TITLES = {
    FormRole.OPENING: ("قائمة تحقق: إجراءات الافتتاح", "Checklist: opening procedures"),
    FormRole.WOMEN: ("قائمة تحقق: وصول النساء إلى الاقتراع", "Checklist: women's access to the vote"),
    FormRole.SECRECY: ("قائمة تحقق: سرية الاقتراع", "Checklist: secrecy of the vote"),
    FormRole.ARMED: ("قائمة تحقق: وجود مسلحين", "Checklist: presence of armed people"),
    FormRole.COUNTING: ("قائمة تحقق: إجراءات الفرز", "Checklist: counting procedures"),
    FormRole.INCIDENT: ("بلاغ عن حادثة", "Incident report"),
}
# The phase each checklist is filled in by default (the women's access, secrecy and armed-presence lists
# are filled at mid-day too: the form asks).
PHASES = {FormRole.OPENING: Phase.OPENING, FormRole.WOMEN: Phase.MIDDAY, FormRole.SECRECY: Phase.MIDDAY,
          FormRole.ARMED: Phase.MIDDAY, FormRole.COUNTING: Phase.COUNTING, FormRole.INCIDENT: ""}

COMMON = [
    {"type": "start", "name": "start"},
    {"type": "text", "name": "center", AR: "رمز مركز الاقتراع", EN: "Polling center code"},
    {"type": "text", "name": "observer", AR: "رمز المراقب/ة", EN: "Observer code"},
]
PHASE_QUESTION = {"type": "select_one phase", "name": "phase", AR: "مرحلة الاقتراع", EN: "Phase of the day"}


def _yes_no(name, ar, en):
    return {"type": YES_NO, "name": name, AR: ar, EN: en}


def _count(name, ar, en, constraint="", message=("", "")):
    row = {"type": "integer", "name": name, AR: ar, EN: en}
    if constraint:
        row.update({"constraint": constraint, CM_AR: message[0], CM_EN: message[1]})
    return row


WOMEN_LE_VOTERS = (". <= ${voters}", ("لا يمكن أن يزيد عدد المقترعات على عدد المقترعين",
                                        "Women voters cannot be more than voters"))

QUESTIONS = {
    FormRole.OPENING: [
        _yes_no("opened_on_time", "هل افتُتح المركز في الموعد المحدد؟", "Did the center open on time?"),
        _yes_no("materials_complete", "هل كانت مواد الاقتراع كاملة؟", "Were the voting materials complete?"),
        _yes_no("box_sealed", "هل عُرض الصندوق فارغاً ثم خُتم أمام الحاضرين؟",
                "Was the ballot box shown empty and sealed in front of those present?"),
        _yes_no("staff_complete", "هل حضر جميع أعضاء لجنة المركز؟", "Were all members of the center's committee present?"),
        _count("registered", "عدد الناخبين المسجلين في المركز (إن كان معروفاً)",
               "Voters registered at the center (if known)") | {"required": "no"},
    ],
    FormRole.WOMEN: [
        PHASE_QUESTION,
        _yes_no("women_area", "هل يوجد مكان مخصص لاقتراع النساء أو تسهيلات لهن؟",
                "Is there a place or arrangements for women to vote?"),
        _yes_no("women_staff", "هل بين أعضاء لجنة المركز نساء؟", "Are there women on the center's committee?"),
        _yes_no("women_turned_away", "هل مُنعت أي امرأة من التصويت أو طُلب منها أن يصوّت عنها أحد؟",
                "Was any woman turned away or asked to let someone vote for her?"),
        _count("voters", "عدد المقترعين حتى الآن", "Voters so far"),
        _count("women_voters", "عدد المقترعات حتى الآن", "Women voters so far", *WOMEN_LE_VOTERS),
    ],
    FormRole.SECRECY: [
        PHASE_QUESTION,
        _yes_no("booths_private", "هل يقترع الناخبون خلف ساتر لا يراهم منه أحد؟",
                "Do voters mark their ballots behind a screen where no one sees them?"),
        _yes_no("family_voting", "هل لاحظت تصويتاً عائلياً أو جماعياً؟", "Did you see family or group voting?"),
        _yes_no("ballots_shown", "هل طُلب من أحد إظهار ورقة اقتراعه؟", "Was anyone asked to show their ballot?"),
    ],
    FormRole.ARMED: [
        PHASE_QUESTION,
        _yes_no("armed_inside", "هل يوجد مسلحون داخل المركز؟", "Are there armed people inside the center?"),
        _yes_no("armed_outside", "هل يوجد مسلحون قرب المركز؟", "Are there armed people near the center?"),
        _yes_no("intimidation", "هل لاحظت تخويفاً للناخبين أو للمراقبين؟", "Did you see voters or observers intimidated?"),
    ],
    FormRole.COUNTING: [
        _yes_no("count_public", "هل جرى الفرز علناً أمام المراقبين والمرشحين؟",
                "Was the count public, before observers and candidates?"),
        _count("voters", "عدد المقترعين حسب سجل المركز", "Voters according to the center's register"),
        _count("women_voters", "عدد المقترعات", "Women voters", *WOMEN_LE_VOTERS),
        _count("ballots", "عدد أوراق الاقتراع في الصندوق", "Ballots in the box"),
        _count("valid", "الأوراق الصحيحة", "Valid ballots"),
        _count("invalid", "الأوراق الملغاة", "Invalid ballots"),
        _count("blank", "الأوراق البيضاء", "Blank ballots",
               ". + ${valid} + ${invalid} = ${ballots}",
               ("يجب أن يساوي مجموع الصحيحة والملغاة والبيضاء عدد الأوراق في الصندوق",
                "Valid + invalid + blank must equal the ballots in the box")),
        _yes_no("results_posted", "هل عُلّقت نتيجة المركز على بابه؟", "Was the center's result posted on its door?"),
    ],
    FormRole.INCIDENT: [
        {"type": "select_one category", "name": "category", AR: "نوع الحادثة", EN: "What kind of incident"},
        {"type": "select_one severity", "name": "severity", AR: "الخطورة", EN: "Severity"},
        {"type": "dateTime", "name": "occurred", AR: "وقت الحادثة", EN: "When it happened"},
        {"type": "text", "name": "description", AR: "ماذا حدث؟", EN: "What happened?", "required": "no"},
        {"type": "image", "name": "photo", AR: "صورة (اختياري)", EN: "Photo (optional)", "required": "no"},
    ],
}

CHOICES = [
    {"list_name": "yes_no", "name": "yes", AR: "نعم", EN: "Yes"},
    {"list_name": "yes_no", "name": "no", AR: "لا", EN: "No"},
    {"list_name": "phase", "name": "opening", AR: "الافتتاح", EN: "Opening"},
    {"list_name": "phase", "name": "midday", AR: "منتصف النهار", EN: "Mid-day"},
    {"list_name": "phase", "name": "closing", AR: "الإغلاق", EN: "Closing"},
    {"list_name": "severity", "name": "low", AR: "منخفضة", EN: "Low"},
    {"list_name": "severity", "name": "medium", AR: "متوسطة", EN: "Medium"},
    {"list_name": "severity", "name": "high", AR: "عالية", EN: "High"},
    {"list_name": "severity", "name": "critical", AR: "حرجة", EN: "Critical"},
    {"list_name": "category", "name": "intimidation", AR: "تخويف الناخبين أو الضغط عليهم", EN: "Intimidation of voters"},
    {"list_name": "category", "name": "armed_presence", AR: "مسلحون في المركز أو قربه", EN: "Armed people at the center"},
    {"list_name": "category", "name": "women_blocked", AR: "منع نساء من التصويت", EN: "Women prevented from voting"},
    {"list_name": "category", "name": "secrecy", AR: "خرق سرية الاقتراع", EN: "Secrecy of the vote breached"},
    {"list_name": "category", "name": "vote_buying", AR: "شراء أصوات", EN: "Vote buying"},
    {"list_name": "category", "name": "procedure", AR: "مخالفة الإجراءات", EN: "Procedures not followed"},
    {"list_name": "category", "name": "materials", AR: "مواد ناقصة أو عُبث بها", EN: "Missing or tampered materials"},
    {"list_name": "category", "name": "violence", AR: "عنف", EN: "Violence"},
    {"list_name": "category", "name": "observer_safety", AR: "المراقب/ة في خطر أو يغادر المركز",
     EN: "Observer unsafe or leaving"},
    {"list_name": "category", "name": "other", AR: "أخرى", EN: "Other"},
]

# The answers two observers at one center must agree on (their yes/no questions and figures).
def key_questions(role) -> list[str]:
    return [row["name"] for row in QUESTIONS[role]
            if row["type"] in (YES_NO, "integer") and row.get("required") != "no"]


def workbook(role) -> bytes:
    title_ar, title_en = TITLES[role]
    survey = [*COMMON, *QUESTIONS[role]]
    used = {row["type"].split()[-1] for row in survey if row["type"].startswith("select_one")}
    choices = [row for row in CHOICES if row["list_name"] in used]
    return xlsform_bytes(survey, choices, {"form_title": title_en, "form_id": f"election_{role}", "version": "1",
                                           "default_language": "Arabic (ar)"})
