"""The one set of age bands (``MADANI_AGE_BANDS``): person lists, the API, exports and the indicator engine
(``madani.indicators.engine.age_bands`` is this function) all group ages by them."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def age_bands() -> list[tuple[str, int, int | None]]:
    """``MADANI_AGE_BANDS`` ("0-17,18-24,25-34,35-59,60+") as (code, lowest age, highest age or None)."""
    bands = []
    for code in (part.strip() for part in settings.MADANI_AGE_BANDS.split(",")):
        match = re.fullmatch(r"(\d+)-(\d+)|(\d+)\+", code)
        if not match:
            raise ImproperlyConfigured(f"MADANI_AGE_BANDS: {code!r} is neither 'low-high' nor 'low+'.")
        low, high = (int(match[1]), int(match[2])) if match[1] else (int(match[3]), None)
        if bands and (bands[-1][2] is None or low != bands[-1][2] + 1) or (high is not None and high < low):
            raise ImproperlyConfigured("MADANI_AGE_BANDS must be contiguous bands in increasing order.")
        bands.append((code, low, high))
    if not bands:
        raise ImproperlyConfigured("MADANI_AGE_BANDS is empty.")
    return bands


def band_label(code: str) -> str:
    """How a band is written: "18–24", "60+"."""
    return code.replace("-", "–")


def age_band(age: int | None) -> str | None:
    """The code of the band an age falls in (None when unknown or outside every band)."""
    if age is None:
        return None
    for code, low, high in age_bands():
        if age >= low and (high is None or age <= high):
            return code
    return None


def age_group_for(birth_year: int | None, on: datetime.date | None = None) -> str | None:
    """The label of a person's age band in the year of ``on`` (today by default)."""
    if not birth_year:
        return None
    code = age_band((on or datetime.date.today()).year - birth_year)
    return band_label(code) if code else None
