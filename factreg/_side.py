"""
A claim as relate() reads it against another (:class:`Side`): its terms with their
surface, its facts, every folded word, and where its first clause ends, so that a word
after it (a side clause: "…, the ministry did not comment", "…, دون تفاصيل") is read as
such. Read once per text: the registry relates one new claim to many candidates.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from factreg.facts import Facts, facts
from factreg.normalize import index_text, term_words, words_with_surface
from factreg.wording import root

# Where one clause ends and another begins: punctuation (not a digit group's comma) and
# the connectives that open a side clause.
_CLAUSE = re.compile(
    r"(?<!\d)[,،;؛:](?!\d)|\s[—–-]\s|\s(?:while|whereas|but|بينما|فيما|في حين|لكن)\s"
)


class Side(NamedTuple):
    """
    A claim as evidence() reads it against another: its terms, facts and words, and
    where its first clause ends.
    """

    text: str
    words: tuple[tuple[str, str], ...]  # (term, surface), stopwords dropped
    terms: tuple[str, ...]
    facts: Facts
    folded: tuple[str, ...]  # every folded word (facts' positions index these)
    surfaces: tuple[str, ...]  # the word as written, for each folded word
    main_end: int  # folded words before this index are the first clause
    roots: tuple[str, ...]  # distinct rough roots of the terms, 3 letters or more


@lru_cache(maxsize=4096)
def read_side(text: str) -> Side:
    """
    ``text`` read as one side of a pair (cached: one new claim meets many candidates).
    """
    words = term_words(text)
    pairs = words_with_surface(text)
    terms = tuple(t for t, _ in words)
    return Side(
        text,
        words,
        terms,
        facts(text),
        tuple(w for w, _ in pairs),
        tuple(s for _, s in pairs),
        main_end(text),
        tuple(dict.fromkeys(r for t in terms if len(r := root(t)) >= 3)),
    )


@lru_cache(maxsize=4096)
def index_of(text: str) -> str:
    """
    The index form of ``text`` (cached: one new claim meets many candidates).
    """
    return index_text(text)


def main_end(text: str) -> int:
    """
    How many folded words of ``text`` its first clause has.
    """
    # Count the folded words before the first clause mark (the connective it may be,
    # "while", "بينما", is not part of the first clause); the whole text when there is
    # no mark, when the first clause has under three words ("لافروف: …"), or when the
    # split would not line up with the folded words (a mark glued inside a word).
    whole = words_with_surface(text)
    mark = _CLAUSE.search(text)
    if mark is None:
        return len(whole)
    first = words_with_surface(text[: mark.start()])
    if len(first) < 3 or first != whole[: len(first)]:
        return len(whole)
    return len(first)
