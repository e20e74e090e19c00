"""News drafted from the ledger (DESIGN.md §1: every news draft is computed from the ledger).

From a completed activity — and its companions: the activities of the same kind, program, phase,
branch and topics held at the same time, which the centers report together (seed 000: one workshop
in Hajin and one in Al-Kasra) — Madani writes an Arabic and an English draft in the style of seeds
000 and 002: who organized what, where and when, under which program and phase and with whose
support, how many trainees by place and gender, the trainers, the topics covered, and why (the
needs-assessment gaps of the organizations served). Only facts recorded in the ledger are written;
a fact that is missing is left out, never guessed (no gender split when a gender is unknown).

The drafts are content, not interface: their sentences are written here in Arabic and in English
(not through gettext), whatever the language of the page that asks for them. Free text typed in one
language (session topics, goals) goes only into the draft of that language.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils import translation

from madani.public.models import CenterProfile
from madani.activities.models import Activity, Kind
from madani.assessments.domains import domain_label
from madani.assessments.models import Response
from madani.assessments.reports import gap_threshold
from madani.core.arabic import normalize
from madani.indicators.engine import IndicatorQuery, Metric, records
from madani.organizations.models import Kind as OrganizationKind
from madani.people.models import Gender
from madani.places.models import Level

ARABIC_LETTERS = re.compile(r"[\u0600-\u06FF]")
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


@dataclass
class Draft:
    title: str
    summary: str
    body: str


@dataclass
class Unit:
    """One activity of the group: its place, length, participants and facilitators."""

    activity: Activity
    days: int
    total: int
    women: int
    men: int
    genders_known: bool
    facilitators: list


@dataclass
class Facts:
    kind: str
    units: list[Unit]
    start: datetime.date
    end: datetime.date
    topics: list
    networks: list
    organizations: int
    assessed: int = 0
    gaps: list = field(default_factory=list)  # [(domain, organizations with a gap)]
    session_topics: list = field(default_factory=list)  # [(unit, date, text)]
    goals: list = field(default_factory=list)

    @property
    def first(self) -> Activity:
        return self.units[0].activity

    @property
    def total(self) -> int:
        return sum(u.total for u in self.units)

    @property
    def places(self) -> list:
        seen = []
        for unit in self.units:
            if unit.activity.place and unit.activity.place not in seen:
                seen.append(unit.activity.place)
        return seen

    @property
    def by_place(self) -> bool:
        """Several activities, each at its own place: figures and trainers are given per place."""
        return len(self.units) > 1 and len(self.places) == len(self.units)


def companion_activities(activity: Activity, user=None) -> list[Activity]:
    """``activity`` and the completed activities reported with it (same kind, program, phase,
    branch and topics, overlapping dates), those ``user`` may see, in the order they were recorded."""
    candidates = Activity.objects.visible_to(user) if user is not None else Activity.objects.all()
    candidates = (
        candidates.completed().exclude(pk=activity.pk)
        .filter(kind=activity.kind, program_id=activity.program_id, phase_id=activity.phase_id,
                branch_id=activity.branch_id, start_date__lte=activity.end_date, end_date__gte=activity.start_date)
        .prefetch_related("topics").order_by("pk")[:20]
    )
    topics = set(activity.topics.values_list("pk", flat=True))
    return [activity, *[a for a in candidates if {t.pk for t in a.topics.all()} == topics]]


def _words(text: str) -> set[str]:
    """Words of a title or topic name, in both languages, without the Arabic article or "and"."""
    words = set()
    for word in re.findall(r"\w{4,}", normalize(text)):
        for prefix in ("وال", "بال", "لل", "ال", "و"):
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix):]
                break
        words.add(word)
    return words


def _ordered_topics(activity):
    """The activity's topics, the one its title names first (the news is "on" it), then as recorded."""
    through = Activity.topics.through
    topics = [row.topic for row in through.objects.filter(activity=activity).select_related("topic").order_by("pk")]
    title = _words(f"{activity.title_ar or ''} {activity.title_en or ''}")
    return sorted(topics, key=lambda t: -len(title & _words(f"{t.name_ar} {t.name_en}")))


def _facilitators(activity):
    through = Activity.facilitators.through
    people = [row.person for row in through.objects.filter(activity=activity).select_related("person").order_by("pk")]
    for session in activity.sessions.filter(facilitator__isnull=False).select_related("facilitator"):
        if session.facilitator not in people:
            people.append(session.facilitator)
    return people


def _unit(activity) -> Unit:
    """The activity's participants as the news tells them: the people it reached (the indicator engine's
    definition — present at one of its sessions; a no-show is not counted)."""
    reached = records(IndicatorQuery(Metric.PEOPLE, activities=(activity.pk,)))
    genders = list(reached.values_list("gender", flat=True))
    return Unit(
        activity=activity, days=(activity.end_date - activity.start_date).days + 1, total=len(genders),
        women=genders.count(Gender.FEMALE), men=genders.count(Gender.MALE),
        genders_known=all(g in (Gender.FEMALE, Gender.MALE) for g in genders), facilitators=_facilitators(activity),
    )


def _needs(facts: Facts, organization_ids: set) -> None:
    """The latest needs assessment (before the activity) of each organization served, and how many of
    them scored under the gap threshold in a domain that the activity's topics address."""
    domains = list(dict.fromkeys(t.assessment_domain for t in facts.topics if t.assessment_domain))
    if not domains or not organization_ids:
        return
    latest = {}
    for response in (Response.objects.needs().filter(organization_id__in=organization_ids, date__lte=facts.start)
                     .order_by("date", "pk").only("organization_id", "domain_scores")):
        latest[response.organization_id] = response
    threshold = gap_threshold()
    facts.assessed = len(latest)
    for domain in domains:
        count = sum(1 for r in latest.values() if r.domain_scores.get(domain) is not None
                    and r.domain_scores[domain] < threshold)
        if count:
            facts.gaps.append((domain, count))


def gather(activities: list[Activity]) -> Facts:
    """What the ledger says about a group of activities (the first one is the one asked for)."""
    first = activities[0]
    units = [_unit(a) for a in activities]
    served = [o for a in activities for o in a.target_organizations.all()]
    represented = {pk for a in activities for pk in a.participations.exclude(organization=None)
                   .values_list("organization_id", flat=True)}
    networks = list(dict.fromkeys(o for o in served if o.kind == OrganizationKind.NETWORK))
    organization_ids = represented | {o.pk for o in served if o.kind != OrganizationKind.NETWORK}
    facts = Facts(
        kind=first.kind, units=units, start=min(a.start_date for a in activities),
        end=max(a.end_date for a in activities), topics=_ordered_topics(first), networks=networks,
        organizations=len(organization_ids),
    )
    for unit in units:
        for session in unit.activity.sessions.exclude(topic=""):
            facts.session_topics.append((unit, session.date, session.topic))
    facts.goals = list(dict.fromkeys(a.goals.strip() for a in activities if a.goals.strip()))
    _needs(facts, organization_ids | {o.pk for o in networks})
    return facts


def draft(activities: list[Activity]) -> dict[str, Draft]:
    """The Arabic and the English draft, {"ar": Draft, "en": Draft}."""
    facts = gather(activities)
    return {"ar": ArabicWriter(facts).draft(), "en": EnglishWriter(facts).draft()}


def _is_arabic(text: str) -> bool:
    return bool(ARABIC_LETTERS.search(text))


def _governorate(place):
    for node in [place, *place.ancestors()]:
        if node.level == Level.GOVERNORATE:
            return node
    return None


def _common_governorate(places):
    governorates = {_governorate(p) for p in places}
    if len(governorates) == 1 and None not in governorates:
        governorate = governorates.pop()
        if governorate not in places:
            return governorate
    return None


class ArabicWriter:
    def __init__(self, facts: Facts):
        self.facts = facts
        self.words = KIND_WORDS[facts.kind]
        self.n = len(facts.units)

    # -- grammar --------------------------------------------------------------------------------
    @staticmethod
    def join(items) -> str:
        items = list(items)
        if len(items) <= 2:
            return " و".join(items)
        return items[0] + "، " + "، ".join("و" + item for item in items[1:])

    def count(self) -> str:
        """"ورشة تدريبية", "ورشتين تدريبيتين", "ثلاث ورش تدريبية", "12 ورشة تدريبية"."""
        w, n = self.words, self.n
        if n == 1:
            return w.one
        if n == 2:
            return w.two
        if n <= 10:
            numbers = NUMBERS_FOR_FEMININE_AR if w.feminine else NUMBERS_FOR_MASCULINE_AR
            return f"{numbers[n]} {w.many}"
        return f"{n} {w.one}"

    def the(self, case="nominative") -> str:
        """The group, definite: "الورشة", "الورشتان" / "الورشتين", "الورش"."""
        w = self.words
        if self.n == 1:
            return w.the_one
        if self.n == 2:
            return w.the_two if case == "nominative" else w.the_two[:-2] + "ين"
        return w.the_many

    def verb(self, masculine: str, feminine: str) -> str:
        """A verb before the group: feminine for feminine nouns and for every plural of things."""
        return feminine if self.words.feminine or self.n > 2 else masculine

    def these(self) -> str:
        if self.n == 2:
            return ("هاتان " if self.words.feminine else "هذان ") + self.the()
        return ("هذه " if self.words.feminine or self.n > 2 else "هذا ") + self.the()

    @staticmethod
    def days(n: int) -> str:
        if n == 1:
            return "يوماً واحداً"
        if n == 2:
            return "يومين"
        if n <= 10:
            return f"{NUMBERS_FOR_MASCULINE_AR[n]} أيام"
        return f"{n} يوماً"

    @staticmethod
    def date(day) -> str:
        return f"{day.day} {MONTHS_AR[day.month - 1]} {day.year}"

    def dates(self) -> str:
        start, end = self.facts.start, self.facts.end
        if start == end:
            return f"يوم {self.date(start)}"
        if start.year != end.year:
            return f"بين {self.date(start)} و{self.date(end)}"
        if start.month != end.month:
            return f"بين {start.day} {MONTHS_AR[start.month - 1]} و{self.date(end)}"
        return f"بين {start.day} و{self.date(end)}"

    def people(self, n: int) -> str:
        noun = "متدرب/ة" if self.facts.kind in TRAINING_KINDS else "مشارك/ة"
        return f"({n}) {noun}"

    @staticmethod
    def split(women: int, men: int) -> str:
        if women and men:
            return f"({women}) من الإناث و({men}) من الذكور"
        return "جميعهن من الإناث" if women else "جميعهم من الذكور"

    def role(self, person) -> str:
        female = person.gender == Gender.FEMALE
        if self.facts.kind in TRAINING_KINDS:
            return "المدربة" if female else "المدرب"
        if self.facts.kind in EXPERT_KINDS:
            return "الخبيرة" if female else "الخبير"
        return "الميسّرة" if female else "الميسّر"

    def named(self, people) -> str:
        names = [f"{self.role(p)} {p.full_name}" for p in people]
        return names[0] if len(names) == 1 else "كلٌّ من " + self.join(names)

    # -- paragraphs -------------------------------------------------------------------------------
    def where(self) -> str:
        places = self.facts.places
        if not places:
            return ""
        text = " في " + self.join(p.name_ar for p in places)
        governorate = _common_governorate(places)
        return text + (f"، في محافظة {governorate.name_ar}" if governorate else "")

    def region(self) -> str:
        places = self.facts.places
        governorate = _common_governorate(places)
        if len(places) > 1 and governorate:
            return f" في محافظة {governorate.name_ar}"
        return " في " + self.join(p.name_ar for p in places) if places else ""

    def about(self) -> str:
        return f" حول {self.facts.topics[0].name_ar}" if self.facts.topics else ""

    def center(self) -> str:
        return CenterProfile.name_in("ar") or "المركز"

    def lead(self) -> str:
        first = self.facts.first
        whom = f" لأعضاء {self.join(o.name_ar for o in self.facts.networks)}" if self.facts.networks else ""
        return (f"نظّم {self.center()}، عبر فرعه في {first.branch.name_ar}، {self.count()}{self.about()}{whom}"
                f"{self.where()}، {self.dates()}.")

    def frame(self) -> str:
        first = self.facts.first
        text = f"{self.verb('ويأتي', 'وتأتي')} {self.these()} ضمن مشروع «{first.program.name_ar}»"
        if first.phase:
            number = first.phase.number
            ordinal = ORDINALS_FEMININE_AR[number - 1] if 1 <= number <= 10 else f"رقم {number}"
            text += f"، في مرحلته {ordinal}"
        donor = first.program.donor
        if donor:
            text += f"، المدعوم من {donor.name_ar}" + (f" ({donor.acronym})" if donor.acronym else "")
        text += "."
        lengths = {u.days for u in self.facts.units}
        last = self.verb("واستمر", "واستمرت")
        if len(lengths) == 1:
            text += f" {last} {self.the()} {self.days(lengths.pop())}."
        elif self.facts.by_place:
            parts = [f"في {u.activity.place.name_ar} {self.days(u.days)}" for u in self.facts.units]
            singular = "واستمرت" if self.words.feminine else "واستمر"
            text += f" {singular} {self.words.the_one} " + "، و".join(parts) + "."
        return text

    def participants(self) -> str:
        f = self.facts
        if not f.total:
            return ""
        text = f"وشارك في {self.the('genitive')} {self.people(f.total)}"
        if f.organizations:
            text += f" من ممثلي ({f.organizations}) من المنظمات"
        if f.by_place:
            parts = []
            for unit in f.units:
                part = f"({unit.total}) في {unit.activity.place.name_ar}"
                if unit.total and unit.genders_known:
                    part += f": {self.split(unit.women, unit.men)}"
                parts.append(part)
            text += "، منهم " + "؛ و".join(parts)
        elif all(u.genders_known for u in f.units):
            text += f"، {self.split(sum(u.women for u in f.units), sum(u.men for u in f.units))}"
        return text + "."

    def facilitators(self) -> str:
        f = self.facts
        if f.by_place:
            parts = [(u.activity.place.name_ar, u.facilitators) for u in f.units if u.facilitators]
            if not parts:
                return ""
            first, *rest = parts
            text = f"وأشرف على {self.words.the_one} في {first[0]} {self.named(first[1])}"
            for place, people in rest:
                text += f"، وعلى {self.words.the_one} في {place} {self.named(people)}"
            return text + "."
        people = list(dict.fromkeys(p for u in f.units for p in u.facilitators))
        return f"وأشرف على {self.the('genitive')} {self.named(people)}." if people else ""

    def topics(self) -> str:
        f = self.facts
        # "The training sessions covered…"; other kinds: "the dialogue session covered…"
        covered = "وتناولت الجلسات التدريبية"
        if f.kind not in TRAINING_KINDS:
            covered = f"{self.verb('وتناول', 'وتناولت')} {self.the()}"
        text = ""
        if len(f.topics) == 1:
            text = f"{covered} موضوع {f.topics[0].name_ar}."
        elif f.topics:
            text = f"{covered} المحاور التالية: {self.join(t.name_ar for t in f.topics)}."
        lines = [(u, d, t) for u, d, t in f.session_topics if _is_arabic(t)]
        if lines:
            text += "\n\nومن موضوعات الجلسات:\n\n" + "\n".join(
                f"- {self.date(d)}" + (f"، {u.activity.place.name_ar}" if f.by_place else "") + f": {t}"
                for u, d, t in lines)
        return text

    def why(self) -> str:
        f = self.facts
        if not f.gaps:
            return ""
        subject = "الموضوع" if len(f.topics) == 1 else "المواضيع"
        with translation.override("ar"):
            gaps = [(str(domain_label(d)), count) for d, count in f.gaps]
        (first_label, first_count), *rest = gaps
        text = (f"وجاء اختيار {subject} بناءً على تقييم الاحتياجات الذي أجراه المركز للمنظمات المستفيدة، إذ شمل "
                f"التقييم ({f.assessed}) منها، وأظهر حاجة ({first_count}) منها إلى تطوير قدراتها في مجال {first_label}")
        for label, count in rest:
            text += f"، و({count}) في مجال {label}"
        return text + "."

    def goals(self) -> str:
        goals = [g for g in self.facts.goals if _is_arabic(g)]
        return f"ويتمثّل الهدف من {self.the('genitive')} في: {' '.join(goals)}" if goals else ""

    def draft(self) -> Draft:
        f = self.facts
        title = f"{self.center()} يختتم {self.count()}{self.about()}{self.region()}"
        summary = (f"بمشاركة {self.people(f.total)}، " if f.total else "") + (
            f"اختتم {self.center()} {self.count()}{self.about()}{self.where()}، {self.dates()}.")
        paragraphs = [self.lead(), self.frame(), self.participants(), self.facilitators(), self.topics(), self.why(),
                      self.goals()]
        return Draft(title=title, summary=summary, body="\n\n".join(p for p in paragraphs if p))


class EnglishWriter:
    def __init__(self, facts: Facts):
        self.facts = facts
        self.words = KIND_WORDS[facts.kind]
        self.n = len(facts.units)

    @staticmethod
    def join(items) -> str:
        items = list(items)
        if len(items) <= 2:
            return " and ".join(items)
        return ", ".join(items[:-1]) + ", and " + items[-1]

    @staticmethod
    def plural(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    @staticmethod
    def number(n: int) -> str:
        return NUMBERS_EN[n] if n <= 10 else str(n)

    @staticmethod
    def mid_sentence(name: str) -> str:
        """"Strategic planning" → "strategic planning"; "SWOT analysis" stays."""
        first = name.split()[0] if name.split() else name
        return name if first.isupper() or not name else name[0].lower() + name[1:]

    def count(self) -> str:
        """"a workshop", "two workshops", "12 workshops"."""
        w = self.words
        if self.n == 1:
            return ("an " if w.en_one[0] in "aeiou" else "a ") + w.en_one
        return f"{self.number(self.n)} {w.en_many}"

    def the(self) -> str:
        w = self.words
        if self.n == 1:
            return f"the {w.en_one}"
        return f"the two {w.en_many}" if self.n == 2 else f"the {self.number(self.n)} {w.en_many}"

    def subject(self) -> str:
        """"The two workshops": the group starting a sentence."""
        return "T" + self.the()[1:]

    def days(self, n: int) -> str:
        return "one day" if n == 1 else f"{self.number(n)} days"

    @staticmethod
    def date(day) -> str:
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"

    def dates(self) -> str:
        start, end = self.facts.start, self.facts.end
        if start == end:
            return f"on {self.date(start)}"
        if start.year != end.year:
            return f"from {self.date(start)} to {self.date(end)}"
        if start.month != end.month:
            return f"from {start.day} {MONTHS_EN[start.month - 1]} to {self.date(end)}"
        return f"from {start.day} to {self.date(end)}"

    def people(self, n: int) -> str:
        if self.facts.kind in TRAINING_KINDS:
            return self.plural(n, "trainee", "trainees")
        return self.plural(n, "participant", "participants")

    @staticmethod
    def split(women: int, men: int) -> str:
        if women and men:
            return f"{EnglishWriter.plural(women, 'woman', 'women')} and {EnglishWriter.plural(men, 'man', 'men')}"
        return "all women" if women else "all men"

    def role(self, people) -> str:
        many = len(people) > 1
        if self.facts.kind in TRAINING_KINDS:
            return "trainers" if many else "trainer"
        if self.facts.kind in EXPERT_KINDS:
            return "experts" if many else "expert"
        return "facilitators" if many else "facilitator"

    def named(self, people) -> str:
        return f"{self.role(people)} {self.join(p.name_latin or p.full_name for p in people)}"

    def where(self) -> str:
        places = self.facts.places
        if not places:
            return ""
        governorate = _common_governorate(places)
        text = " in " + self.join(p.name_en for p in places)
        return text + (f", {governorate.name_en} governorate," if governorate else "")

    def region(self) -> str:
        places = self.facts.places
        governorate = _common_governorate(places)
        if len(places) > 1 and governorate:
            return f" in {governorate.name_en} governorate"
        return " in " + self.join(p.name_en for p in places) if places else ""

    def about(self) -> str:
        return f" on {self.mid_sentence(self.facts.topics[0].name_en)}" if self.facts.topics else ""

    def center(self) -> str:
        return CenterProfile.name_in("en") or "The center"

    def lead(self) -> str:
        first = self.facts.first
        whom = (f" for the members of the {self.join(o.name_en for o in self.facts.networks)}"
                if self.facts.networks else "")
        return (f"{self.center()}, through its {first.branch.name_en} branch, organized {self.count()}{self.about()}"
                f"{whom}{self.where()} {self.dates()}.")

    def frame(self) -> str:
        first = self.facts.first
        text = f"{self.subject()} {'is' if self.n == 1 else 'are'} part of the project “{first.program.name_en}”"
        if first.phase:
            number = first.phase.number
            text += f", in its {ORDINALS_EN[number - 1]} phase" if 1 <= number <= 10 else f", phase {number}"
        donor = first.program.donor
        if donor:
            text += f", supported by {donor.name_en}" + (f" ({donor.acronym})" if donor.acronym else "")
        text += "."
        lengths = {u.days for u in self.facts.units}
        if len(lengths) == 1:
            text += f" {'It' if self.n == 1 else 'They'} lasted {self.days(lengths.pop())}."
        elif self.facts.by_place:
            first_unit, *rest = self.facts.units
            text += (f" The {self.words.en_one} in {first_unit.activity.place.name_en} lasted "
                     f"{self.days(first_unit.days)}"
                     + "".join(f", the one in {u.activity.place.name_en} {self.days(u.days)}" for u in rest) + ".")
        return text

    def participants(self) -> str:
        f = self.facts
        if not f.total:
            return ""
        text = f"{self.subject()} brought together {self.people(f.total)}"
        if f.organizations:
            text += f" from {self.plural(f.organizations, 'organization', 'organizations')}"
        if f.by_place:
            parts = []
            for unit in f.units:
                part = f"{unit.total} in {unit.activity.place.name_en}"
                if unit.total and unit.genders_known:
                    part += f" ({self.split(unit.women, unit.men)})"
                parts.append(part)
            text += ": " + self.join(parts)
        elif all(u.genders_known for u in f.units):
            text += f" ({self.split(sum(u.women for u in f.units), sum(u.men for u in f.units))})"
        return text + "."

    def facilitators(self) -> str:
        f = self.facts
        if f.by_place:
            parts = [(u.activity.place.name_en, u.facilitators) for u in f.units if u.facilitators]
            if not parts:
                return ""
            first, *rest = parts
            text = f"The {self.words.en_one} in {first[0]} was led by {self.named(first[1])}"
            text += "".join(f", and the one in {place} by {self.named(people)}" for place, people in rest)
            return text + "."
        people = list(dict.fromkeys(p for u in f.units for p in u.facilitators))
        if not people:
            return ""
        return f"{self.subject()} {'was' if self.n == 1 else 'were'} led by {self.named(people)}."

    def topics(self) -> str:
        f = self.facts
        text = ""
        if f.topics:
            subject = "The sessions" if f.kind in TRAINING_KINDS else self.subject()
            text = f"{subject} covered {self.join(self.mid_sentence(t.name_en) for t in f.topics)}."
        lines = [(u, d, t) for u, d, t in f.session_topics if not _is_arabic(t)]
        if lines:
            text += "\n\nSession by session:\n\n" + "\n".join(
                f"- {self.date(d)}" + (f", {u.activity.place.name_en}" if f.by_place else "") + f": {t}"
                for u, d, t in lines)
        return text

    def why(self) -> str:
        f = self.facts
        if not f.gaps:
            return ""
        with translation.override("en"):
            gaps = [(self.mid_sentence(str(domain_label(d))), count) for d, count in f.gaps]
        (first_label, first_count), *rest = gaps
        subject = "The topic was" if len(f.topics) == 1 else "The topics were"
        gaps = [f"{first_count} showed a gap in {first_label}", *(f"{count} in {label}" for label, count in rest)]
        return (f"{subject} chosen from the needs assessment of the organizations served: of the {f.assessed} "
                f"assessed, {self.join(gaps)}.")

    def goals(self) -> str:
        goals = [g for g in self.facts.goals if not _is_arabic(g)]
        return f"Goals: {' '.join(goals)}" if goals else ""

    def draft(self) -> Draft:
        f = self.facts
        title = f"{self.center()} concludes {self.count()}{self.about()}{self.region()}"
        summary = (f"{self.center()} concluded {self.count()}{self.about()}{self.where()} {self.dates()}"
                   + (f", with {self.people(f.total)}." if f.total else "."))
        paragraphs = [self.lead(), self.frame(), self.participants(), self.facilitators(), self.topics(), self.why(),
                      self.goals()]
        return Draft(title=title, summary=summary, body="\n\n".join(p for p in paragraphs if p))
