"""
The words of a claim as relate() reads them: rough roots, headline case, capitalised
names and demonyms: pure text functions, standard library only.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from factreg import lexicon
from factreg.facts import MONTH_WORDS, facts, read_place
from factreg.normalize import ENGLISH_STOPWORDS, fold, term_words

#: Share of a Latin text's words of four letters or more that are capitalised from which
#: it is in headline case, where a capital says nothing about names.
TITLE_CASE = 0.85
DEMONYMS_EN = lexicon.words("demonyms-en.txt")
_COMPANY_SUFFIXES = lexicon.words("company-suffixes.txt")
_WEEKDAYS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
# A capitalised Latin word inside a sentence: a proper name ("Putin", "Tesla").
_NAME = re.compile(r"(?<![.!?:;\"'“‘«(\[]\s)(?<![\"'“‘«(\[])(?<!^)\b[A-Z][a-zA-Z]+")


@lru_cache(maxsize=65536)
def root(term: str) -> str:
    """
    A rough root of an index term, for telling a form of a word from another word:
    Arabic prefixes (ي ت ن ا س م and the proclitics) and suffixes stripped down to three
    letters, an English term as it is.
    """
    if term.isascii():
        return term
    while len(term) > 3 and term[0] in "يتناسموفبلك":
        term = term[1:]
    while len(term) > 3 and term[-1] in "هاتينوي":
        term = term[:-1]
    return term


def stem_core(word: str) -> str:
    # Strip verb-inflection letters so ترفض / رفضت or يفوز / فاز compare equal.
    terms = term_words(word)
    term = terms[0][0] if terms else fold(word)
    if len(term) > 3 and term[0] in "يتنا":
        term = term[1:]
    for suffix in ("وا", "ون", "ت", "ن"):
        if len(term) > 3 and term.endswith(suffix):
            return term[: -len(suffix)]
    return term


@lru_cache(maxsize=65536)
def is_demonym_word(word: str) -> bool:
    folded = fold(word)
    if folded.isascii():
        return folded in DEMONYMS_EN
    return read_place(folded, names_only=True) is None


def swapped_names(new: str, old: str) -> tuple[list[str], list[str]]:
    """
    The names each of two Latin-script claims gives that the other does not ("Obama
    signed the order" / "Bush signed the order": ``(["Bush"], ["Obama"])``, the earlier
    claim's first); two empty lists unless both sides have one.

    Names are capitalised words inside a sentence (not its first word, nor after a
    quote); a headline in title case names nothing this way; stopwords, month names,
    weekdays, places, demonyms and company suffixes ("Inc", "Ltd") are left out.
    """
    if title_case(new) or title_case(old):
        return [], []
    only_old = [n for n in _names(old) if not _name_in(new, n)]
    only_new = [n for n in _names(new) if not _name_in(old, n)]
    if not only_old or not only_new:
        return [], []
    return only_old, only_new


@lru_cache(maxsize=4096)
def title_case(text: str) -> bool:
    # Headline case: (nearly) every word of four letters or more capitalised; a sentence
    # rich in names ("Senator Warren and Senator Sanders backed the bill") is not.
    long_words: list[str] = re.findall(r"[A-Za-z]{4,}", text)
    if len(long_words) < 4:
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= TITLE_CASE


def _name_in(text: str, name: str) -> bool:
    """
    Whether ``text`` holds ``name``, also inside a camel-case hashtag: "#PutItToThePeople"
    folds to several words, the bare name to one.
    """
    words, folded = fold(text), fold(name)
    return f" {folded} " in f" {words} " or folded in words.replace(" ", "")


@lru_cache(maxsize=4096)
def _names(text: str) -> tuple[str, ...]:
    found = []
    for name in _NAME.findall(text.strip()):
        folded = fold(name)
        # places are compared as places (China and Beijing agree)
        if (
            folded not in ENGLISH_STOPWORDS
            and folded not in MONTH_WORDS
            and folded not in DEMONYMS_EN
            and folded not in _WEEKDAYS
            and folded not in _COMPANY_SUFFIXES
            and not facts(name).places
        ):
            found.append(name)
    return tuple(dict.fromkeys(found))


def logistic(x: float) -> float:
    """
    The logistic function, safe for any float.
    """
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)
