"""Arabic date and time formats as Syrian readers write them: «4 كانون الأول 2026», a 24-hour clock.

Django's Arabic formats put a comma between month and year; the month names themselves are the
Levantine series (كانون الثاني … كانون الأول), given by the project's catalogue for Django's own
month msgids, so ``|date`` and the news drafts' ``MONTHS_AR`` agree. Anything not set here falls back
to Django's Arabic formats."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"

# Numbers in Latin digits as Syrian reports write them: 1,500,000.50 (Django's Arabic formats write
# 1500000,50, ungrouped with a decimal comma). Grouping applies where a template asks for it (``intcomma``,
# ``floatformat:"g"``); a plain ``{{ number }}`` stays ungrouped (USE_THOUSAND_SEPARATOR is off).
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
