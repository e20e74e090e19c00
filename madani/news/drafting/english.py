"""The English draft: the grammar; the phrases are in ``phrases``."""

from .vocabulary import EXPERT_KINDS, MONTHS_EN, NUMBERS_EN, ORDINALS_EN, TRAINING_KINDS
from .writer import Writer


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class EnglishWriter(Writer):
    language = "en"
    months = MONTHS_EN
    ordinals = ORDINALS_EN

    @staticmethod
    def number(n: int) -> str:
        return NUMBERS_EN[n] if n <= 10 else str(n)

    @staticmethod
    def mid_sentence(name: str) -> str:
        """"Strategic planning" → "strategic planning"; "SWOT analysis" stays."""
        first = name.split()[0] if name.split() else name
        return name if first.isupper() or not name else name[0].lower() + name[1:]

    def group_words(self) -> dict:
        w, single = self.words, self.n == 1
        if single:
            count, the = ("an " if w.en_one[0] in "aeiou" else "a ") + w.en_one, f"the {w.en_one}"
        else:
            count = f"{self.number(self.n)} {w.en_many}"
            the = f"the two {w.en_many}" if self.n == 2 else f"the {self.number(self.n)} {w.en_many}"
        return {"count": count, "the": the, "The": "T" + the[1:], "one": w.en_one,
                "is": "is" if single else "are", "was": "was" if single else "were", "It": "It" if single else "They"}

    def days(self, n: int) -> str:
        return "one day" if n == 1 else f"{self.number(n)} days"

    def people(self, n: int) -> str:
        if self.facts.kind in TRAINING_KINDS:
            return plural(n, "trainee", "trainees")
        return plural(n, "participant", "participants")

    def organizations(self, n: int) -> str:
        return plural(n, "organization", "organizations")

    @staticmethod
    def split(women: int, men: int) -> str:
        if women and men:
            return f"{plural(women, 'woman', 'women')} and {plural(men, 'man', 'men')}"
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
