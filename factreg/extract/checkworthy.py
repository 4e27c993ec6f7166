"""
Check-worthiness: how much a clause asserts something a fact-checker can check.

A linear score over cues (numbers, dates, named entities, quotations, attribution, and
opinion, hedges, questions against); the cue lists are package data
(``factreg/data/extract/``).
"""

from __future__ import annotations

import re

from factreg.extract import _lexicon
from factreg.extract._view import _k, _View

_NUMBER = re.compile(
    r"\d"
    + _k(r"|(?<!\w)(?:[وفبل])?(?:ال)?(?:")
    + _lexicon.alternation("ar-number-words")
    + _k(r")(?:ة|ى|ين|ون|ات)?(?!\w)")
    + r"|\b(?:"
    + _lexicon.alternation("en-number-words")
    + r")\b"
)
# Dates, months, weekdays and durations.
_DATE = re.compile(
    _k(r"(?<!\w)(?:[وفبل])?(?:ال)?(?:")
    + _lexicon.alternation("ar-date-words")
    + _k(r")(?:ين|ها|ه)?(?!\w)")
    + r"|\b(?:"
    + _lexicon.alternation("en-date-words")
    + r")\b"
)
# A small gazetteer (countries, capitals and large cities, international bodies, named
# armed groups) for Arabic, which has no capital letters to spot names by; titles point
# at a named person; nisba adjectives (مصري، روسية) at a named country.
_AR_ENTITY = re.compile(
    _k(r"(?<!\w)(?:[وفبلك])?(?:")
    + _lexicon.alternation("ar-gazetteer")
    + _k(r"|(?:ال)?(?:")
    + _lexicon.alternation("ar-titles")
    + _k(r")|(?:ال)?(?:")
    + _lexicon.alternation("ar-nisba-stems")
    + _k(r")(?:ي|ية|يون|يين|يان|يتين)")
    + r")(?!\w)"
)
# Latin script: a capitalised word that does not open the clause, or an acronym.
_EN_ENTITY = re.compile(r"(?<=[\w,;:)\]] )[A-Z][\w'’.-]+|\b[A-Z](?:\.?[A-Z])+\b\.?")
_QUOTED = re.compile(r"[\"«“][^\"»”]{2,}[\"»”]")
# Opinion: evaluative words and the grammar of recommendation.
_OPINION = re.compile(
    r"\b(?:"
    + _lexicon.alternation("en-opinion")
    + r")\b"
    + _k(r"|(?<!\w)(?:و)?(?:")
    + _lexicon.alternation("ar-opinion")
    + r")(?!\w)"
)
# Hedges: the statement itself says it may not be so.
_HEDGE = re.compile(
    r"\b(?:"
    + _lexicon.alternation("en-hedges")
    + r")\b"
    + r"|(?<!\w)(?:"
    + _lexicon.alternation("ar-hedges")
    + r")(?!\w)"
)
# Something that happened, in the past: a verb of the past tense or a passive ("were
# killed", "arrested", "was rounded up", «تم إرسال», «ألقوا», «قتل»).
_EVENT = re.compile(
    r"\b(?:was|were|had|has been|have been)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ught|ot|ut)\b"
    r"|\b(?:"
    + _lexicon.alternation("en-event-verbs")
    + r")\b"
    + _k(r"|(?<!\w)(?:[وف])?(?:تم|تمت|جرى)\s+\w+|(?<!\w)(?:[وف])?(?:")
    + _lexicon.alternation("ar-event-verbs")
    + r")(?!\w)"
)
# An Arabic clause opened by a past verb the list above cannot hold: «وعانت», «ولم ترد»
_AR_PAST_OPENING = re.compile(r"(?:" + _lexicon.alternation("ar-past-openers") + r")(?!\w)")
# Statements of what is not known: "it was unclear whether …", «ولم يتضح بعد …»; an
# embedded question after one ("… unclear from the report | whether C") is no claim either
_UNKNOWN = re.compile(r"(?<!\w)(?:" + _lexicon.alternation("unknowns") + r")(?!\w)")
_UNKNOWN_BEFORE = re.compile(r"(?<!\w)(?:" + _lexicon.alternation("unknowns") + r")[^.,;،؛]{0,40}$")
# A clause that is a condition ("if found guilty", «إذا ثبت …»): no fact of its own
_CONDITION = re.compile(r"(?:if|unless|once)\b|" + _k(r"(?:و|ف)?(?:إذا|اذا|لو|في\s+حال)(?!\w)"))
_EMBEDDED_QUESTION = re.compile(r"(?:whether|if|how|when|who|what|why|where)\b")
# Evidential hedges: a fact the source does not vouch for; kept, and marked hedged.
_EVIDENTIAL = re.compile(
    r"\b(?:"
    + _lexicon.alternation("en-evidential-hedges")
    + r")\b"
    + _k(r"|(?<!\w)(?:و)?(?:")
    + _lexicon.alternation("ar-evidential-hedges")
    + r")(?!\w)"
)
# Open questions: a question mark (the lost-ligature "?" is a letter in the view), or an
# Arabic interrogative particle opening the clause, which is often written without one.
_QUESTION = re.compile(
    r"[?؟]|^(?:" + _k("و|ف") + r")?(?:" + _lexicon.alternation("ar-interrogatives") + r")(?!\w)"
)

# Feature weights of the check-worthiness score (see _score).
_BASE = 0.35
_W_NUMBER = 0.25
_W_DATE = 0.15
_W_ENTITY = 0.2
_W_ENTITY_IN_SENTENCE = 0.1
_W_QUOTED = 0.05
_W_ATTRIBUTED = 0.15
_W_EVENT = 0.15
_W_OPINION = -0.35
_W_HEDGE = -0.2
_W_QUESTION = -0.45
_W_UNKNOWN = -0.45
_W_CONDITION = -0.35


def _has_number(view: _View, a: int, b: int) -> bool:
    return _NUMBER.search(view.key, a, b) is not None


def _has_entity(view: _View, a: int, b: int) -> bool:
    return (
        _AR_ENTITY.search(view.key, a, b) is not None
        or _EN_ENTITY.search(view.text, a, b) is not None
    )


def _score(
    view: _View,
    a: int,
    b: int,
    *,
    attributed: bool,
    sentence_entity: bool,
    sentence_start: int | None = None,
) -> float:
    """
    Check-worthiness of clause [a, b), 0..1.

    A declarative clause starts at 0.35. Checkable specifics raise it: a number (+0.25),
    a date, month, weekday or duration (+0.15), a named entity (+0.2; +0.1 when the name is
    only elsewhere in the sentence, its attribution included, as in "حيث طلب" whose
    subject is the main clause's), a quoted expression (+0.05), an attribution to a source
    (+0.15: what a named source reports is what gets repeated), a past event ("were
    killed", "arrested", «تم إرسال», «ألقوا»: +0.15). Opinion (-0.35), hedges of a
    prediction (-0.2; not an evidential hedge of a fact, "probably killed", which stays a
    claim), open questions and statements of what is not known ("it was unclear whether",
    «لم يتضح»: -0.45) and a clause that is a condition ("if found guilty", «إذا …»: -0.35)
    lower it. Named
    entities are spotted by capital letters in Latin script and by a small gazetteer,
    titles and nisba adjectives in Arabic.
    """
    key = view.key
    clause = key[a:b]
    score = _BASE
    if _has_number(view, a, b):
        score += _W_NUMBER
    if _DATE.search(key, a, b):
        score += _W_DATE
    if _has_entity(view, a, b):
        score += _W_ENTITY
    elif sentence_entity:
        score += _W_ENTITY_IN_SENTENCE
    if _QUOTED.search(view.text, a, b):
        score += _W_QUOTED
    if attributed:
        score += _W_ATTRIBUTED
    if _EVENT.search(clause) or _AR_PAST_OPENING.match(clause):
        score += _W_EVENT
    if _OPINION.search(clause):
        score += _W_OPINION
    if _HEDGE.search(clause) and not _EVIDENTIAL.search(clause):
        score += _W_HEDGE
    if _QUESTION.search(clause):
        score += _W_QUESTION
    if _UNKNOWN.search(clause) or (
        sentence_start is not None
        and _EMBEDDED_QUESTION.match(clause)
        and _UNKNOWN_BEFORE.search(key, sentence_start, a)
    ):
        score += _W_UNKNOWN
    if _CONDITION.match(clause):
        score += _W_CONDITION
    return round(min(1.0, max(0.0, score)), 2)


def hedged(view: _View, a: int, b: int) -> bool:
    """Whether clause [a, b) hedges a statement of fact ("probably", «قد يكون»)."""
    return _EVIDENTIAL.search(view.key, a, b) is not None
