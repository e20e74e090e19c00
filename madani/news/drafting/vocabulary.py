"""The words the drafts are written with: months, numbers and ordinals, and how each kind of activity
is named in Arabic (with its grammar) and in English."""

from typing import NamedTuple

from madani.activities.models import Kind

MONTHS_AR = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
             "تشرين الثاني", "كانون الأول"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
# 3–10 counting a feminine noun (ثلاث ورش) and a masculine one (ثلاثة أيام): the number takes the
# opposite gender.
NUMBERS_FOR_FEMININE_AR = {3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثماني", 9: "تسع", 10: "عشر"}
NUMBERS_FOR_MASCULINE_AR = {3: "ثلاثة", 4: "أربعة", 5: "خمسة", 6: "ستة", 7: "سبعة", 8: "ثمانية", 9: "تسعة",
                            10: "عشرة"}
ORDINALS_FEMININE_AR = ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة",
                        "التاسعة", "العاشرة"]
NUMBERS_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
ORDINALS_EN = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


class Words(NamedTuple):
    """How a kind of activity is written. Arabic: indefinite singular, dual (accusative/genitive)
    and plural; the short definite noun that refers back to it (singular, dual nominative, plural);
    grammatical gender. English: singular and plural."""

    one: str
    two: str
    many: str
    the_one: str
    the_two: str
    the_many: str
    feminine: bool
    en_one: str
    en_many: str


KIND_WORDS = {
    Kind.TRAINING: Words("دورة تدريبية", "دورتين تدريبيتين", "دورات تدريبية", "الدورة", "الدورتان", "الدورات", True,
                         "training course", "training courses"),
    Kind.WORKSHOP: Words("ورشة تدريبية", "ورشتين تدريبيتين", "ورش تدريبية", "الورشة", "الورشتان", "الورش", True,
                         "workshop", "workshops"),
    Kind.COACHING: Words("برنامج صقل (كوتشينغ)", "برنامجي صقل (كوتشينغ)", "برامج صقل (كوتشينغ)", "البرنامج",
                         "البرنامجان", "البرامج", False, "coaching engagement", "coaching engagements"),
    Kind.CONSULTATION: Words("استشارة", "استشارتين", "استشارات", "الاستشارة", "الاستشارتان", "الاستشارات", True,
                             "consultation", "consultations"),
    Kind.TECHNICAL_SUPPORT: Words("جلسة دعم فني", "جلستي دعم فني", "جلسات دعم فني", "الجلسة", "الجلستان", "الجلسات",
                                  True, "technical-support session", "technical-support sessions"),
    Kind.NETWORKING: Words("لقاء تشبيك", "لقاءي تشبيك", "لقاءات تشبيك", "اللقاء", "اللقاءان", "اللقاءات", False,
                           "networking meeting", "networking meetings"),
    Kind.LOCAL_ADMINISTRATION: Words("لقاء مع الإدارة المحلية", "لقاءين مع الإدارة المحلية",
                                     "لقاءات مع الإدارة المحلية", "اللقاء", "اللقاءان", "اللقاءات", False,
                                     "meeting with the local administration", "meetings with the local administration"),
    Kind.DIALOGUE: Words("جلسة حوارية", "جلستين حواريتين", "جلسات حوارية", "الجلسة", "الجلستان", "الجلسات", True,
                         "dialogue session", "dialogue sessions"),
    Kind.ADVOCACY: Words("حملة مناصرة", "حملتي مناصرة", "حملات مناصرة", "الحملة", "الحملتان", "الحملات", True,
                         "advocacy campaign", "advocacy campaigns"),
    Kind.SPACE_USE: Words("جلسة عمل في المساحة المشتركة", "جلستي عمل في المساحة المشتركة",
                          "جلسات عمل في المساحة المشتركة", "الجلسة", "الجلستان", "الجلسات", True,
                          "working session in the co-working space", "working sessions in the co-working space"),
}
TRAINING_KINDS = {Kind.TRAINING, Kind.WORKSHOP, Kind.COACHING}
EXPERT_KINDS = {Kind.CONSULTATION, Kind.TECHNICAL_SUPPORT}
