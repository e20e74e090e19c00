"""The Arabic catalogue is complete, and the compiled .mo that Django reads matches the .po."""

import gettext
import re
from pathlib import Path

PO = Path(__file__).resolve().parents[2] / "locale" / "ar" / "LC_MESSAGES" / "django.po"


def _entries():
    """(msgid, [msgstr…], flags, msgctxt) for every live entry of the .po file (obsolete #~ entries skipped)."""
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        msgstrs = [v for k, v in fields.items() if k.startswith("msgstr")]
        yield fields.get("msgid", ""), msgstrs, flags, fields.get("msgctxt")


def test_every_message_has_an_arabic_translation():
    untranslated = [msgid for msgid, msgstrs, _flags, _context in _entries() if msgid and not all(msgstrs)]
    fuzzy = [msgid for msgid, _m, flags, _context in _entries() if msgid and "fuzzy" in flags]
    assert untranslated == [] and fuzzy == []


def _unescape(text):
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def test_the_compiled_catalogue_is_up_to_date():
    with PO.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstrs, _flags, context in _entries():
        if msgid and len(msgstrs) == 1:
            found = compiled.pgettext(_unescape(context), _unescape(msgid)) if context else compiled.gettext(_unescape(msgid))
            assert found == _unescape(msgstrs[0]), msgid
