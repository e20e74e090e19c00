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
