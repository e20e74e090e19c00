"""The Arabic draft (in the style of seeds 000 and 002): the grammar; the phrases are in ``phrases``."""

from madani.people.models import Gender

from .vocabulary import (EXPERT_KINDS, MONTHS_AR, NUMBERS_FOR_FEMININE_AR, NUMBERS_FOR_MASCULINE_AR,
                         ORDINALS_FEMININE_AR, TRAINING_KINDS)
from .writer import Writer


class ArabicWriter(Writer):
    language = "ar"
    months = MONTHS_AR
    ordinals = ORDINALS_FEMININE_AR

    def group_words(self) -> dict:
        w = self.words
        # A verb before the group: feminine for feminine nouns and for every plural of things.
        feminine = w.feminine or self.n > 2
        return {
            "count": self.count(), "the": self.the(), "the_genitive": self.the("genitive"), "these": self.these(),
            "one": w.the_one, "lasted_verb": "واستمرت" if w.feminine else "واستمر",
            "comes": "وتأتي" if feminine else "ويأتي", "lasts": "واستمرت" if feminine else "واستمر",
            "covers": "وتناولت" if feminine else "وتناول",
        }

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

    def these(self) -> str:
        if self.n == 2:
            return ("هاتان " if self.words.feminine else "هذان ") + self.the()
        return ("هذه " if self.words.feminine or self.n > 2 else "هذا ") + self.the()

    def days(self, n: int) -> str:
        if n == 1:
            return "يوماً واحداً"
        if n == 2:
            return "يومين"
        if n <= 10:
            return f"{NUMBERS_FOR_MASCULINE_AR[n]} أيام"
        return f"{n} يوماً"

    def people(self, n: int) -> str:
        noun = "متدرب/ة" if self.facts.kind in TRAINING_KINDS else "مشارك/ة"
        return f"({n}) {noun}"

    def organizations(self, n: int) -> str:
        return str(n)

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
