"""The base of the drafts' writers: one writer per language, each saying the same facts in the same
order (``Writer.PARAGRAPHS``); a writer only says how each piece is phrased in its language."""

import re
from dataclasses import dataclass

from django.utils import translation

from madani.assessments.domains import domain_label
from madani.core import disclosure
from madani.core.disclosure import gender_relation, min_cell_size
from madani.places.models import Level
from madani.public.models import CenterProfile

from .facts import Facts
from .phrases import PHRASES
from .vocabulary import KIND_WORDS, TRAINING_KINDS

ARABIC_LETTERS = re.compile(r"[\u0600-\u06FF]")


@dataclass
class Draft:
    title: str
    summary: str
    body: str


def is_arabic(text: str) -> bool:
    return bool(ARABIC_LETTERS.search(text))


def _governorate(place):
    for node in [place, *place.ancestors()]:
        if node.level == Level.GOVERNORATE:
            return node
    return None


def common_governorate(places):
    """The governorate all ``places`` lie in, unless it is one of them; or None."""
    governorates = {_governorate(p) for p in places}
    if len(governorates) == 1 and None not in governorates:
        governorate = governorates.pop()
        if governorate not in places:
            return governorate
    return None


def people_cells(facts: Facts) -> dict:
    """The counts of people the draft publishes, as disclosure cells keyed ``("all" | unit index, "total" |
    "women" | "men")``, related as the text relates them, suppressed by the one rule of public figures. Place
    by place: everyone = each place's people, a place's people = its women + men; otherwise everyone = all
    women + all men."""
    units = list(enumerate(facts.units))
    values = {("all", part): sum(getattr(u, part) for _, u in units) for part in ("total", "women", "men")}
    relations = []
    if facts.by_place:
        relations.append((("all", "total"), [(i, "total") for i, _ in units]))
        for i, u in units:
            values.update({(i, "total"): u.total, (i, "women"): u.women, (i, "men"): u.men})
            if u.genders_known:
                relations.append(gender_relation((i, "total"), (i, "women"), (i, "men")))
    elif all(u.genders_known for _, u in units):
        relations.append(gender_relation(("all", "total"), ("all", "women"), ("all", "men")))
    return disclosure.people_cells(values, relations)


class Writer:
    """A draft in one language. The paragraphs, their order (``PARAGRAPHS``) and what each says are written
    here once; how a piece is phrased is data (``phrases.PHRASES``, read through ``say``). A language's
    subclass sets ``language``, ``months`` and ``ordinals`` and gives only its grammar: ``group_words`` (the group of activities, inflected: ``count``, ``the``, ``one``…), ``days``,
    ``people``, ``organizations``, ``split`` (by gender), ``named`` (facilitators) and ``mid_sentence``."""

    language = ""
    months: list[str] = []
    ordinals: list[str] = []  # first … tenth (a phase)

    PARAGRAPHS = ("lead", "frame", "participants", "facilitators", "topics", "why", "goals")

    def __init__(self, facts: Facts):
        self.facts = facts
        self.words = KIND_WORDS[facts.kind]
        self.n = len(facts.units)
        self.group = self.group_words()
        self.cells = people_cells(facts)

    def draft(self) -> Draft:
        paragraphs = (getattr(self, name)() for name in self.PARAGRAPHS)
        return Draft(title=self.title(), summary=self.summary(), body="\n\n".join(p for p in paragraphs if p))

    def say(self, phrase: str, *args, **fields) -> str:
        """The phrase in the draft's language, filled with ``args``, the group's words and ``fields``."""
        return PHRASES[phrase][self.language].format(*args, **{**self.group, **fields})

    def join(self, items) -> str:
        """A list as the language writes it: "أ وب", "أ، وب، وج"; "a and b", "a, b, and c"."""
        items = list(items)
        if len(items) <= 2:
            return self.say("list_pair").join(items)
        return self.say("list_middle").join(items[:-1]) + self.say("list_last") + items[-1]

    # -- the grammar of each language ------------------------------------------------------------------

    def group_words(self) -> dict:
        """The group of activities as the phrases refer to it (``count``, ``the``, ``one``…)."""
        raise NotImplementedError

    def days(self, n: int) -> str:
        raise NotImplementedError

    def people(self, n: int) -> str:
        raise NotImplementedError

    def organizations(self, n: int) -> str:
        raise NotImplementedError

    @staticmethod
    def split(women: int, men: int) -> str:
        raise NotImplementedError

    def named(self, people) -> str:
        raise NotImplementedError

    @staticmethod
    def mid_sentence(name: str) -> str:
        """A name as written inside a sentence (English lowers its first letter)."""
        return name

    # -- the paragraphs --------------------------------------------------------------------------------
    def lead(self) -> str:
        networks = self.facts.networks
        whom = self.say("for_members", networks=self.join(self.name(o) for o in networks)) if networks else ""
        return self.say("lead", center=self.center(), branch=self.name(self.facts.first.branch), about=self.about(),
                        whom=whom, where=self.where(), dates=self.dates())

    def frame(self) -> str:
        first = self.facts.first
        text = self.say("project", program=self.name(first.program))
        if first.phase:
            number = first.phase.number
            text += (self.say("phase", ordinal=self.ordinals[number - 1]) if 1 <= number <= 10
                     else self.say("phase_number", number=number))
        donor = first.program.donor
        if donor:
            text += self.say("supported_by", donor=self.name(donor)) + (f" ({donor.acronym})" if donor.acronym else "")
        text += "."
        lengths = {u.days for u in self.facts.units}
        if len(lengths) == 1:
            text += self.say("lasted", days=self.days(lengths.pop()))
        elif self.facts.by_place:
            text += self.place_by_place("lasted_first", "lasted_next", [
                {"place": self.name(u.activity.place), "days": self.days(u.days)} for u in self.facts.units
            ]) + "."
        return text

    def participants(self) -> str:
        """How many took part, by place and gender: public text, so a small group reads "fewer than 5" and a
        figure from which one could be worked out is left out (``core/disclosure.py``)."""
        f, cells = self.facts, self.cells
        total = self.count_of(cells["all", "total"])
        if total is None:
            return ""
        text = self.say("brought_together", people=self.people(total))
        if f.organizations:
            text += self.say("from_organizations", organizations=self.organizations(f.organizations))
        if f.by_place:
            parts = []
            for i, u in enumerate(f.units):
                unit_total = self.count_of(cells[i, "total"])
                if unit_total is None:
                    continue
                part = self.say("at_place", total=unit_total, place=self.name(u.activity.place))
                if u.total and u.genders_known and cells[i, "women"].shown and cells[i, "men"].shown:
                    part += self.say("split_at_place", split=self.split(u.women, u.men))
                parts.append(part)
            text += self.say("per_place") + self.listed(parts, "per_place_between") if parts else ""
        elif all(u.genders_known for u in f.units) and cells["all", "women"].shown and cells["all", "men"].shown:
            text += self.say("overall", self.split(cells["all", "women"].value, cells["all", "men"].value))
        return text + "."

    def count_of(self, cell):
        """A count of people as the draft may say it: the number, "fewer than 5", or None (left out)."""
        if cell.small:
            return self.say("fewer_than", minimum=min_cell_size())
        return cell.value if cell.shown else None

    def facilitators(self) -> str:
        f = self.facts
        if f.by_place:
            parts = [(self.name(u.activity.place), u.facilitators) for u in f.units if u.facilitators]
            named = [{"place": place, "named": self.named(people)} for place, people in parts]
            return self.place_by_place("led_first", "led_next", named) + "." if parts else ""
        people = list(dict.fromkeys(p for u in f.units for p in u.facilitators))
        return self.say("led_by", named=self.named(people)) + "." if people else ""

    def topics(self) -> str:
        f = self.facts
        text = ""
        if f.topics:
            subject = self.say("sessions_covered" if f.kind in TRAINING_KINDS else "group_covered")
            names = self.join(self.mid_sentence(self.name(t)) for t in f.topics)
            text = self.say("covered_one" if len(f.topics) == 1 else "covered_many", subject=subject, topics=names)
        return text + self.session_topics()

    def why(self) -> str:
        f = self.facts
        if not f.gaps:
            return ""
        with translation.override(self.language):
            gaps = [(self.mid_sentence(str(domain_label(d))), count) for d, count in f.gaps]
        (first_label, first_count), *rest = gaps
        parts = [self.say("gap_first", count=first_count, label=first_label),
                 *(self.say("gap_next", count=count, label=label) for label, count in rest)]
        subject = self.say("chosen_one" if len(f.topics) == 1 else "chosen_many")
        return self.say("chosen_from_needs", subject=subject, assessed=f.assessed,
                        gaps=self.listed(parts, "gap_between")) + "."

    def goals(self) -> str:
        goals = [g for g in self.facts.goals if self.own(g)]
        return self.say("goals", goals=" ".join(goals)) if goals else ""

    def title(self) -> str:
        return self.say("title", center=self.center(), about=self.about(), region=self.region())

    def summary(self) -> str:
        total = self.count_of(self.cells["all", "total"])
        with_people = self.say("with_people", people=self.people(total)) if total else ""
        return self.say("summary", with_people=with_people, center=self.center(), about=self.about(),
                        where=self.where(), dates=self.dates())

    # -- shared ------------------------------------------------------------------------------------
    def listed(self, parts: list[str], between: str) -> str:
        """``parts`` joined by the ``between`` phrase, or as the language lists them when it is empty."""
        separator = self.say(between)
        return separator.join(parts) if separator else self.join(parts)

    def place_by_place(self, first: str, following: str, items: list[dict]) -> str:
        """The ``first`` phrase filled with the first item, then ``following`` with each other one."""
        head, *rest = items
        return self.say(first, **head) + "".join(self.say(following, **item) for item in rest)

    def name(self, thing) -> str:
        """A place's, topic's, program's or organization's name in the draft's language."""
        return getattr(thing, f"name_{self.language}")

    def own(self, text: str) -> bool:
        """Free text typed in one language goes only into the draft of that language."""
        return is_arabic(text) == (self.language == "ar")

    def center(self) -> str:
        return CenterProfile.name_in(self.language) or self.say("center_fallback")

    def date(self, day) -> str:
        return f"{day.day} {self.months[day.month - 1]} {day.year}"

    def dates(self) -> str:
        start, end = self.facts.start, self.facts.end
        if start == end:
            return self.say("on_day", self.date(start))
        if start.year != end.year:
            first = self.date(start)
        elif start.month != end.month:
            first = f"{start.day} {self.months[start.month - 1]}"
        else:
            first = str(start.day)
        return self.say("between", first, self.date(end))

    def about(self) -> str:
        topics = self.facts.topics
        return self.say("about_topic", self.mid_sentence(self.name(topics[0]))) if topics else ""

    def where(self) -> str:
        places = self.facts.places
        if not places:
            return ""
        governorate = common_governorate(places)
        text = self.say("in_place") + self.join(self.name(p) for p in places)
        return text + (self.say("where_governorate", self.name(governorate)) if governorate else "")

    def region(self) -> str:
        places = self.facts.places
        governorate = common_governorate(places)
        if len(places) > 1 and governorate:
            return self.say("in_place") + self.say("governorate", self.name(governorate))
        return self.say("in_place") + self.join(self.name(p) for p in places) if places else ""

    def session_topics(self) -> str:
        """The topics typed for each session, in this language, one line each."""
        f = self.facts
        lines = [(u, d, t) for u, d, t in f.session_topics if self.own(t)]
        if not lines:
            return ""
        comma = self.say("comma")
        return f"\n\n{self.say('session_heading')}\n\n" + "\n".join(
            f"- {self.date(d)}" + (f"{comma}{self.name(u.activity.place)}" if f.by_place else "") + f": {t}"
            for u, d, t in lines)
