"""
The fullest name an article gives a source: later, shorter references resolved to an
earlier *mention* (not only an earlier speaker), as the gold rules ask.

"Speaker Hastert said" after "Speaker of the House Dennis Hastert is …" is Dennis
Hastert; «وقال الشبول» after «… في الأردن رائد الشبول، …» is رائد الشبول; "The MoD says"
after "the Ministry of Defence's statement" is the Ministry of Defence.
"""

from __future__ import annotations

import re

from factreg.extract import _lexicon
from factreg.extract._view import _k, _View
from factreg.extract.names import (
    _DANGLING,
    _EN_TITLES,
    _GAZETTEER,
    _JUNK,
    _PREPOSITION,
    _arabic_surname,
    claimant_kind,
)

# "MoD", "FBI", "U.N.": two capitals or more, a few lower-case letters between them
_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z.&]{1,7}")
# A run of capitalised words, small function words allowed between them
_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|the|on|de)\s+)*[A-Z][\w’'-]*)+")
_SMALL = frozenset(("of", "for", "and", "the", "on", "de"))
_NOT_GIVEN = _lexicon.words("en-date-words") | _lexicon.words("en-sentence-openers")
_AR_NOT_GIVEN = _lexicon.words("ar-speech-verbs") | _lexicon.words("ar-date-words")


def fuller_name(view: _View, i: int, name: str) -> str | None:
    """
    The fuller name that text before view index i gave the one-word source ``name``: a
    person's full name for a surname, the words of an acronym; None when there is none.
    """
    words = name.split()
    if len(words) != 1:
        return None
    word = words[0]
    text = view.text[:i]
    if _ACRONYM.fullmatch(word):
        return _expansion(text, word)
    if re.fullmatch(r"[A-Z][a-z][\w’'-]+", word) and claimant_kind(word) == "person":
        return _given_name(text, word)
    if _arabic_surname(word) and claimant_kind(word) == "person":
        return _arabic_given_name(view, i, word)
    return None


def _expansion(text: str, acronym: str) -> str | None:
    """The latest run of capitalised words whose initials spell ``acronym``."""
    letters = acronym.replace(".", "").replace("&", "").lower()
    for m in reversed(list(_RUN.finditer(text))):
        run = re.sub(r"['’]s$", "", m.group())
        parts = run.split()
        while parts and parts[0].lower() == "the":
            parts.pop(0)
        every = "".join(p[0] for p in parts).lower()
        capital = "".join(p[0] for p in parts if p.lower() not in _SMALL).lower()
        if letters in (every, capital) and len(parts) > 1:
            return " ".join(parts)
    return None


def _given_name(text: str, surname: str) -> str | None:
    """
    "Dennis Hastert" for "Hastert": the latest capitalised word (and an initial) written
    right before the surname that is no title, date or sentence opener.
    """
    pattern = re.compile(
        r"(?<![\w.])([A-Z][a-z][\w’'-]*(?:\s+[A-Z]\.)?)\s+((?:al|el)-)?"
        + re.escape(surname)
        + r"(?!\w)"
    )
    for m in reversed(list(pattern.finditer(text))):
        given = m.group(1).split()[0]
        if given.lower() in _EN_TITLES or _k(given.lower()) in _NOT_GIVEN:
            continue
        if claimant_kind(given) != "person":
            continue  # "Justice Department", "House Speaker"
        return f"{m.group(1)} {m.group(2) or ''}{surname}"
    return None


def _arabic_given_name(view: _View, i: int, surname: str) -> str | None:
    """«رائد الشبول» for «الشبول»: the word written right before it, when it can be a name."""
    key = view.key
    pattern = re.compile(r"(?<!\w)(\w{2,})\s+" + re.escape(_k(surname)) + r"(?!\w)")
    for m in reversed(list(pattern.finditer(key, 0, i))):
        given = m.group(1)
        if (
            given.startswith("ال")
            or given in _AR_NOT_GIVEN
            or given.lstrip("وف") in _AR_NOT_GIVEN
            or not _arabic_surname(given)
            or claimant_kind(given) != "person"
            or _JUNK.fullmatch(given)
            or _DANGLING.fullmatch(given)
            or _PREPOSITION.fullmatch(given)
            or _GAZETTEER.fullmatch(given)
        ):
            continue
        return " ".join(view.orig(m.start(1), m.end()).split())
    return None
