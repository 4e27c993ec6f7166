"""
Text -> matching form: folding, tokens, index terms, and the facts relate() compares.

Three forms of a text, from closest to the original to most reduced:

``fold(text)``
    The matching form: the folded words, one space apart. Folding is the table
    :data:`FOLDING` (applied with one ``str.translate``) after NFKC and casefolding,
    plus the repair of a lost "لأ" ligature, URL removal and number canonicalisation.
``tokens(text)``
    ``fold(text).split()``: the folded surface words, in order.
``index_text(text)``
    What the store indexes (SQLite FTS5, ``tokenize='ascii'``) and what match.py
    fuzzy-compares: the *terms* of the text, i.e. its tokens with Arabic clitics and
    English inflections stripped and stopwords dropped. Terms hold only letters and
    digits, so the ascii tokenizer keeps each one whole.

The facts relate() compares (numbers, ordinals, months, negation cues, opposites) are
extracted by :func:`facts` from the folded words, each with the surface word it came from
so a reviewer reads the text as written.

Only the standard library is used; every table is built once at import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

#: Bumped whenever the matching form (``fold``, ``index_text``) changes; stored index
#: terms from an older version must then be rebuilt (``factreg reindex``).
NORMALIZATION_VERSION = 2

# -- language detection ---------------------------------------------------------------------

# Script ranges -> the language a claim in that script is most likely in.
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, "ar"), (0x0750, 0x077F, "ar"), (0x08A0, 0x08FF, "ar"),
    (0xFB50, 0xFDFF, "ar"), (0xFE70, 0xFEFF, "ar"),
    (0x0041, 0x005A, "en"), (0x0061, 0x007A, "en"), (0x00C0, 0x024F, "en"),
    (0x0590, 0x05FF, "he"), (0x0400, 0x04FF, "ru"), (0x0370, 0x03FF, "el"),
    (0x0900, 0x097F, "hi"), (0x0E00, 0x0E7F, "th"), (0xAC00, 0xD7AF, "ko"),
    (0x3040, 0x30FF, "ja"), (0x4E00, 0x9FFF, "zh"),
)


def detect_lang(text: str) -> str | None:
    """
    Guess an ISO 639-1 code from the script most letters are written in.

    Latin script is taken for English, the registry's second language; None when no
    letter of a known script occurs.
    """
    counts: dict[str, int] = {}
    for ch in text:
        cp = ord(ch)
        for lo, hi, lang in _SCRIPTS:
            if lo <= cp <= hi:
                if ch.isalpha():
                    counts[lang] = counts.get(lang, 0) + 1
                break
    if not counts:
        return None
    return max(counts, key=lambda k: counts[k])


# -- the folding table ----------------------------------------------------------------------

_TASHKEEL = (
    # harakat, tanween, shadda, sukun, maddah/hamza above and below, and the rest of
    # U+064B..U+065F: vowel marks a reader supplies anyway and most news omits
    "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"  # superscript (dagger) alef: هٰذا is written هذا in news
    + "".join(chr(c) for c in range(0x0610, 0x061B))  # honorific and Quranic signs
    + "".join(chr(c) for c in range(0x06D6, 0x06DD))  # Quranic annotation
    + "".join(chr(c) for c in range(0x06DF, 0x06E5))
    + "\u06e7\u06e8"
    + "".join(chr(c) for c in range(0x06EA, 0x06EE))
    + "\u0674"  # high hamza (NFKC leaves it after ٵ)
)

_IGNORED = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u200c\u200d"  # zero width non-joiner / joiner: shape letters, not words
    "\u200e\u200f"  # left-to-right / right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060"  # word joiner
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\ufeff"  # byte order mark / zero width no-break space
)

#: The folding rules, applied after NFKC (which already expands Arabic presentation
#: forms, the lam-alef ligatures ﻻ ﻷ ﻹ ﻵ and compatibility characters) and casefolding.
#: Each row: the characters, what they become, and why. Digits of every script and
#: Latin/Greek accents are added to the same translate map from the Unicode database.
#: Characters not covered by a rule and not letters, marks or digits (punctuation of any
#: script, symbols, emoji, spaces) separate words.
FOLDING: tuple[tuple[str, str, str], ...] = (
    ("أإآٱٲٳ", "ا", "hamza, madda and wasla on alef: news writes them or drops them"),
    ("ؤ", "و", "hamza on waw: مسؤول / مسوول"),
    ("ئ", "ي", "hamza on ya: هيئة / هيية; Egyptian spelling drops the dots of final ya"),
    ("ة", "ه", "ta marbuta: often typed as ha at the end of a word"),
    ("ىی", "ي", "alef maqsura and Farsi yeh: written for ya and each other"),
    ("ک", "ك", "Farsi keheh: the same letter as kaf"),
    ("ەۀھہۂۃ", "ه", "heh variants from Persian, Kurdish and Urdu keyboards"),
    (_TASHKEEL, "", "tashkeel, Quranic marks and the dagger alef carry no word identity"),
    ("ـ", "", "tatweel (kashida) only stretches a word: بـ = ب"),
    ("٫", ".", "Arabic decimal separator: ٣٫٥ = 3.5"),
    ("٬", ",", "Arabic thousands separator: ١٬٠٠٠ = 1,000 (then 1000)"),
    ("'’‘ʼ`´", "", "apostrophes join: didn't -> didnt, Trump's -> trumps"),
    (_IGNORED, "", "zero-width and bidi controls change display, not words"),
    ("\u200b", " ", "zero width space marks a word break"),
    ("æ", "ae", "Latin letters NFD cannot split, folded by hand: æ œ ø ł đ ħ ı þ ð"),
    ("œ", "oe", ""), ("ø", "o", ""), ("ł", "l", ""), ("đð", "d", ""), ("ħ", "h", ""),
    ("ı", "i", ""), ("þ", "th", ""),
)

# Combining marks stripped as accents: Latin, Greek and Cyrillic diacritics and Hebrew
# points. Marks of other scripts (Devanagari vowel signs, Thai tone marks, …) are part
# of the word there and are kept.
_ACCENT_RANGES = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
                  (0xFE20, 0xFE2F), (0x0591, 0x05BD), (0x05BF, 0x05BF), (0x05C1, 0x05C2),
                  (0x05C4, 0x05C5), (0x05C7, 0x05C7))
# Blocks where a precomposed letter is folded to its base letter (é -> e, ά -> α).
_ACCENTED_BLOCKS = ((0x00C0, 0x024F), (0x0370, 0x03FF), (0x1E00, 0x1EFF), (0x1F00, 0x1FFF),
                    (0x0400, 0x04FF))
# Blocks scanned for marks (kept inside words) and decimal digits (folded to ASCII).
_SCANNED_BLOCKS = ((0x0300, 0x1DFF), (0x20D0, 0x20FF), (0x3099, 0x309A), (0xA8E0, 0xABFF),
                   (0xFE20, 0xFE2F), (0xFF10, 0xFF19))


def _build_table() -> tuple[dict[int, str], str]:
    table: dict[int, str] = {}
    for chars, repl, _why in FOLDING:
        for ch in chars:
            table[ord(ch)] = repl
    for lo, hi in _ACCENT_RANGES:
        for cp in range(lo, hi + 1):
            table[cp] = ""
    for lo, hi in _ACCENTED_BLOCKS:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if cp in table or ch != ch.casefold():
                continue  # uppercase never reaches the table: casefold runs first
            base = "".join(c for c in unicodedata.normalize("NFD", ch)
                           if not unicodedata.combining(c))
            if base and base != ch and ch.isalpha():
                # Cyrillic й and ё-like letters are distinct letters, not accented ones,
                # except ё, which Russian print writes as е.
                if 0x0400 <= cp <= 0x04FF and ch != "ё":
                    continue
                table[cp] = base
    marks: list[str] = []
    for lo, hi in _SCANNED_BLOCKS:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            category = unicodedata.category(ch)
            if category == "Nd":
                table.setdefault(cp, str(unicodedata.digit(ch)))
            elif category[0] == "M" and cp not in table:
                marks.append(ch)
    return table, "".join(re.escape(m) for m in marks)


_TABLE, _KEPT_MARKS = _build_table()

# Arabic letters as they remain after folding (no tashkeel, no tatweel).
_AR = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
# A folded token: a number (with separators, canonicalised below), a run of Arabic
# letters (so "و27" is "و" and "27"), or any other run of letters, digits and marks.
# The underscore is excluded: SQLite's ascii tokenizer splits on it.
_TOKEN = re.compile(rf"\d+(?:[.,]\d+)*|[{_AR}]+|[^\W_](?:[^\W_]|[{_KEPT_MARKS}])*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL = re.compile(r"\d+\.\d+")
# Links say where, not what: "https://t.co/…", "www.…" and bare "pic.twitter.com/…".
_URL = re.compile(r"(?:https?://|www\.|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ly|co)/)\S*",
                  re.IGNORECASE)
# Hashtags and handles run words together in camel case (#SanctuaryCities, @JakeTapper):
# split them before casefolding loses the case.
_CAMEL = re.compile(r"[#@][A-Za-z0-9_]*(?:[a-z][A-Z]|[A-Z][A-Z][a-z])[A-Za-z0-9_]*")
_CAMEL_SPLIT = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _split_camel(match: re.Match[str]) -> str:
    return _CAMEL_SPLIT.sub(" ", match.group(0))
# The legacy-encoding damage of the seed article: the lam-alef ligature "لأ" became "?",
# so الأسلحة reads ا?سلحة. Repaired only where no real question mark can stand: "ا?" (or
# "ل?" for للأ) opening an Arabic word, maybe after a one-letter proclitic, and directly
# followed by an Arabic letter. "أم لا؟" and "لا?" at the end of a word are left alone.
_LOST_LAM_ALEF = re.compile(rf"(?<![{_AR}])([وفبك]?)([ال])\?(?=[{_AR}])")


def _repair_lam_alef(match: re.Match[str]) -> str:
    proclitic, letter = match.group(1), match.group(2)
    if letter == "ا":
        return proclitic + "الأ"
    return proclitic + "للأ"


def repair(text: str) -> str:
    """
    Undo the lost "لأ" ligature (ا?سلحة -> الأسلحة) where it is unambiguous.

    Only a "?" directly after a word-initial "ا" or "ل" and before another Arabic letter is
    repaired; a real question mark (before a space, or after any other letter) is kept.
    """
    if "?" not in text:
        return text
    return _LOST_LAM_ALEF.sub(_repair_lam_alef, text)


def _canonical_number(tok: str) -> list[str]:
    if "," not in tok and "." not in tok:
        return [tok]
    if _THOUSANDS.fullmatch(tok):
        return [tok.replace(",", "")]
    if _DECIMAL.fullmatch(tok):
        return [tok]
    # "2,5" or "1.2.3": ambiguous separators; keep the digit groups as words
    return [part for part in re.split(r"[.,]", tok) if part]


def _fold_words(text: str) -> list[str]:
    if "?" in text:
        text = _LOST_LAM_ALEF.sub(_repair_lam_alef, text)
    if "/" in text or "www." in text or "WWW." in text:
        text = _URL.sub(" ", text)
    if "#" in text or "@" in text:
        text = _CAMEL.sub(_split_camel, text)
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", text).casefold().translate(_TABLE)
        # Casefolding or a deleted control character can leave a sequence NFKC would
        # still change; normalise again so that fold() is idempotent.
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text).casefold().translate(_TABLE)
    if "'" in text or "`" in text:
        text = text.replace("'", "").replace("`", "")
    words = _TOKEN.findall(text)
    if "," in text or "." in text:
        out: list[str] = []
        for word in words:
            if word[0].isdigit():
                out.extend(_canonical_number(word))
            else:
                out.append(word)
        return out
    return words


def fold(text: str) -> str:
    """
    The matching form of ``text``: folded words, one space apart.

    Applies, in order: the lost-ligature repair (:func:`repair`), URL removal, NFKC,
    casefolding, the :data:`FOLDING` table (Arabic letter variants, tashkeel, tatweel,
    digits of every script to ASCII, accents, zero-width and bidi controls), then splits
    on everything that is not a letter, digit or in-word mark. Numbers lose thousands
    separators (1,000 and ١٬٠٠٠ -> 1000) and keep a decimal point (٣٫٥ -> 3.5).
    Idempotent: ``fold(fold(t)) == fold(t)``.
    """
    return " ".join(_fold_words(text))


def tokens(text: str) -> list[str]:
    """
    The folded words of ``text``, in order (``fold(text).split()``).
    """
    return _fold_words(text)


# -- terms: stems for the index -------------------------------------------------------------

# Arabic function words dropped from index terms and queries: prepositions, conjunctions,
# pronouns, demonstratives, relatives and auxiliaries (folded spelling), i.e. the most
# frequent words of news text that say nothing about a claim's topic. Negation words are
# deliberately absent: they matter to relate(). Hand-written from Arabic grammar lists.
ARABIC_STOPWORDS = frozenset("""
في من علي الي عن مع ان او ام ثم حتي اذا اذ كما لكن بل قد لقد ف و ب ل ك
هذا هذه ذلك تلك هولاء اولئك هنا هناك الذي التي الذين اللذين اللتين اللواتي اللاتي ما
هو هي هم هن انا نحن انت انتم هما
كان كانت كانوا يكون تكون اصبح اصبحت ظل ظلت
كل بعض اي عند عندما بين حول خلال منذ لدي لدى نحو ضد عبر بعد قبل فوق تحت امام وراء
ايضا فقط اما الا انه انها انهم بان بانه وان وقد وفي ومن وعلي والي وعن فيه فيها منه منها
عليه عليها اليه اليها عنه عنها به بها له لها لهم لنا لي يا
""".split())

# English function words dropped from index terms and queries: a short classic stopword
# list (articles, prepositions, pronouns, auxiliaries), minus negations, which matter.
ENGLISH_STOPWORDS = frozenset("""
a an the and or but if then so as of at by for from in into on onto to with about over
under up out off than that this these those there here it its it is be been being am are
was were has have had do does did will would shall should can could may might must
i me my we us our you your he him his she her they them their who whom whose which what
when where why how all any both each few more most other some such own same too very
s t just also via rt amp
""".split()) - {"more", "most"}

# Larkey et al. light10 (SIGIR 2002 / 2007): the definite article with its proclitics,
# tried longest first; conjunction waw is tried on its own first.
_AR_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
#: Shortest stem an Arabic clitic or suffix may leave; light10 uses 2, but 3 keeps short
#: words such as وزن or بنك apart from unrelated stems.
MIN_ARABIC_STEM = 3


@lru_cache(maxsize=65536)
def _arabic_stem(word: str) -> str:
    if len(word) >= MIN_ARABIC_STEM + 1 and word[0] == "و":
        word = word[1:]
    for article in _AR_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= MIN_ARABIC_STEM - 1:
            word = word[len(article):]
            break
    for suffix in _AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_ARABIC_STEM:
            word = word[: -len(suffix)]
    return word


_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=65536)
def _english_stem(word: str) -> str:
    # Plurals and the commonest verb endings only (after Harman's S-stemmer and Porter's
    # step 1), so that "rises", "rising" and "rise" meet; never below three letters.
    if len(word) <= 3 or not word.isascii():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5 and _VOWELS.intersection(word[:-3]):
        return _undouble(word[:-3])
    if word.endswith("ed") and len(word) > 4 and _VOWELS.intersection(word[:-2]):
        if word.endswith("ied"):
            return word[:-3] + "y"
        return _undouble(word[:-2])
    if word.endswith("e") and len(word) > 4:
        return word[:-1]
    return word


def _undouble(stem: str) -> str:
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    if stem.endswith("e") and len(stem) > 4:
        return stem[:-1]
    return stem


def _is_arabic(word: str) -> bool:
    return "\u0621" <= word[0] <= "\u06ff" or "\u0750" <= word[0] <= "\u08ff"


# A word opening with ب ل ك ف may carry a one-letter proclitic (بروسيا "in Russia") or
# not (بريطانيا, فلسطين); light10 never strips these. Such a word of five letters or
# more is indexed under both readings, so either spelling of a query finds it. Measured
# on the CheckThat! 2021 Arabic train tweets: MAP@5 +0.009 over light10 alone.
_AMBIGUOUS_PROCLITICS = "بلكف"


def word_terms(word: str) -> tuple[str, ...]:
    """
    The index terms of one folded word: its stem (two readings when a leading ب ل ك ف
    may be a proclitic), or nothing for a stopword.
    """
    if _is_arabic(word):
        if word in ARABIC_STOPWORDS:
            return ()
        return _arabic_terms(word)
    if word in ENGLISH_STOPWORDS:
        return ()
    if word.isascii() and word.isalpha():
        return (_english_stem(word),)
    if "." in word:  # a decimal: the ascii tokenizer splits it anyway
        return tuple(word.split("."))
    return (word,)


@lru_cache(maxsize=65536)
def _arabic_terms(word: str) -> tuple[str, ...]:
    stem = _arabic_stem(word)
    if (word[0] in _AMBIGUOUS_PROCLITICS and len(word) >= 5
            and not word.startswith("ال", 1)):
        other = _arabic_stem(word[1:])
        if other != stem:
            return (stem, other)
    return (stem,)


def terms(text: str) -> list[str]:
    """
    The index terms of ``text`` in order: stems of its folded words, stopwords dropped.
    """
    out: list[str] = []
    for word in _fold_words(text):
        out.extend(word_terms(word))
    return out


def primary_terms(text: str) -> list[str]:
    """
    The index terms of ``text`` with one reading per word (what a query looks up).
    """
    out: list[str] = []
    for word in _fold_words(text):
        found = word_terms(word)
        if found:
            out.append(found[0])
    return out


def index_text(text: str) -> str:
    """
    What the store indexes for ``text`` and match.py fuzzy-compares: its terms, one space
    apart, each made of letters and digits only (safe for FTS5's ascii tokenizer).
    """
    return " ".join(terms(text))


# -- facts: numbers, months, negation, opposites ---------------------------------------------


class Fact(NamedTuple):
    """
    One fact mentioned in a text: ``kind`` (number, ordinal, month, negation, opposite),
    a canonical ``value`` to compare, and the ``surface`` words as written.
    """

    kind: str
    value: str
    surface: str


# Arabic cardinal number words, folded (ة->ه, ى->ي, hamza on alef dropped): masculine
# and feminine, nominative and oblique forms, from standard grammar tables. أحد/إحدى
# alone are left out: they mostly mean "one of" / "someone" / "Sunday".
_AR_UNITS: dict[str, int] = {
    "واحد": 1, "واحده": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2,
    "اثنتي": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
}
# The first word of 11 (أحد عشر / إحدى عشرة) exists only in the compound.
_AR_TEEN_FIRST: dict[str, int] = {**_AR_UNITS, "احد": 1, "احدي": 1}
_AR_TENS: dict[str, int] = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
_AR_HUNDREDS: dict[str, int] = {"مئه": 100, "مائه": 100, "مئتان": 200, "مئتين": 200,
                                "مائتان": 200, "مائتين": 200}
# Scale words multiply a preceding number ("5 ملايين" = 5000000); alone they count one
# (or two, for the dual forms).
_SCALES: dict[str, tuple[int, int]] = {
    "الف": (1000, 1), "الاف": (1000, 1), "الفا": (1000, 1), "الفين": (1000, 2),
    "الفي": (1000, 2), "الفان": (1000, 2),
    "مليون": (10**6, 1), "ملايين": (10**6, 1), "مليونا": (10**6, 1), "مليونين": (10**6, 2),
    "مليوني": (10**6, 2), "مليونان": (10**6, 2),
    "مليار": (10**9, 1), "مليارات": (10**9, 1), "مليارا": (10**9, 1), "مليارين": (10**9, 2),
    "ملياري": (10**9, 2), "ملياران": (10**9, 2),
    "thousand": (1000, 1), "thousands": (1000, 1), "million": (10**6, 1),
    "millions": (10**6, 1), "billion": (10**9, 1), "billions": (10**9, 1),
    "trillion": (10**12, 1), "bn": (10**9, 1),
}
# Ordinals first..tenth (and eleventh, twelfth in English), with and without the
# article; الأول/الأولى after كانون/تشرين are months, taken first.
_AR_ORDINALS: dict[str, int] = {
    "اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4,
    "رابعه": 4, "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7,
    "ثامن": 8, "ثامنه": 8, "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10,
}
_EN_NUMBERS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_EN_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
# "one" is a number only outside "one of", "no one", "the one", …
_EN_ONE_BLOCKERS = frozenset({"no", "any", "every", "each", "the", "this", "that", "which",
                              "some", "anyone", "someone"})

# Month names, folded: Egyptian/Gulf transliterations of the Gregorian names, the
# Levantine/Iraqi Syriac names, the Maghrebi (French-derived) names, and English names
# and abbreviations. Sources: the Arabic Wikipedia article on Gregorian month names.
_MONTHS: dict[str, int] = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12,
    "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8,
    "ايلول": 9,
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
    "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# كانون الثاني = January … كانون الأول = December (two words; also without the article).
_TWO_WORD_MONTHS: dict[tuple[str, str], int] = {
    ("كانون", "الثاني"): 1, ("كانون", "ثاني"): 1, ("تشرين", "الاول"): 10,
    ("تشرين", "اول"): 10, ("تشرين", "الثاني"): 11, ("تشرين", "ثاني"): 11,
    ("كانون", "الاول"): 12, ("كانون", "اول"): 12,
}
# Month names that are also common words (آب/أب "father", مارس "he practised", نيسان
# "Nissan", ماي, جوان, أوت; English may, march, mar, jan, dec): they count only next to
# a number (a day or a year), the word "month", or another month name ("حزيران/ يونيو").
_AMBIGUOUS_MONTHS = frozenset({"اب", "مارس", "نيسان", "ماي", "جوان", "اوت", "may", "march",
                               "mar", "jan", "dec", "sep", "oct", "aug"})
_MONTH_CONTEXT = frozenset({"شهر", "month", "of"})
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")

# Negation cues, folded. Arabic: the particles لم لن لا ما-less set, ليس and its
# conjugations, غير, the noun عدم and the verb نفى "deny" in its common forms, plus
# Egyptian/Levantine/Gulf colloquial مش مو مب; English: not, no, never, the n't forms
# (apostrophe already dropped), deny. From grammar references; each checked against
# ANS train pairs (none occurs more in "same" pairs than in "contradicts" ones).
_AR_NEGATIONS = frozenset({
    "لم", "لن", "لا", "ليس", "ليست", "ليسوا", "لست", "لسنا", "لستم", "غير", "عدم",
    "نفي", "نفت", "ينفي", "تنفي", "ينفيان", "نفوا", "ينفون", "مش", "مو", "مب",
})
_EN_NEGATIONS = frozenset({
    "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere",
    "cannot", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont",
    "cant", "couldnt", "shouldnt", "wouldnt", "hasnt", "havent", "hadnt", "aint",
    "mustnt", "deny", "denies", "denied", "denying",
})
# Fixed expressions where the negation word does not negate the claim.
_NOT_NEGATIONS: frozenset[tuple[str, str]] = frozenset({
    ("لا", "يزال"), ("لا", "تزال"), ("لا", "يزالون"), ("لا", "سيما"), ("لا", "بد"),
    ("غير", "ان"), ("غير", "ذلك"), ("no", "longer"), ("not", "only"), ("no", "doubt"),
})

#: Opposites: (concept, words on one side, words on the other), folded. A claim using
#: one side and another claim the other side conflict (ارتفاع ↔ انخفاض). Verb forms
#: are listed (past, present, 3rd person masc./fem., verbal noun) rather than stemmed,
#: so a word is never matched by accident. Hand-written; Arabic rows were checked
#: against the words that differ between ANS train "contradicts" pairs (Khouja 2020,
#: Apache-2.0), which added تراجع, هبوط, تهبط, يقفز and خفض.
OPPOSITES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    ("rise/fall", frozenset("""
        ارتفاع ارتفع ارتفعت يرتفع ترتفع مرتفع مرتفعه صعود صعد صعدت يصعد تصعد زياده زاد
        زادت يزيد تزيد ازدياد يزداد تزداد قفز قفزت يقفز تقفز رفع يرفع ترفع رفعت ارتفاعا
        تضاعف يتضاعف تتضاعف
        rise rises rising rose risen increase increases increased increasing grow grows
        grew growing climb climbs climbed soar soars soared surge surges surged jump
        jumps jumped raise raises raised raising higher gained up
        """.split()), frozenset("""
        انخفاض انخفض انخفضت ينخفض تنخفض منخفض منخفضه هبوط هبط هبطت يهبط تهبط تراجع
        تراجعت يتراجع تتراجع نقص نقصت ينقص تنقص نقصان خفض خفضت يخفض تخفض تخفيض انهيار
        انهار انهارت ينهار تنهار تدني يتدني تتدني انخفاضا تراجعا هبوطا
        fall falls fell fallen falling decrease decreases decreased decreasing drop drops
        dropped dropping decline declines declined declining shrink shrinks shrank plunge
        plunges plunged slump slumps slumped lower lowered cut cuts tumble tumbled sink
        sank down
        """.split())),
    ("win/lose", frozenset("""
        فوز فاز فازت يفوز تفوز انتصار انتصر انتصرت ينتصر تنتصر مكاسب مكسب ارباح ربح
        win wins won winning victory gain gains profit profits
        """.split()), frozenset("""
        خساره خساير خسر خسرت يخسر تخسر هزيمه انهزم
        lose loses lost losing loss losses defeat
        """.split())),
    ("accept/reject", frozenset("""
        قبول يقبل تقبل قبلت وافق وافقت يوافق توافق موافقه
        accept accepts accepted approve approves approved
        """.split()), frozenset("""
        رفض رفضت يرفض ترفض رافض رافضه
        reject rejects rejected refuse refuses refused
        """.split())),
    ("allow/ban", frozenset("""
        سماح سمح سمحت يسمح تسمح
        allow allows allowed permit permits permitted legal legalize legalized
        """.split()), frozenset("""
        منع منعت يمنع تمنع حظر حظرت يحظر تحظر
        ban bans banned prohibit prohibits prohibited forbid forbids forbidden illegal
        """.split())),
    ("open/close", frozenset("""
        فتح فتحت يفتح تفتح افتتاح
        open opens opened reopen reopens reopened
        """.split()), frozenset("""
        اغلاق اغلق اغلقت يغلق تغلق غلق
        close closes closed shut shuts
        """.split())),
    ("more/less", frozenset("اكثر اعلي اكبر more most highest largest".split()),
     frozenset("اقل ادني اصغر less fewer least lowest smallest".split())),
    ("start/stop", frozenset("""
        بدء بدا بدات يبدا تبدا استئناف استانف
        start starts started begin begins began resume resumes resumed
        """.split()), frozenset("""
        وقف اوقف اوقفت يوقف توقف توقفت يتوقف انتهاء تعليق علق علقت
        stop stops stopped end ends ended halt halts halted suspend suspends suspended
        """.split())),
    ("arrest/release", frozenset("""
        اعتقال اعتقل اعتقلت يعتقل تعتقل
        القبض قبض
        arrest arrests arrested detain detained
        """.split()), frozenset("""
        الافراج افراج افرج افرجت يفرج تفرج
        release releases released free freed
        """.split())),
    ("alive/dead", frozenset("alive survive survives survived".split()),
     frozenset("dead die dies died killed".split())),
    ("positive/negative", frozenset("ايجابي ايجابيه positive".split()),
     frozenset("سلبي سلبيه negative".split())),
    ("support/oppose", frozenset("""
        support supports supported backs backed favor favors
        """.split()), frozenset("""
        oppose opposes opposed against
        """.split())),
)
#: Contrast words: on one side of a pair only, they mark a reversal of the other claim
#: ("… تفشل في …", "… رغم …", "استمرار …", "هدوء في …"). Arabic rows were derived from
#: ANS train pairs (Khouja 2020, github.com/latynt/ans, Apache-2.0): words differing
#: between the two headlines of at least 5 "contradicts" pairs and at most one in ten
#: "same" pairs, hand-filtered to keep only words that carry no topic (no names,
#: places, commodities), then completed with their other verb forms. English rows are
#: their hand-written translations.
CONTRAST_CUES: dict[str, str] = {
    **dict.fromkeys("فشل فشلت يفشل تفشل يفشلون".split(), "فشل"),  # fail
    **dict.fromkeys("تجاهل تجاهلت يتجاهل تتجاهل".split(), "تجاهل"),  # ignore
    **dict.fromkeys("رغم برغم".split(), "رغم"),  # despite (بالرغم: article stripped)
    **dict.fromkeys("دون بدون".split(), "دون"),  # without
    **dict.fromkeys("استمرار يستمر تستمر استمر استمرت".split(), "استمرار"),  # continue
    **dict.fromkeys("بقاء يبقي تبقي بقي بقيت".split(), "بقاء"),  # stay, remain
    **dict.fromkeys("هدوء".split(), "هدوء"),  # calm (against clashes, attacks)
    **dict.fromkeys("براءه تبرئه".split(), "براءه"),  # acquittal
    **dict.fromkeys("نجاه نجا نجت ينجو تنجو".split(), "نجاه"),  # survive, escape
    **dict.fromkeys("يخلو تخلو خلو".split(), "خلو"),  # be free of
    **dict.fromkeys("رفض رفضت يرفض ترفض يرفضون".split(), "رفض"),  # refuse, reject
    **dict.fromkeys("fail fails failed failure".split(), "fail"),
    **dict.fromkeys("ignore ignores ignored".split(), "ignore"),
    **dict.fromkeys("despite".split(), "despite"),
    **dict.fromkeys("without".split(), "without"),
    **dict.fromkeys("acquit acquits acquitted".split(), "acquit"),
    **dict.fromkeys("refuse refuses refused reject rejects rejected".split(), "refuse"),
}

_OPPOSITE_INDEX: dict[str, tuple[str, int]] = {}
for _concept, _side0, _side1 in OPPOSITES:
    for _w in _side0:
        _OPPOSITE_INDEX.setdefault(_w, (_concept, 0))
    for _w in _side1:
        _OPPOSITE_INDEX.setdefault(_w, (_concept, 1))

#: Places: (name shown in reasons, Arabic spellings, Arabic nisba stems, English
#: spellings and demonyms), folded. Two claims that each name a place the other lacks
#: ("… شرق سوريا" / "… شرق العراق") conflict. Hand-written: the states of the Arab
#: League, the countries and capitals most named in Arabic and English news, and their
#: usual adjectives (المصري, الإيرانية, Egyptian).
PLACES: tuple[tuple[str, str, str, str], ...] = (
    ("Egypt", "مصر", "مصر", "egypt egyptian"),
    ("Sudan", "السودان سودان", "سودان", "sudan sudanese"),
    ("Libya", "ليبيا", "ليب", "libya libyan"),
    ("Tunisia", "تونس", "تونس", "tunisia tunisian"),
    ("Algeria", "الجزاير", "جزاير", "algeria algerian"),
    ("Morocco", "المغرب", "مغرب", "morocco moroccan"),
    ("Saudi Arabia", "السعوديه", "سعود", "saudi"),
    ("UAE", "الامارات", "امارات", "uae emirates emirati"),
    ("Qatar", "قطر", "قطر", "qatar qatari"),
    ("Bahrain", "البحرين", "بحرين", "bahrain bahraini"),
    ("Kuwait", "الكويت", "كويت", "kuwait kuwaiti"),
    ("Oman", "مسقط", "عمان", "oman omani muscat"),
    ("Yemen", "اليمن", "يمن", "yemen yemeni"),
    ("Iraq", "العراق", "عراق", "iraq iraqi"),
    ("Syria", "سوريا سوريه", "سور", "syria syrian"),
    ("Lebanon", "لبنان", "لبنان", "lebanon lebanese"),
    ("Jordan", "الاردن", "اردن", "jordan jordanian"),
    ("Palestine", "فلسطين", "فلسطين", "palestine palestinian"),
    ("Israel", "اسراييل", "اسراييل", "israel israeli"),
    ("Iran", "ايران", "ايران", "iran iranian"),
    ("Turkey", "تركيا", "ترك", "turkey turkish"),
    ("Russia", "روسيا", "روس", "russia russian"),
    ("China", "الصين", "صين", "china chinese"),
    ("Japan", "اليابان", "يابان", "japan japanese"),
    ("India", "الهند", "هند", "india indian"),
    ("Pakistan", "باكستان", "باكستان", "pakistan pakistani"),
    ("Afghanistan", "افغانستان", "افغان", "afghanistan afghan"),
    ("USA", "امريكا اميركا واشنطن نيويورك", "امريك اميرك", "usa us america american washington"),
    ("UK", "بريطانيا لندن", "بريطان", "uk britain british england english london"),
    ("France", "فرنسا باريس", "فرنس", "france french paris"),
    ("Germany", "المانيا برلين", "الماني المان", "germany german berlin"),
    ("Italy", "ايطاليا روما", "ايطال", "italy italian rome"),
    ("Spain", "اسبانيا مدريد", "اسبان", "spain spanish madrid"),
    ("Greece", "اليونان", "يونان", "greece greek"),
    ("Canada", "كندا", "كند", "canada canadian"),
    ("Mexico", "المكسيك", "مكسيك", "mexico mexican"),
    ("Brazil", "البرازيل", "برازيل", "brazil brazilian"),
    ("Argentina", "الارجنتين", "ارجنتين", "argentina argentinian"),
    ("Venezuela", "فنزويلا", "فنزويل", "venezuela venezuelan"),
    ("Ethiopia", "اثيوبيا", "اثيوب", "ethiopia ethiopian"),
    ("Nigeria", "نيجيريا", "نيجير", "nigeria nigerian"),
    ("Somalia", "الصومال", "صومال", "somalia somali"),
    ("Korea", "كوريا", "كور", "korea korean"),
    ("Ukraine", "اوكرانيا", "اوكران", "ukraine ukrainian"),
    # Capitals and big cities count as their country: "بكين" and "الصين" agree.
    ("Egypt", "القاهره الاسكندريه", "", "cairo alexandria"),
    ("Saudi Arabia", "الرياض جده", "", "riyadh jeddah"),
    ("UAE", "دبي ابوظبي", "", "dubai"),
    ("Qatar", "الدوحه", "", "doha"),
    ("Iraq", "بغداد الموصل البصره", "", "baghdad mosul basra"),
    ("Syria", "دمشق حلب", "", "damascus aleppo"),
    ("Lebanon", "بيروت", "", "beirut"),
    ("Iran", "طهران", "", "tehran"),
    ("Turkey", "انقره اسطنبول", "", "ankara istanbul"),
    ("Russia", "موسكو الكرملين", "", "moscow kremlin"),
    ("China", "بكين", "", "beijing"),
    ("Palestine", "غزه رام", "", "gaza ramallah"),
    ("Libya", "بنغازي طبرق", "", "benghazi tobruk"),
    ("Yemen", "صنعاء عدن", "", "sanaa aden"),
    # عمان is both Oman and Amman: left out.
)
_PLACE_NAMES: dict[str, str] = {}
_PLACE_NISBA: dict[str, str] = {}
for _name, _arabic, _nisba, _english in PLACES:
    for _w in _arabic.split():
        _PLACE_NAMES.setdefault(_w, _name)
        if _w.startswith("ال"):
            _PLACE_NAMES[_w[2:]] = _name
    for _w in _nisba.split():
        _PLACE_NISBA[_w] = _name
    for _w in _english.split():
        _PLACE_NAMES[_w] = _name
# Two-word names, and the nisba endings (masculine, feminine, plurals) tried on Arabic.
_TWO_WORD_PLACES: dict[tuple[str, str], str] = {
    ("الولايات", "المتحده"): "USA", ("united", "states"): "USA", ("ابو", "ظبي"): "UAE",
    ("abu", "dhabi"): "UAE", ("new", "york"): "USA",
    ("كوريا", "الشماليه"): "North Korea", ("north", "korea"): "North Korea",
    ("كوريا", "الجنوبيه"): "South Korea", ("south", "korea"): "South Korea",
}
_NISBA_ENDINGS = ("يين", "يون", "يه", "ي")

_PROCLITICS = "وفبلك"
_ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")


def _lookup_forms(word: str) -> Iterator[str]:
    # The word itself, then without one proclitic (و ف ب ل ك), then without the
    # article with its proclitics, then without an accusative alef (ارتفاعا).
    yield word
    if len(word) > 3 and word[0] in _PROCLITICS:
        yield word[1:]
    for article in _ARTICLES:
        if word.startswith(article) and len(word) > len(article) + 1:
            yield word[len(article):]
            break


def _words_with_surface(text: str) -> list[tuple[str, str]]:
    # Pairs (folded word, the whitespace-separated chunk it came from), so reasons can
    # quote the text as written.
    out: list[tuple[str, str]] = []
    for chunk in repair(text).split():
        surface = chunk.strip(".,;:!?؟،؛()[]{}\"'«»“”‘’-–—/\\|*#@")
        for word in _fold_words(chunk):
            out.append((word, surface or chunk))
    return out


def term_words(text: str) -> list[tuple[str, str]]:
    """
    Pairs (primary index term, the word as written) for ``text``, stopwords dropped.
    """
    out: list[tuple[str, str]] = []
    for word, surface in _words_with_surface(text):
        found = word_terms(word)
        if found:
            out.append((found[0], surface))
    return out


def _number_value(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return repr(value)


class Facts(NamedTuple):
    """
    The facts of one text, as extracted by :func:`facts`.
    """

    numbers: tuple[Fact, ...]
    ordinals: tuple[Fact, ...]
    months: tuple[Fact, ...]
    negations: tuple[Fact, ...]
    opposites: tuple[Fact, ...]
    contrasts: tuple[Fact, ...]
    places: tuple[Fact, ...]


def facts(text: str) -> Facts:
    """
    Extract the numbers, ordinals, months, negation cues and opposite-bearing words.

    Numbers come from digits (any script; separators canonicalised), scale words
    ("5 ملايين" -> 5000000, "2.5 million" -> 2500000) and number words (Arabic one to
    ninety and hundreds in both genders and cases, compounds like أحد عشر; English one to
    ninety). Ordinals: first..tenth (الأول/الأولى … العاشر/العاشرة) and 1st, 2nd, ….
    Month values are 1..12; opposite values are "concept:side".
    """
    words = _words_with_surface(text)
    folded = [w for w, _ in words]
    n = len(folded)
    numbers: list[Fact] = []
    ordinals: list[Fact] = []
    months: list[Fact] = []
    negations: list[Fact] = []
    opposites: list[Fact] = []
    contrasts: list[Fact] = []
    places: list[Fact] = []
    i = 0
    while i < n:
        word, surface = words[i]
        nxt = folded[i + 1] if i + 1 < n else ""
        # two-word months first: كانون الثاني, تشرين الأول
        month2 = _TWO_WORD_MONTHS.get((_strip_proclitic(word), nxt))
        if month2:
            months.append(Fact("month", str(month2), f"{surface} {words[i + 1][1]}"))
            i += 2
            continue
        number, used = _read_number(folded, i)
        if number is not None:
            shown = " ".join(s for _, s in words[i:i + used])
            numbers.append(Fact("number", _number_value(number), shown))
            i += used
            continue
        ordinal = _read_ordinal(folded, i)
        if ordinal is not None:
            value, used = ordinal
            shown = " ".join(s for _, s in words[i:i + used])
            ordinals.append(Fact("ordinal", str(value), shown))
            i += used
            continue
        month = _read_month(folded, words, i)
        if month is not None:
            months.append(Fact("month", str(month), surface))
            i += 1
            continue
        place2 = _TWO_WORD_PLACES.get((_strip_proclitic(word), nxt))
        if place2:
            places.append(Fact("place", place2, f"{surface} {words[i + 1][1]}"))
            i += 2
            continue
        place = _read_place(word)
        if place is not None:
            places.append(Fact("place", place, surface))
            i += 1
            continue
        negation = _read_negation(word, nxt)
        if negation is not None:
            negations.append(Fact("negation", negation, surface))
        else:
            for form in _lookup_forms(word):
                hit = _OPPOSITE_INDEX.get(form)
                if hit is not None:
                    opposites.append(Fact("opposite", f"{hit[0]}:{hit[1]}", surface))
                cue = CONTRAST_CUES.get(form)
                if cue is not None:
                    contrasts.append(Fact("contrast", cue, surface))
                if hit is not None or cue is not None:
                    break
        i += 1
    return Facts(tuple(numbers), tuple(ordinals), tuple(months), tuple(negations),
                 tuple(opposites), tuple(contrasts), tuple(places))


def _strip_proclitic(word: str) -> str:
    if len(word) > 4 and word[0] in _PROCLITICS:
        return word[1:]
    return word


def _number_word(word: str) -> int | None:
    for form in _lookup_forms(word):
        if form in _AR_UNITS:
            # with the article only the longer forms: الست is "the lady", الاثنين Monday
            if form != word and word[-len(form) - 2:-len(form)] == "ال" and len(form) < 4:
                return None
            if form in ("اثنين",) and form != word:
                return None
            return _AR_UNITS[form]
        if form in _AR_TENS:
            return _AR_TENS[form]
        if form in _AR_HUNDREDS:
            return _AR_HUNDREDS[form]
    return _EN_NUMBERS.get(word)


def _read_number(folded: list[str], i: int) -> tuple[float | None, int]:
    word = folded[i]
    nxt = folded[i + 1] if i + 1 < len(folded) else ""
    value: float | None = None
    used = 1
    if word[0].isdigit():
        if nxt in _ORDINAL_SUFFIXES:
            return None, 0
        try:
            value = float(word)
        except ValueError:
            return None, 0
    else:
        first = _strip_proclitic(word)
        if nxt in ("عشر", "عشره") and first in _AR_TEEN_FIRST and _AR_TEEN_FIRST[first] < 10:
            value, used = float(10 + _AR_TEEN_FIRST[first]), 2
        else:
            unit = _number_word(word)
            if unit is not None:
                if word == "one" and (
                    nxt == "of" or (i and folded[i - 1] in _EN_ONE_BLOCKERS)
                ):
                    return None, 0
                if word in ("واحد", "واحده") and nxt == "من":
                    return None, 0
                value = float(unit)
                # "خمسة وعشرون" = 25; "twenty five" = 25
                if unit < 10 and nxt.startswith("و") and nxt[1:] in _AR_TENS:
                    value, used = float(unit + _AR_TENS[nxt[1:]]), 2
                elif unit >= 20 and unit % 10 == 0 and _EN_NUMBERS.get(nxt, 99) < 10:
                    value, used = float(unit + _EN_NUMBERS[nxt]), 2
            elif word in _SCALES or _strip_proclitic(word) in _SCALES:
                scale, count = _SCALES.get(word) or _SCALES[_strip_proclitic(word)]
                return float(scale * count), 1
    if value is None:
        return None, 0
    after = folded[i + used] if i + used < len(folded) else ""
    if after in _SCALES:
        scale, _count = _SCALES[after]
        value *= scale
        used += 1
    return value, used


def _read_ordinal(folded: list[str], i: int) -> tuple[int, int] | None:
    word = folded[i]
    nxt = folded[i + 1] if i + 1 < len(folded) else ""
    if word.isdigit() and nxt in _ORDINAL_SUFFIXES:
        return int(word), 2
    if word in _EN_ORDINALS:
        return _EN_ORDINALS[word], 1
    for form in _lookup_forms(word):
        if form in _AR_ORDINALS:
            return _AR_ORDINALS[form], 1
    return None


def _read_month(folded: list[str], words: list[tuple[str, str]], i: int) -> int | None:
    word = folded[i]
    month = _MONTHS.get(word)
    key = word
    if month is None:
        stripped = _strip_proclitic(word)
        if stripped != word and stripped not in _AMBIGUOUS_MONTHS:
            month, key = _MONTHS.get(stripped), stripped
    if month is None:
        return None
    if key in _AMBIGUOUS_MONTHS:
        neighbours = [folded[j] for j in (i - 1, i + 1) if 0 <= j < len(folded)]
        surface = words[i][1]
        capitalised = key.isascii() and surface[:1].isupper() and i > 0
        if not capitalised and not any(
            w.isdigit() or w in _MONTH_CONTEXT or (w in _MONTHS and w not in _AMBIGUOUS_MONTHS)
            for w in neighbours
        ):
            return None
    return month


def _read_place(word: str) -> str | None:
    for form in _lookup_forms(word):
        name = _PLACE_NAMES.get(form)
        if name is not None:
            return name
        for ending in _NISBA_ENDINGS:
            if form.endswith(ending) and len(form) > len(ending) + 2:
                name = _PLACE_NISBA.get(form[: -len(ending)])
                if name is not None:
                    return name
                break
    return None


def _read_negation(word: str, nxt: str) -> str | None:
    if word in _EN_NEGATIONS:
        if (word, nxt) in _NOT_NEGATIONS:
            return None
        return word
    for form in (word, _strip_proclitic(word) if len(word) > 2 else word):
        if form in _AR_NEGATIONS:
            if (form, nxt) in _NOT_NEGATIONS:
                return None
            return form
    if len(word) == 3 and word[0] in "وف" and word[1:] in ("لم", "لن", "لا"):
        return word[1:]
    return None


def numbers(text: str) -> list[Fact]:
    """
    The numbers ``text`` mentions (digits, number words, scale words), in order.
    """
    return list(facts(text).numbers)


def months(text: str) -> list[Fact]:
    """
    The months ``text`` mentions; ``value`` is the month number "1".."12".
    """
    return list(facts(text).months)


def negations(text: str) -> list[Fact]:
    """
    The negation cues of ``text`` (لم, ليس, تنفي, not, didn't, …).
    """
    return list(facts(text).negations)


def opposites(text: str) -> list[Fact]:
    """
    The words of ``text`` that sit on one side of an :data:`OPPOSITES` pair.
    """
    return list(facts(text).opposites)


def month_name(value: str) -> str:
    """
    The English name of month number ``value`` ("6" -> "June").
    """
    return MONTH_NAMES[int(value) - 1]


def unique(items: Iterable[str]) -> list[str]:
    """
    ``items`` without repeats, first occurrence kept.
    """
    return list(dict.fromkeys(items))
