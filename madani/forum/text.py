"""The forum's one text normalization (issue 15): watched words and search forgive the same Arabic variants.

``fold`` is ``core.arabic.normalize`` (alef forms أإآٱ → ا, ة → ه, ى → ي, tatweel and diacritics removed)
followed by ``core.arabic.western_digits`` (Eastern Arabic and Persian digits → ASCII) and ``casefold()``.
Both sides of every comparison — a watched word and a post, a search and the stored ``search_key`` — go
through it."""

import re

from madani.core.arabic import normalize, western_digits

CENSORED = "***"
# Clitics an Arabic word may carry in front of it: "والرقابة" still holds the watched word "رقابة".
_PREFIXES = "(?:و|ف|ب|ل|ك|ال|وال|بال|فال|كال|لل|ولل|فلل)?"


def fold(text: str | None) -> str:
    """The comparison key of ``text``: Arabic variants unified, digits Western, case folded."""
    return western_digits(normalize(text)).casefold()


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character (white space kept), with the index in ``text`` that each
    folded character comes from, so that a match in the folded text names a span of the original."""
    out, positions = [], []
    for index, char in enumerate(text):
        piece = " " if char.isspace() else fold(char)
        out.append(piece)
        positions += [index] * len(piece)
    return "".join(out), positions


def word_pattern(word: str) -> re.Pattern:
    """A folded watched word (or phrase) as a whole word of a folded text, after an optional clitic."""
    phrase = r"\s+".join(re.escape(part) for part in fold(word).split())
    return re.compile(rf"(?<!\w){_PREFIXES}({phrase})(?!\w)")


def find(word: str, text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` (original indices, end excluded) that hold ``word`` once both are folded;
    a span takes in the marks (diacritics, tatweel) that follow its last letter."""
    folded, positions = _folded_with_positions(text or "")
    spans = []
    for match in word_pattern(word).finditer(folded):
        start, end = positions[match.start(1)], positions[match.end(1) - 1] + 1
        while end < len(text) and not fold(text[end]) and not text[end].isspace():
            end += 1
        spans.append((start, end))
    return spans


def censor(text: str, words) -> str:
    """``text`` with every occurrence of each of ``words`` replaced by ***."""
    for word in words:
        for start, end in reversed(find(word, text)):
            text = text[:start] + CENSORED + text[end:]
    return text
