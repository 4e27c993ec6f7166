"""
Text -> matching form: folding, tokens and index terms.

Three forms of a text, from closest to the original to most reduced:

``fold(text)``
    The matching form: folded words, one space apart. :func:`repair` of the lost "لأ"
    ligature, URL removal, NFKC, casefolding, then the :data:`FOLDING` table applied
    with one ``str.translate``; numbers are canonicalised (1,000 -> 1000).
``tokens(text)``
    ``fold(text).split()``: the folded words, in order.
``index_text(text)``
    What the store indexes (SQLite FTS5, ``tokenize='ascii'``) and what matching.py
    fuzzy-compares: the *terms* of the text, i.e. its folded words with Arabic clitics
    and English inflections stripped and stopwords dropped, one space apart. A term
    holds only letters, digits and in-word marks (never ASCII punctuation), so the
    ascii tokenizer keeps each one whole.

:func:`term_words` pairs each term with the word as written, for reasons a reviewer
reads; the facts relate() compares (numbers, months, negations, …) are read by
:mod:`factreg.facts`. Word lists (stopwords) are package data read by
:mod:`factreg.lexicon`.

Only the standard library is used; every table is built once at import.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain

from factreg import lexicon
from factreg.lang import detect_lang as detect_lang  # re-exported for older imports

#: Bumped whenever the matching form (``fold``, ``index_text``) changes; stored index
#: terms from an older version must then be rebuilt (``factreg reindex``).
NORMALIZATION_VERSION = 3


# -- the folding table ----------------------------------------------------------------------


def _chars(lo: int, hi: int) -> str:
    return "".join(chr(c) for c in range(lo, hi + 1))


# Vowel marks and Quranic signs: a reader supplies them and most news omits them.
_TASHKEEL = (
    _chars(0x064B, 0x065F)  # harakat, tanween, shadda, sukun, madda/hamza above/below, …
    + "\u0670"  # superscript (dagger) alef: هٰذا is written هذا in news
    + _chars(0x0610, 0x061A)  # honorific signs (ؐ ؑ …) and small Quranic letters
    + _chars(0x06D6, 0x06DC)  # Quranic pause marks
    + _chars(0x06DF, 0x06E4)
    + "\u06e7\u06e8"
    + _chars(0x06EA, 0x06ED)
    + "\u0674"  # high hamza, left by NFKC after ٵ
)

# Invisible format characters: they change how a text is displayed, not its words.
_IGNORED = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u200b"  # zero width space: pasted into words to dodge filters (حف​تر), so ignored
    "\u200c\u200d"  # zero width non-joiner / joiner (shape Persian and Arabic letters)
    "\u200e\u200f"  # left-to-right / right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060"  # word joiner
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\ufeff"  # byte order mark / zero width no-break space
)

#: The folding table, applied after NFKC (which already expands Arabic presentation
#: forms, the lam-alef ligatures ﻻ ﻷ ﻹ ﻵ and other compatibility characters) and
#: casefolding. Each row: characters, what each becomes, and why. The same translate
#: map also gets, from the Unicode database: every decimal digit (Arabic-Indic ٠-٩,
#: Persian ۰-۹, Devanagari, …) -> ASCII, and Latin/Greek accented letters -> their base
#: letter. Whatever is not a letter, digit or in-word mark after this (punctuation of
#: any script such as ، ؛ ؟ « » …, symbols, emoji, spaces) separates words.
# fmt: off
FOLDING: tuple[tuple[str, str, str], ...] = (
    ("أإآٱٲٳ", "ا", "hamza, madda and wasla on alef: news writes them or drops them"),
    ("ؤ", "و", "hamza on waw: مسؤول and مسوول"),
    ("ئ", "ي", "hamza on ya: هيئة and هيية (the hamza seat is often dropped)"),
    ("ة", "ه", "ta marbuta: typed as ha at the end of a word"),
    ("ىی", "ي", "alef maqsura and Farsi yeh: written for ya and for each other"),
    ("ک", "ك", "Farsi keheh: the same letter as kaf"),
    ("ەۀھہۂۃ", "ه", "heh variants from Persian, Kurdish and Urdu keyboards"),
    (_TASHKEEL, "", "tashkeel, Quranic marks and the dagger alef: not part of a word"),
    ("ـ", "", "tatweel (kashida) only stretches a word: بـ = ب"),
    ("٫", ".", "Arabic decimal separator: ٣٫٥ = 3.5"),
    ("٬", ",", "Arabic thousands separator: ١٬٠٠٠ = 1,000, then 1000"),
    ("'’‘ʼ`´", "", "apostrophes join a word: didn't -> didnt, Trump's -> trumps"),
    (_IGNORED, "", "zero-width and bidi controls, soft hyphen: display only"),
    ("æ", "ae", "Latin letters without a decomposition: æ œ ø ł đ ð ħ ı þ"),
    ("œ", "oe", ""), ("ø", "o", ""), ("ł", "l", ""), ("đð", "d", ""), ("ħ", "h", ""),
    ("ı", "i", ""), ("þ", "th", ""),
)
# fmt: on

# Combining marks stripped as accents: Latin, Greek and Cyrillic diacritics and Hebrew
# points. Marks of other scripts (Devanagari vowel signs, Thai tone marks, …) are part
# of the word there and are kept inside it.
_ACCENT_RANGES = (
    (0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F),
    (0x0591, 0x05BD), (0x05BF, 0x05BF), (0x05C1, 0x05C2), (0x05C4, 0x05C5), (0x05C7, 0x05C7),
)  # fmt: skip
# Blocks whose precomposed letters fold to their base letter (é -> e, ά -> α).
_ACCENTED_BLOCKS = ((0x00C0, 0x024F), (0x0370, 0x03FF), (0x1E00, 0x1EFF), (0x1F00, 0x1FFF),
                    (0x0400, 0x04FF))  # fmt: skip
# Blocks scanned for in-word marks and decimal digits (a few milliseconds at import).
_SCANNED_BLOCKS = ((0x0300, 0x1DFF), (0x20D0, 0x20FF), (0x3099, 0x309A), (0xA8E0, 0xABFF),
                   (0xFE20, 0xFE2F), (0xFF10, 0xFF19))  # fmt: skip


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
            if cp in table or ch != ch.casefold() or not ch.isalpha():
                continue  # uppercase never reaches the table: casefolding runs first
            base = "".join(
                c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)
            )
            # Cyrillic й is a letter of its own; only ё is written е in Russian print.
            if base and base != ch and (not 0x0400 <= cp <= 0x04FF or ch == "ё"):
                table[cp] = base
    # a folded letter may itself fold further (ǽ -> æ -> ae): apply the table to its
    # replacement until nothing changes, so that one translate is enough
    for cp, repl in table.items():
        while repl.translate(table) != repl:
            repl = repl.translate(table)
        table[cp] = repl
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
# Speed: str.translate looks every character up (~0.1 µs each). The letter variants
# found in nearly every Arabic sentence are replaced with str.replace instead, and the
# full translate runs only when a rarer character (tashkeel, digits, accents, …) occurs.
_COMMON = tuple((ch, repl) for chars, repl, _ in FOLDING[:5] for ch in chars)
_RARE = re.compile(
    "[" + "".join(re.escape(chr(cp)) for cp in _TABLE if chr(cp) not in dict(_COMMON)) + "]"
)

# Arabic letters as they remain after folding (no tashkeel, no tatweel).
_AR = (
    "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff"
    "\u0750-\u077f\u08a0-\u08ff"
)
# A folded word: a number (separators canonicalised below), a run of Arabic letters (so
# "و27" is "و" and "27"), or any other run of letters, digits and in-word marks. The
# underscore is not a word character: SQLite's ascii tokenizer splits on it.
_WORD = re.compile(rf"\d+(?:[.,]\d+)*|[{_AR}]+|[^\W_](?:[^\W_]|[{_KEPT_MARKS}])*")
# _WORD on ASCII text, where it comes to this (Arabic letters and marks cannot occur) and
# runs in half the time: the word branch is one character class, not an alternation.
_ASCII_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[A-Za-z][A-Za-z0-9]*")
# Only a word of the number branch holds a separator, and so a digit on either side.
_SEPARATED_NUMBER = re.compile(r"\d[.,]\d")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL = re.compile(r"\d+\.\d+")
# Links say where, not what: "https://t.co/…", "www.…" and bare "pic.twitter.com/…".
_URL = re.compile(
    r"(?:https?://|www\.)\S*|[\w.-]*\.(?:com|org|net|ly|co)/\S*", re.IGNORECASE | re.ASCII
)
_URL_HINT = re.compile(r"://|www\.|\.(?:com|org|net|ly|co)/", re.IGNORECASE)
# Hashtags and handles run words together in camel case (#SanctuaryCities, @JakeTapper,
# #CNNLeaks): split them before casefolding loses the case. Measured on the CheckThat!
# 2020 English train tweets together with URL removal: MAP@5 0.797 -> 0.828 (bm25).
_CAMEL = re.compile(r"[#@][A-Za-z0-9_]*(?:[a-z][A-Z]|[A-Z][A-Z][a-z])[A-Za-z0-9_]*")
_CAMEL_SPLIT = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# The legacy-encoding damage of the seed article: the lam-alef ligature "لأ" became "?",
# so الأسلحة reads ا?سلحة. Repaired only where no real question mark can stand: "ا?" (or
# "ل?", from للأ) opening an Arabic word, maybe after a one-letter proclitic, directly
# followed by another Arabic letter. "أم لا؟", "لا?" and "هل?" are left alone.
_LOST_LAM_ALEF = re.compile(rf"(?<![{_AR}])([وفبك]?)([ال])\?(?=[{_AR}])")


def _split_camel(match: re.Match[str]) -> str:
    return _CAMEL_SPLIT.sub(" ", match.group(0))


def _repair_lam_alef(match: re.Match[str]) -> str:
    proclitic, letter = match.group(1), match.group(2)
    return proclitic + ("الأ" if letter == "ا" else "للأ")


def repair(text: str) -> str:
    """
    Undo the lost "لأ" ligature (ا?سلحة -> الأسلحة) where it is unambiguous.

    Only a "?" right after a word-initial "ا" or "ل" (maybe behind و ف ب ك) and before
    another Arabic letter is repaired; a real question mark is kept.
    """
    if "?" not in text:
        return text
    return _LOST_LAM_ALEF.sub(_repair_lam_alef, text)


def _canonical_number(word: str) -> list[str]:
    if _THOUSANDS.fullmatch(word):
        return [word.replace(",", "")]
    if _DECIMAL.fullmatch(word):
        return [word]
    # "2,5" or "1.2.3": ambiguous separators; the digit groups stay as words
    return [part for part in re.split(r"[.,]", word) if part]


def _fold_words(text: str) -> list[str]:
    if "?" in text:
        text = _LOST_LAM_ALEF.sub(_repair_lam_alef, text)
    if ("/" in text or "www." in text or "WWW." in text) and _URL_HINT.search(text):
        text = _URL.sub(" ", text)
    if "#" in text or "@" in text:
        text = _CAMEL.sub(_split_camel, text)
    if text.isascii():
        # the fast path: ASCII is already NFKC and only needs case and apostrophes
        text = text.lower()
        if "'" in text or "`" in text:
            text = text.replace("'", "").replace("`", "")
        words = _ASCII_WORD.findall(text)
    else:
        text = _translate(unicodedata.normalize("NFKC", text).casefold())
        # Casefolding or a deleted control character can leave a sequence NFKC would
        # still change; one more round makes fold() idempotent.
        if not unicodedata.is_normalized("NFKC", text):
            text = _translate(unicodedata.normalize("NFKC", text).casefold())
        words = _WORD.findall(text)
    if ("," not in text and "." not in text) or not _SEPARATED_NUMBER.search(text):
        return words  # no number with a separator: the common case, a full stop
    out: list[str] = []
    for word in words:
        if word[0].isdigit() and ("," in word or "." in word):
            out.extend(_canonical_number(word))
        else:
            out.append(word)
    return out


def _translate(text: str) -> str:
    for char, repl in _COMMON:
        if char in text:
            text = text.replace(char, repl)
    if _RARE.search(text):
        text = text.translate(_TABLE)
    return text


def fold(text: str) -> str:
    """
    The matching form of ``text``: folded words, one space apart.

    Applies, in order: :func:`repair`, URL removal, camel-case splitting of hashtags and
    handles, NFKC, casefolding and the :data:`FOLDING` table (Arabic letter variants,
    tashkeel, tatweel, digits of every script to ASCII, accents, zero-width and bidi
    controls), then keeps only words: runs of letters, digits and in-word marks.
    Numbers lose thousands separators (1,000 and ١٬٠٠٠ -> 1000) and keep a decimal point
    (٣٫٥ -> 3.5). Idempotent: ``fold(fold(t)) == fold(t)``.
    """
    return " ".join(_fold_words(text))


def tokens(text: str) -> list[str]:
    """
    The folded words of ``text``, in order (``fold(text).split()``).
    """
    return _fold_words(text)


# -- terms: stems for the index -------------------------------------------------------------

#: Arabic function words dropped from index terms and queries (folded spelling); negation
#: words are deliberately absent. The list and its provenance: data/lexicon/stopwords-ar.txt.
ARABIC_STOPWORDS = lexicon.words("stopwords-ar.txt")
#: English function words dropped from index terms and queries, negations kept:
#: data/lexicon/stopwords-en.txt.
ENGLISH_STOPWORDS = lexicon.words("stopwords-en.txt")

# Larkey, Ballesteros and Connell's light10 stemmer ("Light stemming for Arabic
# information retrieval", 2007): waw, then the article with its proclitics (longest
# first), then suffixes, each only if enough of the word is left.
_AR_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
#: Shortest stem a suffix may leave; light10 allows 2, which turns الولايات into لا (the
#: negation). 3 was neutral on the CheckThat! 2021 Arabic train tweets.
MIN_ARABIC_STEM = 3
# A word opening with ب ل ك ف may carry a one-letter proclitic (بروسيا "in Russia") or
# not (بريطانيا, فلسطين); light10 never strips these. Such a word of five letters or more
# is indexed under both readings, so either spelling of a query finds it (the query
# itself looks up only the first reading). CheckThat! 2021 Arabic train: MAP@5 +0.009.
_AMBIGUOUS_PROCLITICS = "بلكف"


@lru_cache(maxsize=65536)
def _arabic_stem(word: str, waw: bool = True) -> str:
    if waw and len(word) > MIN_ARABIC_STEM and word[0] == "و":
        word = word[1:]
    if word.startswith(_AR_ARTICLES):  # one C-level test for the common no-article case
        for article in _AR_ARTICLES:
            if word.startswith(article) and len(word) - len(article) >= MIN_ARABIC_STEM - 1:
                word = word[len(article) :]
                break
    if word.endswith(_AR_SUFFIXES):
        for suffix in _AR_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_ARABIC_STEM:
                word = word[: -len(suffix)]
    return word


@lru_cache(maxsize=65536)
def _arabic_terms(word: str) -> tuple[str, ...]:
    stem = _arabic_stem(word)
    if (
        word[0] in _AMBIGUOUS_PROCLITICS
        and len(word) >= 5
        and not word.startswith("ال", 1)
        and not word.startswith("لل")  # ل + the article, already stripped by light10
    ):
        # one proclitic only: كورونا may be ك + ورونا, never ك + و + رونا
        other = _arabic_stem(word[1:], False)
        if other != stem:
            return (stem, other)
    return (stem,)


_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=65536)
def _english_stem(word: str) -> str:
    # Plurals and the commonest verb endings only (Harman's S-stemmer and Porter's step
    # 1), so "rises", "rising" and "rise" meet; never below three letters. Stemming:
    # MAP@5 +0.028 over plain words on the CheckThat! 2020 English train tweets, +0.011
    # over plural stripping alone.
    if len(word) <= 3:
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
    # What is left after -ing/-ed: "stopp" -> "stop"; a short consonant-vowel-consonant
    # stem gets its silent e back ("ris" -> "rise", "hop" -> "hope", as Porter's step
    # 1b does), so that "rising" meets "rise".
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    if (
        len(stem) <= 4
        and stem[-1] not in _VOWELS
        and stem[-1] not in "wx"
        and stem[-2] in _VOWELS
        and stem[-3] not in _VOWELS
    ):
        return stem + "e"
    return stem


def _is_arabic(word: str) -> bool:
    return "\u0621" <= word[0] <= "\u06ff" or "\u0750" <= word[0] <= "\u08ff"


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
    if "." in word:  # a decimal: the ascii tokenizer would split it anyway
        return tuple(word.split("."))
    return (word,)


#: Words whose terms :func:`terms` and :func:`index_text` keep (cleared when full).
WORD_TERMS_KEPT = 65_536


class _WordTerms(dict[str, tuple[str, ...]]):
    # word -> word_terms(word), filled on first use. A text's words are mostly words met
    # before: looked up from C (map, chain) they cost a fraction of a Python call each.
    def __missing__(self, word: str) -> tuple[str, ...]:
        if len(self) >= WORD_TERMS_KEPT:
            self.clear()
        found = self[word] = word_terms(word)
        return found


_WORD_TERMS = _WordTerms()


def terms(text: str) -> list[str]:
    """
    The index terms of ``text`` in order: stems of its folded words, stopwords dropped.
    """
    return list(chain.from_iterable(map(_WORD_TERMS.__getitem__, _fold_words(text))))


def primary_terms(text: str) -> list[str]:
    """
    The index terms of ``text`` with one reading per word: what a query looks up.
    """
    out: list[str] = []
    for word in _fold_words(text):
        found = word_terms(word)
        if found:
            out.append(found[0])
    return out


def index_text(text: str) -> str:
    """
    What the store indexes for ``text`` and matching.py fuzzy-compares: its :func:`terms`,
    one space apart, each made of letters, digits and in-word marks only.
    """
    return " ".join(chain.from_iterable(map(_WORD_TERMS.__getitem__, _fold_words(text))))


# Punctuation trimmed from a whitespace-separated chunk to show the word as written.
_SURFACE_STRIP = ".,;:!?؟،؛()[]{}\"'«»“”‘’-–—/\\|*#@…"


@lru_cache(maxsize=65536)
def _fold_chunk(chunk: str) -> tuple[str, ...]:
    return tuple(_fold_words(chunk))


def words_with_surface(text: str) -> list[tuple[str, str]]:
    """
    Pairs (folded word, the whitespace-separated chunk it came from, trimmed of
    punctuation), so that reasons quote the text as written.
    """
    out: list[tuple[str, str]] = []
    for chunk in repair(text).split():
        surface = chunk.strip(_SURFACE_STRIP) or chunk
        out.extend((word, surface) for word in _fold_chunk(chunk))
    return out


# relate() meets the same query text once per candidate: its term_words are kept for
# the next call.
@lru_cache(maxsize=4096)
def term_words(text: str) -> tuple[tuple[str, str], ...]:
    """
    Pairs (primary index term, the word as written) for ``text``, stopwords dropped.
    """
    out: list[tuple[str, str]] = []
    for word, surface in words_with_surface(text):
        found = word_terms(word)
        if found:
            out.append((found[0], surface))
    return tuple(out)
