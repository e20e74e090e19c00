"""The month names Django's ``date`` filter prints, named here so that ``make messages`` keeps them in
our catalogue: there they are the Levantine series Syrian readers use (كانون الثاني … كانون الأول),
the same as the news drafts' ``MONTHS_AR``, instead of Django's «يناير … ديسمبر». Nothing imports this
module; the catalogue entries are what matter (``F``, ``E``, ``N``, ``b`` and ``M`` formats)."""

from django.utils.translation import gettext_noop, pgettext_lazy

FULL = [gettext_noop("January"), gettext_noop("February"), gettext_noop("March"), gettext_noop("April"),
        gettext_noop("May"), gettext_noop("June"), gettext_noop("July"), gettext_noop("August"),
        gettext_noop("September"), gettext_noop("October"), gettext_noop("November"), gettext_noop("December")]
ALTERNATIVE = [pgettext_lazy("alt. month", "January"), pgettext_lazy("alt. month", "February"),
               pgettext_lazy("alt. month", "March"), pgettext_lazy("alt. month", "April"),
               pgettext_lazy("alt. month", "May"), pgettext_lazy("alt. month", "June"),
               pgettext_lazy("alt. month", "July"), pgettext_lazy("alt. month", "August"),
               pgettext_lazy("alt. month", "September"), pgettext_lazy("alt. month", "October"),
               pgettext_lazy("alt. month", "November"), pgettext_lazy("alt. month", "December")]
ASSOCIATED_PRESS = [pgettext_lazy("abbrev. month", "Jan."), pgettext_lazy("abbrev. month", "Feb."),
                    pgettext_lazy("abbrev. month", "March"), pgettext_lazy("abbrev. month", "April"),
                    pgettext_lazy("abbrev. month", "May"), pgettext_lazy("abbrev. month", "June"),
                    pgettext_lazy("abbrev. month", "July"), pgettext_lazy("abbrev. month", "Aug."),
                    pgettext_lazy("abbrev. month", "Sept."), pgettext_lazy("abbrev. month", "Oct."),
                    pgettext_lazy("abbrev. month", "Nov."), pgettext_lazy("abbrev. month", "Dec.")]
THREE_LETTERS = [gettext_noop("jan"), gettext_noop("feb"), gettext_noop("mar"), gettext_noop("apr"),
                 gettext_noop("may"), gettext_noop("jun"), gettext_noop("jul"), gettext_noop("aug"),
                 gettext_noop("sep"), gettext_noop("oct"), gettext_noop("nov"), gettext_noop("dec")]
