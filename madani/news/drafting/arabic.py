"""The Arabic draft (in the style of seeds 000 and 002)."""

from madani.people.models import Gender

from .vocabulary import (EXPERT_KINDS, MONTHS_AR, NUMBERS_FOR_FEMININE_AR, NUMBERS_FOR_MASCULINE_AR,
                         ORDINALS_FEMININE_AR, TRAINING_KINDS)
from .writer import Writer


class ArabicWriter(Writer):
    language = "ar"
    months = MONTHS_AR
    center_fallback = "المركز"
    in_place = " في "
    on_day = "يوم {}"
    between = "بين {} و{}"
    comma = "، "
    session_heading = "ومن موضوعات الجلسات:"
    about_topic = " حول {}"
    governorate_phrase = "محافظة {}"
    where_governorate_phrase = "، في محافظة {}"
    lasted_first = " {verb} {one} في {place} {days}"
    lasted_next = "، وفي {place} {days}"
    led_first = "وأشرف على {one} في {place} {named}"
    led_next = "، وعلى {one} في {place} {named}"
    at_place = "({total}) في {place}"
    split_at_place = ": {split}"
    per_place = ("، منهم ", "؛ و")
    overall = "، {}"

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
    def lead(self) -> str:
        first = self.facts.first
        whom = f" لأعضاء {self.join(o.name_ar for o in self.facts.networks)}" if self.facts.networks else ""
        return (f"نظّم {self.center()}، عبر فرعه في {first.branch.name_ar}، {self.count()}{self.about()}{whom}"
                f"{self.where()}، {self.dates()}.")

    def project(self, program) -> str:
        return f"{self.verb('ويأتي', 'وتأتي')} {self.these()} ضمن مشروع «{program.name_ar}»"

    def phase(self, number: int) -> str:
        ordinal = ORDINALS_FEMININE_AR[number - 1] if 1 <= number <= 10 else f"رقم {number}"
        return f"، في مرحلته {ordinal}"

    def supported_by(self, donor) -> str:
        return f"، المدعوم من {donor.name_ar}"

    def lasted(self, days: int) -> str:
        return f" {self.verb('واستمر', 'واستمرت')} {self.the()} {self.days(days)}."

    def one(self) -> str:
        return self.words.the_one

    def lasted_verb(self) -> str:
        return "واستمرت" if self.words.feminine else "واستمر"

    def brought_together(self) -> str:
        f = self.facts
        text = f"وشارك في {self.the('genitive')} {self.people(f.total)}"
        return text + (f" من ممثلي ({f.organizations}) من المنظمات" if f.organizations else "")

    def led_by(self, people: list) -> str:
        return f"وأشرف على {self.the('genitive')} {self.named(people)}"

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
        text += self.session_topics()
        return text

    def chosen_from_needs(self, gaps: list) -> str:
        f = self.facts
        subject = "الموضوع" if len(f.topics) == 1 else "المواضيع"
        (first_label, first_count), *rest = gaps
        text = (f"وجاء اختيار {subject} بناءً على تقييم الاحتياجات الذي أجراه المركز للمنظمات المستفيدة، إذ شمل "
                f"التقييم ({f.assessed}) منها، وأظهر حاجة ({first_count}) منها إلى تطوير قدراتها في مجال {first_label}")
        return text + "".join(f"، و({count}) في مجال {label}" for label, count in rest)

    def goals(self) -> str:
        goals = self.own_goals()
        return f"ويتمثّل الهدف من {self.the('genitive')} في: {' '.join(goals)}" if goals else ""

    def title(self) -> str:
        return f"{self.center()} يختتم {self.count()}{self.about()}{self.region()}"

    def summary(self) -> str:
        f = self.facts
        return (f"بمشاركة {self.people(f.total)}، " if f.total else "") + (
            f"اختتم {self.center()} {self.count()}{self.about()}{self.where()}، {self.dates()}.")
