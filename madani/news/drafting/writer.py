"""The base of the drafts' writers: one writer per language, each saying the same facts in the same
order (``Writer.PARAGRAPHS``); a writer only says how each piece is phrased in its language."""

import re
from dataclasses import dataclass

from django.utils import translation

from madani.assessments.domains import domain_label
from madani.places.models import Level
from madani.public.models import CenterProfile

from .facts import Facts
from .vocabulary import KIND_WORDS

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


class Writer:
    """A draft in one language. Subclasses set ``language``, ``months``, the phrases below and write
    ``title``, ``summary``, ``join`` and each paragraph of ``PARAGRAPHS``; the order is fixed here."""

    language = ""
    months: list[str] = []
    center_fallback = ""  # when the center's profile has no name in the language
    in_place = ""  # " في " / " in "
    on_day = "{}"  # one day: "يوم {}" / "on {}"
    between = "{} {}"  # a range of days: "بين {} و{}" / "from {} to {}"
    comma = ", "
    session_heading = ""  # before the list of session topics
    about_topic = "{}"  # the main topic: " حول {}" / " on {}"
    governorate_phrase = "{}"  # "محافظة {}" / "{} governorate"
    where_governorate_phrase = "{}"  # after the places when they share a governorate

    # Sentences given place by place: the first place, then each other one; and the figures per place.
    lasted_first = ""  # {verb} {one} {place} {days}
    lasted_next = ""
    led_first = ""  # {one} {place} {named}
    led_next = ""
    at_place = ""  # {total} {place}
    split_at_place = ""  # {split}
    per_place = ("", "")  # before the places, between two places
    overall = "{}"  # the split by gender of all the participants

    PARAGRAPHS = ("lead", "frame", "participants", "facilitators", "topics", "why", "goals")

    def __init__(self, facts: Facts):
        self.facts = facts
        self.words = KIND_WORDS[facts.kind]
        self.n = len(facts.units)

    def draft(self) -> Draft:
        paragraphs = (getattr(self, name)() for name in self.PARAGRAPHS)
        return Draft(title=self.title(), summary=self.summary(), body="\n\n".join(p for p in paragraphs if p))

    # -- to write in each language -------------------------------------------------------------------
    def title(self) -> str:
        raise NotImplementedError

    def summary(self) -> str:
        raise NotImplementedError

    @staticmethod
    def join(items) -> str:
        raise NotImplementedError

    def project(self, program) -> str:
        """The frame's opening: the activities are part of ``program``."""
        raise NotImplementedError

    def phase(self, number: int) -> str:
        raise NotImplementedError

    def supported_by(self, donor) -> str:
        raise NotImplementedError

    def lasted(self, days: int) -> str:
        """All the activities lasted ``days`` days."""
        raise NotImplementedError

    def brought_together(self) -> str:
        """The participants' opening: how many people, from how many organizations."""
        raise NotImplementedError

    def led_by(self, people: list) -> str:
        raise NotImplementedError

    def one(self) -> str:
        """The kind of activity, singular, as it is referred back to: "الورشة" / "workshop"."""
        raise NotImplementedError

    def lasted_verb(self) -> str:
        return ""

    @staticmethod
    def mid_sentence(name: str) -> str:
        """A name as written inside a sentence (English lowers its first letter)."""
        return name

    def chosen_from_needs(self, gaps: list) -> str:
        """[(domain label, organizations with a gap)]."""
        raise NotImplementedError

    # -- the paragraphs that say the same in each language ---------------------------------------------
    def frame(self) -> str:
        first = self.facts.first
        text = self.project(first.program)
        if first.phase:
            text += self.phase(first.phase.number)
        donor = first.program.donor
        if donor:
            text += self.supported_by(donor) + (f" ({donor.acronym})" if donor.acronym else "")
        text += "."
        lengths = {u.days for u in self.facts.units}
        if len(lengths) == 1:
            text += self.lasted(lengths.pop())
        elif self.facts.by_place:
            text += self.place_by_place(self.lasted_first, self.lasted_next, [
                {"place": self.name(u.activity.place), "days": self.days(u.days)} for u in self.facts.units
            ]) + "."
        return text

    def participants(self) -> str:
        f = self.facts
        if not f.total:
            return ""
        text = self.brought_together()
        if f.by_place:
            parts = []
            for u in f.units:
                part = self.at_place.format(total=u.total, place=self.name(u.activity.place))
                if u.total and u.genders_known:
                    part += self.split_at_place.format(split=self.split(u.women, u.men))
                parts.append(part)
            opening, between = self.per_place
            text += opening + between.join(parts) if between else opening + self.join(parts)
        elif all(u.genders_known for u in f.units):
            text += self.overall.format(self.split(sum(u.women for u in f.units), sum(u.men for u in f.units)))
        return text + "."

    def facilitators(self) -> str:
        f = self.facts
        if f.by_place:
            parts = [(self.name(u.activity.place), u.facilitators) for u in f.units if u.facilitators]
            named = [{"place": place, "named": self.named(people)} for place, people in parts]
            return self.place_by_place(self.led_first, self.led_next, named) + "." if parts else ""
        people = list(dict.fromkeys(p for u in f.units for p in u.facilitators))
        return self.led_by(people) + "." if people else ""

    def why(self) -> str:
        if not self.facts.gaps:
            return ""
        with translation.override(self.language):
            gaps = [(self.mid_sentence(str(domain_label(d))), count) for d, count in self.facts.gaps]
        return self.chosen_from_needs(gaps) + "."

    def place_by_place(self, first: str, following: str, items: list[dict]) -> str:
        """``first`` filled with the first item, then ``following`` with each other one."""
        words = {"one": self.one(), "verb": self.lasted_verb()}
        head, *rest = items
        return first.format(**words, **head) + "".join(following.format(**words, **item) for item in rest)

    # -- shared ------------------------------------------------------------------------------------
    def name(self, thing) -> str:
        """A place's, topic's or organization's name in the draft's language."""
        return getattr(thing, f"name_{self.language}")

    def own(self, text: str) -> bool:
        """Free text typed in one language goes only into the draft of that language."""
        return is_arabic(text) == (self.language == "ar")

    def center(self) -> str:
        return CenterProfile.name_in(self.language) or self.center_fallback

    def date(self, day) -> str:
        return f"{day.day} {self.months[day.month - 1]} {day.year}"

    def dates(self) -> str:
        start, end = self.facts.start, self.facts.end
        if start == end:
            return self.on_day.format(self.date(start))
        if start.year != end.year:
            first = self.date(start)
        elif start.month != end.month:
            first = f"{start.day} {self.months[start.month - 1]}"
        else:
            first = str(start.day)
        return self.between.format(first, self.date(end))

    def about(self) -> str:
        topics = self.facts.topics
        return self.about_topic.format(self.mid_sentence(self.name(topics[0]))) if topics else ""

    def where(self) -> str:
        places = self.facts.places
        if not places:
            return ""
        governorate = common_governorate(places)
        text = self.in_place + self.join(self.name(p) for p in places)
        return text + (self.where_governorate_phrase.format(self.name(governorate)) if governorate else "")

    def region(self) -> str:
        places = self.facts.places
        governorate = common_governorate(places)
        if len(places) > 1 and governorate:
            return self.in_place + self.governorate_phrase.format(self.name(governorate))
        return self.in_place + self.join(self.name(p) for p in places) if places else ""

    def session_topics(self) -> str:
        """The topics typed for each session, in this language, one line each."""
        f = self.facts
        lines = [(u, d, t) for u, d, t in f.session_topics if self.own(t)]
        if not lines:
            return ""
        return f"\n\n{self.session_heading}\n\n" + "\n".join(
            f"- {self.date(d)}" + (f"{self.comma}{self.name(u.activity.place)}" if f.by_place else "") + f": {t}"
            for u, d, t in lines)

    def own_goals(self) -> list[str]:
        return [g for g in self.facts.goals if self.own(g)]
