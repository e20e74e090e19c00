"""News drafted from the ledger (DESIGN.md §1: every news draft is computed from the ledger).

From a completed activity — and its companions: the activities of the same kind, program, phase,
branch and topics held at the same time, which the centers report together (seed 000: one workshop
in Hajin and one in Al-Kasra) — Madani writes an Arabic and an English draft in the style of seeds
000 and 002: who organized what, where and when, under which program and phase and with whose
support, how many trainees by place and gender, the trainers, the topics covered, and why (the
needs-assessment gaps of the organizations served). Only facts recorded in the ledger are written;
a fact that is missing is left out, never guessed (no gender split when a gender is unknown).

The drafts are content, not interface: their sentences are written here in Arabic and in English
(not through gettext), whatever the language of the page that asks for them. Free text typed in one
language (session topics, goals) goes only into the draft of that language.

One module per step: ``facts`` gathers what the ledger says (``gather``, ``companion_activities``);
``writer.Writer`` fixes what a draft says and in which order; ``arabic`` and ``english`` phrase it;
``vocabulary`` holds the words.
"""

from .arabic import ArabicWriter
from .english import EnglishWriter
from .facts import Facts, Unit, companion_activities, gather
from .writer import Draft, Writer

WRITERS = {"ar": ArabicWriter, "en": EnglishWriter}


def draft(activities) -> dict[str, Draft]:
    """The Arabic and the English draft, {"ar": Draft, "en": Draft}."""
    facts = gather(activities)
    return {language: writer(facts).draft() for language, writer in WRITERS.items()}


__all__ = ["ArabicWriter", "Draft", "EnglishWriter", "Facts", "Unit", "WRITERS", "Writer", "companion_activities",
           "draft", "gather"]
