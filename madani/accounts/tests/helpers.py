"""Helpers shared by the accounts' tests: a TOTP secret and its current code."""

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

SECRET = "JBSWY3DPEHPK3PXP"


def totp_code() -> str:
    return format_hotp_value(hotp_value(SECRET, next(yield_hotp_counters_from_time())))
