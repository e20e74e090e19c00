"""The English draft."""

from .vocabulary import EXPERT_KINDS, MONTHS_EN, NUMBERS_EN, ORDINALS_EN, TRAINING_KINDS
from .writer import Writer


class EnglishWriter(Writer):
    language = "en"
    months = MONTHS_EN
    center_fallback = "The center"
    in_place = " in "
    on_day = "on {}"
    between = "from {} to {}"
    comma = ", "
    session_heading = "Session by session:"
    about_topic = " on {}"
    governorate_phrase = "{} governorate"
    where_governorate_phrase = ", {} governorate,"
    lasted_first = " The {one} in {place} lasted {days}"
    lasted_next = ", the one in {place} {days}"
    led_first = "The {one} in {place} was led by {named}"
    led_next = ", and the one in {place} by {named}"
    at_place = "{total} in {place}"
    split_at_place = " ({split})"
    per_place = (": ", "")  # the places joined as a list: "a, b, and c"
    overall = " ({})"

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

    def lead(self) -> str:
        first = self.facts.first
        whom = (f" for the members of the {self.join(o.name_en for o in self.facts.networks)}"
                if self.facts.networks else "")
        return (f"{self.center()}, through its {first.branch.name_en} branch, organized {self.count()}{self.about()}"
                f"{whom}{self.where()} {self.dates()}.")

    def project(self, program) -> str:
        return f"{self.subject()} {'is' if self.n == 1 else 'are'} part of the project “{program.name_en}”"

    def phase(self, number: int) -> str:
        return f", in its {ORDINALS_EN[number - 1]} phase" if 1 <= number <= 10 else f", phase {number}"

    def supported_by(self, donor) -> str:
        return f", supported by {donor.name_en}"

    def lasted(self, days: int) -> str:
        return f" {'It' if self.n == 1 else 'They'} lasted {self.days(days)}."

    def one(self) -> str:
        return self.words.en_one

    def brought_together(self) -> str:
        f = self.facts
        text = f"{self.subject()} brought together {self.people(f.total)}"
        return text + (f" from {self.plural(f.organizations, 'organization', 'organizations')}"
                       if f.organizations else "")

    def led_by(self, people: list) -> str:
        return f"{self.subject()} {'was' if self.n == 1 else 'were'} led by {self.named(people)}"

    def topics(self) -> str:
        f = self.facts
        text = ""
        if f.topics:
            subject = "The sessions" if f.kind in TRAINING_KINDS else self.subject()
            text = f"{subject} covered {self.join(self.mid_sentence(t.name_en) for t in f.topics)}."
        text += self.session_topics()
        return text

    def chosen_from_needs(self, gaps: list) -> str:
        f = self.facts
        (first_label, first_count), *rest = gaps
        subject = "The topic was" if len(f.topics) == 1 else "The topics were"
        gaps = [f"{first_count} showed a gap in {first_label}", *(f"{count} in {label}" for label, count in rest)]
        return (f"{subject} chosen from the needs assessment of the organizations served: of the {f.assessed} "
                f"assessed, {self.join(gaps)}")

    def goals(self) -> str:
        goals = self.own_goals()
        return f"Goals: {' '.join(goals)}" if goals else ""

    def title(self) -> str:
        return f"{self.center()} concludes {self.count()}{self.about()}{self.region()}"

    def summary(self) -> str:
        f = self.facts
        return (f"{self.center()} concluded {self.count()}{self.about()}{self.where()} {self.dates()}"
                + (f", with {self.people(f.total)}." if f.total else "."))
