"""Arabic text normalization for search and de-duplication (DESIGN.md §6).

The same normalization exists twice on purpose: ``normalize`` in Python (for queries) and
``normalized_expression`` in SQL (for stored, generated search keys). A property test keeps them equal.
"""

from django.db.models import CharField, F, Func, Value
from django.db.models.functions import Coalesce, Lower, Replace

# Harakat (fathatan … sukun, maddah, hamza above/below), superscript alef, tatweel. Kept short on
# purpose: each is one nested REPLACE in the generated column, and SQLite's parser has a depth limit.
DIACRITICS = [chr(c) for c in range(0x064B, 0x0656)] + ["\u0670", "\u0640"]
LETTER_MAP = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}


def normalize(text: str | None) -> str:
    """Return the search key of ``text``: no diacritics or tatweel, unified alef/ya/ta marbuta, lower case.

    Inner white space is left as it is, exactly as in SQL: names are cleaned (single spaces) before
    they are stored, and queries are split into words."""
    if not text:
        return ""
    for mark in DIACRITICS:
        text = text.replace(mark, "")
    for src, dst in LETTER_MAP.items():
        text = text.replace(src, dst)
    return text.lower().strip(" ")


def match_key(text) -> str:
    """``text`` (any value) as it is compared with names typed elsewhere: normalized, single spaces."""
    return " ".join(normalize(str(text or "")).split())


# Bidirectional embedding, override and isolate controls (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). In a name
# they only ever spoof: "invoice\u202efdp.exe" reads "invoiceexe.pdf". The marks LRM, RLM and ALM are
# kept: they cannot reorder letters and mixed Arabic/Latin names use them.
BIDI_CONTROLS = "".join(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_NO_BIDI_CONTROLS = str.maketrans(dict.fromkeys(BIDI_CONTROLS))


def strip_bidi_controls(text: str | None) -> str:
    """``text`` without bidirectional embedding, override or isolate controls."""
    return (text or "").translate(_NO_BIDI_CONTROLS)


def clean_spaces(text: str | None) -> str:
    """A name or title as it is stored: single spaces, none at either end, no bidi override controls
    (DESIGN.md §6). Every form, service and API serializer that saves a name or a title uses it."""
    return " ".join(strip_bidi_controls(text).split())


# Eastern Arabic (٠–٩) and Persian (۰–۹) digits, the Arabic decimal separator «٫» and thousands separator «٬».
_WESTERN_DIGITS = str.maketrans({**{chr(0x0660 + d): str(d) for d in range(10)},
                                 **{chr(0x06F0 + d): str(d) for d in range(10)}, "٫": ".", "٬": ""})


def western_digits(text: str | None) -> str:
    """A typed number or date as Python reads it: «١٢٫٥» → "12.5", «٢٠٢٦-٠١-٠٥» → "2026-01-05"."""
    return (text or "").translate(_WESTERN_DIGITS)


class _Trim(Func):
    function = "TRIM"


def normalized_expression(expression):
    """The SQL twin of ``normalize`` (works on SQLite and PostgreSQL), for a GeneratedField."""
    for mark in DIACRITICS:
        expression = Replace(expression, Value(mark), Value(""))
    for src, dst in LETTER_MAP.items():
        expression = Replace(expression, Value(src), Value(dst))
    return _Trim(Lower(expression))


def search_terms(text: str | None) -> list[str]:
    """Normalized words of a query; a leading Arabic article is dropped so that
    "الكسرة" also finds "كسرة" (the stored key still contains the article where it has one)."""
    terms = []
    for word in normalize(text).split():
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        terms.append(word)
    return terms


class _JoinWords(Func):
    """``a || ' ' || b || …`` with NULLs as empty text (flat, unlike Concat's nested pairs)."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = CharField()


def search_key_expression(arabic_field: str | tuple[str, ...], *other_fields: str):
    """Generated search key: the normalized Arabic field (or fields, given as a tuple), then the other
    fields in lower case."""
    arabic_fields = (arabic_field,) if isinstance(arabic_field, str) else arabic_field
    parts = [normalized_expression(Coalesce(F(name), Value(""))) for name in arabic_fields]
    parts += [Lower(Coalesce(F(name), Value(""))) for name in other_fields]
    return _Trim(_JoinWords(*parts))


def normalized_key_expression(*fields: str):
    """Generated search key over several fields, every one normalized (texts with Arabic in more than
    one field, such as a title and a description in both languages)."""
    return normalized_expression(_JoinWords(*[Coalesce(F(name), Value("")) for name in fields]))
