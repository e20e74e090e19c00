"""Helpers shared by the reports' tests."""

import datetime

from madani.reports.services import donor_report_request

YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def request_report(staff, program, *, language="ar", format="xlsx", period=YEAR):
    return donor_report_request(actor=staff, program=program, date_from=period[0], date_to=period[1],
                                language=language, format=format)
