"""
Text -> matching form: folding, tokens, index terms, and the facts relate() compares.

Three forms of a text, from closest to the original to most reduced:

``fold(text)``
    The matching form: folded words, one space apart. :func:`repair` of the lost "لأ"
    ligature, URL removal, NFKC, casefolding, then the :data:`FOLDING` table applied
    with one ``str.translate``; numbers are canonicalised (1,000 -> 1000).
``tokens(text)``
    ``fold(text).split()``: the folded words, in order.
``index_text(text)``
    What the store indexes (SQLite FTS5, ``tokenize='ascii'``) and what match.py
    fuzzy-compares: the *terms* of the text, i.e. its folded words with Arabic clitics
    and English inflections stripped and stopwords dropped, one space apart. A term
    holds only letters, digits and in-word marks (never ASCII punctuation), so the
    ascii tokenizer keeps each one whole.

:func:`facts` extracts what relate() compares (numbers, ordinals, months, negation cues,
opposites, contrast words, places), each with the words as written so that a reviewer
reads the claim's own spelling in the reasons.

Only the standard library is used; every table is built once at import.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

#: Bumped whenever the matching form (``fold``, ``index_text``) changes; stored index
#: terms from an older version must then be rebuilt (``factreg reindex``).
NORMALIZATION_VERSION = 3


def _wordset(words: str) -> frozenset[str]:
    # Word lists are written as whitespace-separated text: easier to read and review.
    return frozenset(words.split())


# -- language detection ---------------------------------------------------------------------

# Script ranges -> the language a claim in that script is most likely in.
# fmt: off
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, "ar"), (0x0750, 0x077F, "ar"), (0x08A0, 0x08FF, "ar"),
    (0xFB50, 0xFDFF, "ar"), (0xFE70, 0xFEFF, "ar"),
    (0x0041, 0x005A, "en"), (0x0061, 0x007A, "en"), (0x00C0, 0x024F, "en"),
    (0x0590, 0x05FF, "he"), (0x0400, 0x04FF, "ru"), (0x0370, 0x03FF, "el"),
    (0x0900, 0x097F, "hi"), (0x0E00, 0x0E7F, "th"), (0xAC00, 0xD7AF, "ko"),
    (0x3040, 0x30FF, "ja"), (0x4E00, 0x9FFF, "zh"),
)
# fmt: on


# Each language's letters translate to one private-use character, so one str.translate
# and a count per language replace a Python loop over every character (5 µs, not 20).
_SCRIPT_MARKS = {
    lang: chr(0xF0000 + i) for i, lang in enumerate(dict.fromkeys(lang for _, _, lang in _SCRIPTS))
}
_SCRIPT_TABLE: dict[int, str] = {}


def _script_table() -> dict[int, str]:
    if not _SCRIPT_TABLE:  # built on first use: start-up stays quick for the CLI
        for lo, hi, lang in _SCRIPTS:
            mark = _SCRIPT_MARKS[lang]
            _SCRIPT_TABLE.update((cp, mark) for cp in range(lo, hi + 1) if chr(cp).isalpha())
    return _SCRIPT_TABLE


# The common texts, ASCII or ASCII and the Arabic block only, are counted without the
# translate (which looks every character up): ASCII letters by deleting them from the
# text's ASCII bytes, Arabic letters as the block's characters less its non-letters.
_ASCII_LETTER = re.compile("[A-Za-z]")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ASCII_AND_ARABIC = re.compile("[\x00-\x7f\u0600-\u06ff]*")
_ARABIC_NON_LETTER = re.compile(
    "[" + "".join(re.escape(chr(cp)) for cp in range(0x0600, 0x0700) if not chr(cp).isalpha()) + "]"
)


def detect_lang(text: str) -> str | None:
    """
    Guess an ISO 639-1 code from the script most letters are written in.

    Latin script is taken for English, the registry's second language; None when no
    letter of a known script occurs. A tie goes to the script met first.
    """
    if text.isascii():
        return "en" if _ASCII_LETTER.search(text) else None
    if _ASCII_AND_ARABIC.fullmatch(text):
        ascii_text = text.encode("ascii", "ignore")
        en = len(ascii_text) - len(ascii_text.translate(None, _ASCII_LETTERS))
        ar = len(text) - len(ascii_text) - len(_ARABIC_NON_LETTER.findall(text))
        if en != ar:
            return "en" if en > ar else "ar"
        if not en:
            return None
    return _detect_lang(text)


def _detect_lang(text: str) -> str | None:
    # Any text: each letter of a known script counted for its language.
    marked = text.translate(_script_table())
    counts = {lang: n for lang, mark in _SCRIPT_MARKS.items() if (n := marked.count(mark))}
    if not counts:
        return None
    top = max(counts.values())
    tied = [lang for lang, n in counts.items() if n == top]
    if len(tied) == 1:
        return tied[0]
    return min(tied, key=lambda lang: marked.index(_SCRIPT_MARKS[lang]))


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

#: Arabic function words dropped from index terms and queries (folded spelling):
#: prepositions, conjunctions, pronouns, demonstratives, relatives and auxiliaries, the
#: most frequent words of news text, which say nothing about a claim's topic. Negation
#: words are deliberately absent: they matter to relate(). Hand-written from grammar
#: lists.
ARABIC_STOPWORDS = _wordset("""
    في من علي الي عن مع ان او ام ثم حتي اذا اذ كما لكن بل قد لقد ف و ب ل ك
    هذا هذه ذلك تلك هولاء اولئك هنا هناك الذي التي الذين اللذين اللتين اللواتي اللاتي ما
    هو هي هم هن انا نحن انت انتم هما كان كانت كانوا يكون تكون اصبح اصبحت ظل ظلت
    كل بعض اي عند عندما بين حول خلال منذ لدي نحو ضد عبر بعد قبل فوق تحت امام وراء
    ايضا فقط اما الا انه انها انهم بان بانه وان وقد وفي ومن وعلي والي وعن فيه فيها منه منها
    عليه عليها اليه اليها عنه عنها به بها له لها لهم لنا لي يا
""")

#: English function words dropped from index terms and queries: a short classic list
#: (articles, prepositions, pronouns, auxiliaries) without the negations, plus the
#: Twitter noise words "rt" and "amp". Dropping them: MAP@5 +0.03 on the CheckThat!
#: 2020 English train tweets.
ENGLISH_STOPWORDS = _wordset("""
    a an the and or but if then so as of at by for from in into on onto to with about
    over under up out off than that this these those there here it its is be been being
    am are was were has have had do does did will would shall should can could may might
    must i me my we us our you your he him his she her they them their who whom whose
    which what when where why how all any both each few other some such own same too very
    s t just also via rt amp
""")

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
    What the store indexes for ``text`` and match.py fuzzy-compares: its :func:`terms`,
    one space apart, each made of letters, digits and in-word marks only.
    """
    return " ".join(chain.from_iterable(map(_WORD_TERMS.__getitem__, _fold_words(text))))


# -- facts: numbers, months, negation, opposites, places -----------------------------------


class Fact(NamedTuple):
    """
    One fact a text mentions: its ``kind``, a canonical ``value`` to compare ("11", "6"
    for June, "rise/fall:0", …) and the ``surface`` words as written.
    """

    kind: str
    value: str
    surface: str


class Facts(NamedTuple):
    """
    Everything :func:`facts` extracts from one text, by kind, in text order.
    """

    numbers: tuple[Fact, ...]
    ordinals: tuple[Fact, ...]
    months: tuple[Fact, ...]
    negations: tuple[Fact, ...]
    opposites: tuple[Fact, ...]
    contrasts: tuple[Fact, ...]
    places: tuple[Fact, ...]


# Arabic cardinal number words, folded (ة -> ه, ى -> ي, hamza on alef dropped),
# masculine and feminine, nominative and oblique, from standard grammar tables. أحد and
# إحدى alone are left out: they mostly mean "one of", "someone" or "Sunday".
# fmt: off
_AR_UNITS: dict[str, int] = {
    "واحد": 1, "واحده": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2,
    "اثنتي": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
    "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8,
    "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}
# The first word of 11 (أحد عشر / إحدى عشرة) exists only in the compound.
_AR_TEEN_FIRST: dict[str, int] = {**_AR_UNITS, "احد": 1, "احدي": 1}
_AR_TENS: dict[str, int] = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
    "مئه": 100, "مائه": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200,
}
# Scale words multiply a preceding number ("5 ملايين" = 5000000); alone they count one,
# or two for the dual forms (مليونا دولار, ألفين).
_SCALES: dict[str, tuple[int, int]] = {
    "الف": (1000, 1), "الاف": (1000, 1), "الفا": (1000, 1), "الفين": (1000, 2),
    "الفي": (1000, 2), "الفان": (1000, 2),
    "مليون": (10**6, 1), "ملايين": (10**6, 1), "مليونا": (10**6, 1), "مليونين": (10**6, 2),
    "مليوني": (10**6, 2), "مليونان": (10**6, 2),
    "مليار": (10**9, 1), "مليارات": (10**9, 1), "مليارا": (10**9, 1), "مليارين": (10**9, 2),
    "ملياري": (10**9, 2), "ملياران": (10**9, 2),
    "thousand": (1000, 1), "thousands": (1000, 1), "million": (10**6, 1),
    "millions": (10**6, 1), "billion": (10**9, 1), "billions": (10**9, 1), "bn": (10**9, 1),
    "trillion": (10**12, 1),
}
# Ordinals first..tenth with or without the article (الأول/الأولى … العاشر/العاشرة);
# الأول and الثاني after كانون or تشرين are months, read first.
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
# fmt: on
_ORDINAL_SUFFIXES = _wordset("st nd rd th")
# Longer digit runs are kept as written, not computed with (Decimal's 28 digits).
_MAX_DIGITS = 24
# "one" is a number only outside "one of", "no one", "the one", …
_EN_ONE_BLOCKERS = _wordset("no any every each the this that which some")

# Month names, folded: the Egyptian/Gulf transliterations of the Gregorian names, the
# Levantine/Iraqi (Syriac) names, the Algerian/Tunisian and Moroccan (French-derived)
# names, and English names and abbreviations; after the Arabic Wikipedia article on the
# Gregorian month names (الأشهر الميلادية).
# fmt: off
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
# كانون الثاني = January … كانون الأول = December: two words, also without the article.
_TWO_WORD_MONTHS: dict[tuple[str, str], int] = {
    ("كانون", "الثاني"): 1, ("كانون", "ثاني"): 1, ("تشرين", "الاول"): 10,
    ("تشرين", "اول"): 10, ("تشرين", "الثاني"): 11, ("تشرين", "ثاني"): 11,
    ("كانون", "الاول"): 12, ("كانون", "اول"): 12,
}
# fmt: on
# Month names that are also common words (آب/أب "father", مارس "he practised", نيسان
# "Nissan", ماي, جوان, أوت; English may, march, …) count only next to a number (a day
# or a year), the word "month"/"شهر", or an unambiguous month name ("آب/ أغسطس"); an
# English one also when capitalised inside the text ("in May").
_AMBIGUOUS_MONTHS = _wordset("اب مارس نيسان ماي جوان اوت may march mar jan dec sep oct aug")
_MONTH_CONTEXT = _wordset("شهر month of")
#: Every folded word that names a month in some spelling (ambiguous ones included).
MONTH_WORDS = frozenset(_MONTHS)
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

# Negation cues, folded. Arabic: the particles لم لن لا, ليس and its conjugations, غير,
# the noun عدم and the verb نفى "deny" in its common forms, and the colloquial مش مو مب
# (Egyptian, Levantine, Gulf); English: not, no, never, the n't forms (the apostrophe is
# already gone) and deny. From grammar references. On ANS train "negation on one side
# only" marks 121 "contradicts" pairs and 8 "same" ones.
_AR_NEGATIONS = _wordset("""
    لم لن لا ليس ليست ليسوا لست لسنا لستم غير عدم نفي نفت ينفي تنفي ينفيان نفوا ينفون
    مش مو مب
""")
_EN_NEGATIONS = _wordset("""
    not no never nor neither none nobody nothing nowhere cannot dont doesnt didnt isnt
    arent wasnt werent wont cant couldnt shouldnt wouldnt hasnt havent hadnt aint mustnt
    deny denies denied denying
""")
# Fixed expressions in which the negation word does not negate the claim.
# fmt: off
_NOT_NEGATIONS: frozenset[tuple[str, str]] = frozenset({
    ("لا", "يزال"), ("لا", "تزال"), ("لا", "يزالون"), ("لا", "سيما"), ("لا", "بد"),
    ("غير", "ان"), ("غير", "ذلك"), ("no", "longer"), ("not", "only"), ("no", "doubt"),
})
# fmt: on

#: Opposites: (concept, words of one side, words of the other), folded. A claim using
#: one side and another the other side conflict (ارتفاع ↔ انخفاض). Verb forms are
#: listed (past and present, masculine and feminine, verbal noun) rather than stemmed,
#: so that no unrelated word matches by accident. Hand-written; the Arabic rows were
#: completed from the words that differ between the headlines of ANS train
#: "contradicts" pairs (Khouja 2020, github.com/latynt/ans, Apache-2.0), which added
#: تراجع, تضاعف, مكاسب/خسائر and القبض.
OPPOSITES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    (
        "rise/fall",
        _wordset("""
            ارتفاع ارتفع ارتفعت يرتفع ترتفع مرتفع مرتفعه صعود صعد صعدت يصعد تصعد زياده
            زاد زادت يزيد تزيد ازدياد يزداد تزداد قفز قفزت يقفز تقفز رفع يرفع ترفع رفعت
            ارتفاعا تضاعف يتضاعف تتضاعف
            rise rises rising rose risen increase increases increased increasing grow
            grows grew growing climb climbs climbed soar soars soared surge surges surged
            jump jumps jumped raise raises raised raising higher gained up
        """),
        _wordset("""
            انخفاض انخفض انخفضت ينخفض تنخفض منخفض منخفضه هبوط هبط هبطت يهبط تهبط تراجع
            تراجعت يتراجع تتراجع نقص نقصت ينقص تنقص نقصان خفض خفضت يخفض تخفض تخفيض انهيار
            انهار انهارت ينهار تنهار تدني يتدني تتدني انخفاضا تراجعا هبوطا
            fall falls fell fallen falling decrease decreases decreased decreasing drop
            drops dropped dropping decline declines declined declining shrink shrinks
            shrank plunge plunges plunged slump slumps slumped lower lowered cut cuts
            tumble tumbled sink sank down
        """),
    ),
    (
        "win/lose",
        _wordset("""
            فوز فاز فازت يفوز تفوز انتصار انتصر انتصرت ينتصر تنتصر مكاسب مكسب ارباح ربح
            win wins won winning victory gain gains profit profits
        """),
        _wordset("""
            خساره خساير خسر خسرت يخسر تخسر هزيمه انهزم
            lose loses lost losing loss losses defeat
        """),
    ),
    (
        "accept/reject",
        _wordset("""
            قبول يقبل تقبل قبلت وافق وافقت يوافق توافق موافقه
            accept accepts accepted approve approves approved
        """),
        _wordset("""
            رفض رفضت يرفض ترفض رافض رافضه
            reject rejects rejected refuse refuses refused
        """),
    ),
    (
        "allow/ban",
        _wordset("""
            سماح سمح سمحت يسمح تسمح
            allow allows allowed permit permits permitted legal legalize legalized
        """),
        _wordset("""
            منع منعت يمنع تمنع حظر حظرت يحظر تحظر
            ban bans banned prohibit prohibits prohibited forbid forbids forbidden illegal
        """),
    ),
    (
        "open/close",
        _wordset("فتح فتحت يفتح تفتح افتتاح open opens opened reopen reopens reopened"),
        _wordset("اغلاق اغلق اغلقت يغلق تغلق غلق close closes closed shut shuts"),
    ),
    (
        "more/less",
        _wordset("اكثر اعلي اكبر more most highest largest"),
        _wordset("اقل ادني اصغر less fewer least lowest smallest"),
    ),
    (
        "start/stop",
        _wordset("""
            بدء بدا بدات يبدا تبدا استئناف استانف
            start starts started begin begins began resume resumes resumed
        """),
        _wordset("""
            وقف اوقف اوقفت يوقف توقف توقفت يتوقف انتهاء تعليق علق علقت
            stop stops stopped end ends ended halt halts halted suspend suspends suspended
        """),
    ),
    (
        "arrest/release",
        _wordset("""
            اعتقال اعتقل اعتقلت يعتقل تعتقل القبض قبض
            arrest arrests arrested detain detained
        """),
        _wordset("""
            الافراج افراج افرج افرجت يفرج تفرج
            release releases released free freed
        """),
    ),
    (
        "alive/dead",
        _wordset("alive survive survives survived"),
        _wordset("dead die dies died killed"),
    ),
    (
        "positive/negative",
        _wordset("ايجابي ايجابيه positive"),
        _wordset("سلبي سلبيه negative"),
    ),
    (
        "support/oppose",
        _wordset("support supports supported backs backed favor favors"),
        _wordset("oppose opposes opposed against"),
    ),
)


def _cues(canonical: str, forms: str) -> dict[str, str]:
    return dict.fromkeys(forms.split(), canonical)


#: Contrast words: on one side of a pair only, they mark a reversal of the other claim
#: ("… تفشل في …", "… رغم …", "استمرار …", "هدوء في …"). The Arabic rows are derived from
#: ANS train pairs (Khouja 2020, github.com/latynt/ans, Apache-2.0): words that differ
#: between the two headlines of at least 5 "contradicts" pairs and at most one in ten
#: "same" pairs, hand-filtered to keep only words that name no topic (no people,
#: places, commodities), then completed with their other verb forms. The English rows
#: are their hand-written translations.
CONTRAST_CUES: dict[str, str] = {
    **_cues("فشل", "فشل فشلت يفشل تفشل يفشلون"),  # fail
    **_cues("تجاهل", "تجاهل تجاهلت يتجاهل تتجاهل"),  # ignore
    **_cues("رغم", "رغم برغم"),  # despite (بالرغم: the article is stripped first)
    **_cues("دون", "دون بدون"),  # without
    **_cues("استمرار", "استمرار يستمر تستمر استمر استمرت"),  # continue
    **_cues("بقاء", "بقاء يبقي تبقي بقي بقيت"),  # stay, remain
    **_cues("هدوء", "هدوء"),  # calm (against clashes or attacks)
    **_cues("براءه", "براءه تبرئه"),  # acquittal
    **_cues("نجاه", "نجاه نجا نجت ينجو تنجو"),  # survive, escape
    **_cues("خلو", "يخلو تخلو خلو"),  # be free of
    **_cues("رفض", "رفض رفضت يرفض ترفض يرفضون"),  # refuse, reject
    **_cues("fail", "fail fails failed failure"),
    **_cues("ignore", "ignore ignores ignored"),
    **_cues("despite", "despite"),
    **_cues("without", "without"),
    **_cues("acquit", "acquit acquits acquitted"),
    **_cues("refuse", "refuse refuses refused reject rejects rejected"),
}

#: Places: (name, Arabic spellings, Arabic nisba stems, English names and demonyms),
#: folded. Two claims about the same thing that name different places and none in
#: common ("… شرق سوريا" / "… شرق العراق") conflict. Hand-written: the Arab League
#: states and the countries most named in Arabic and English news; capitals and big
#: cities count as their country, so "بكين" and "الصين" agree. عمان (Oman or Amman) and
#: the English "us" are left out as too ambiguous.
# fmt: off
PLACES: tuple[tuple[str, str, str, str], ...] = (
    ("Egypt", "مصر القاهره الاسكندريه", "مصر", "egypt egyptian cairo alexandria"),
    ("Sudan", "السودان الخرطوم", "سودان", "sudan sudanese khartoum"),
    ("Libya", "ليبيا بنغازي طبرق", "ليب", "libya libyan benghazi tobruk"),
    ("Tunisia", "تونس", "تونس", "tunisia tunisian tunis"),
    ("Algeria", "الجزاير", "جزاير", "algeria algerian algiers"),
    ("Morocco", "المغرب الرباط", "مغرب", "morocco moroccan rabat"),
    ("Saudi Arabia", "السعوديه الرياض جده", "سعود", "saudi riyadh jeddah"),
    ("UAE", "الامارات دبي ابوظبي", "امارات", "uae emirates emirati dubai"),
    ("Qatar", "قطر الدوحه", "قطر", "qatar qatari doha"),
    ("Bahrain", "البحرين المنامه", "بحرين", "bahrain bahraini manama"),
    ("Kuwait", "الكويت", "كويت", "kuwait kuwaiti"),
    ("Oman", "مسقط", "عمان", "oman omani muscat"),
    ("Yemen", "اليمن صنعاء عدن", "يمن", "yemen yemeni sanaa aden"),
    ("Iraq", "العراق بغداد الموصل البصره", "عراق", "iraq iraqi baghdad mosul basra"),
    ("Syria", "سوريا سوريه دمشق حلب", "سور", "syria syrian damascus aleppo"),
    ("Lebanon", "لبنان بيروت", "لبنان", "lebanon lebanese beirut"),
    ("Jordan", "الاردن", "اردن", "jordan jordanian amman"),
    ("Palestine", "فلسطين غزه", "فلسطين", "palestine palestinian gaza ramallah"),
    ("Israel", "اسراييل", "اسراييل", "israel israeli"),
    ("Iran", "ايران طهران", "ايران", "iran iranian tehran"),
    ("Turkey", "تركيا انقره اسطنبول", "ترك", "turkey turkish ankara istanbul"),
    ("Russia", "روسيا موسكو الكرملين", "روس", "russia russian moscow kremlin"),
    ("China", "الصين بكين", "صين", "china chinese beijing"),
    ("Japan", "اليابان طوكيو", "يابان", "japan japanese tokyo"),
    ("India", "الهند", "هند", "india indian"),
    ("Pakistan", "باكستان", "باكستان", "pakistan pakistani"),
    ("Afghanistan", "افغانستان كابول", "افغان", "afghanistan afghan kabul"),
    ("USA", "امريكا اميركا واشنطن نيويورك", "امريك اميرك", "usa america american washington"),
    ("UK", "بريطانيا لندن", "بريطان", "uk britain british england london"),
    ("France", "فرنسا باريس", "فرنس", "france french paris"),
    ("Germany", "المانيا برلين", "الماني المان", "germany german berlin"),
    ("Italy", "ايطاليا روما", "ايطال", "italy italian rome"),
    ("Spain", "اسبانيا مدريد", "اسبان", "spain spanish madrid"),
    ("Greece", "اليونان اثينا", "يونان", "greece greek athens"),
    ("Canada", "كندا", "كند", "canada canadian"),
    ("Mexico", "المكسيك", "مكسيك", "mexico mexican"),
    ("Brazil", "البرازيل", "برازيل", "brazil brazilian"),
    ("Argentina", "الارجنتين", "ارجنتين", "argentina argentinian"),
    ("Venezuela", "فنزويلا", "فنزويل", "venezuela venezuelan"),
    ("Ethiopia", "اثيوبيا", "اثيوب", "ethiopia ethiopian"),
    ("Nigeria", "نيجيريا", "نيجير", "nigeria nigerian"),
    ("Somalia", "الصومال", "صومال", "somalia somali"),
    ("Korea", "كوريا", "كور", "korea korean"),
    ("Ukraine", "اوكرانيا كييف", "اوكران", "ukraine ukrainian kyiv kiev"),
)
_TWO_WORD_PLACES: dict[tuple[str, str], str] = {
    ("الولايات", "المتحده"): "USA", ("united", "states"): "USA", ("new", "york"): "USA",
    ("ابو", "ظبي"): "UAE", ("abu", "dhabi"): "UAE", ("رام", "الله"): "Palestine",
    ("كوريا", "الشماليه"): "North Korea", ("north", "korea"): "North Korea",
    ("كوريا", "الجنوبيه"): "South Korea", ("south", "korea"): "South Korea",
}
# fmt: on
_TWO_WORDS = _TWO_WORD_MONTHS.keys() | _TWO_WORD_PLACES.keys()
# Nisba endings tried on Arabic: masculine, feminine and the plurals (المصريين).
_NISBA_ENDINGS = ("يين", "يون", "يه", "ي")


def _place_index() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    nisba: dict[str, str] = {}
    for name, arabic, stems, english in PLACES:
        for word in arabic.split():
            names[word] = name
            if word.startswith("ال"):
                names[word[2:]] = name
        for word in english.split():
            names[word] = name
        for stem in stems.split():
            nisba[stem] = name
    return names, nisba


def _opposite_index() -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for concept, first, second in OPPOSITES:
        for side, words in enumerate((first, second)):
            for word in words:
                index.setdefault(word, (concept, side))
    return index


_PLACE_NAMES, _PLACE_NISBA = _place_index()
_OPPOSITE_INDEX = _opposite_index()
_PROCLITICS = "وفبلك"
_ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")
# Punctuation trimmed from a whitespace-separated chunk to show the word as written.
_SURFACE_STRIP = ".,;:!?؟،؛()[]{}\"'«»“”‘’-–—/\\|*#@…"


@lru_cache(maxsize=65536)
def _lookup_forms(word: str) -> tuple[str, ...]:
    # The word itself, then without one proclitic (و ف ب ل ك), then without the article
    # with its proclitics: the lexicons list bare forms.
    forms = [word]
    if len(word) > 3 and word[0] in _PROCLITICS:
        forms.append(word[1:])
    for article in _ARTICLES:
        if word.startswith(article) and len(word) > len(article) + 1:
            forms.append(word[len(article) :])
            break
    return tuple(forms)


def _strip_proclitic(word: str) -> str:
    if len(word) > 3 and word[0] in _PROCLITICS:
        return word[1:]
    return word


@lru_cache(maxsize=65536)
def _fold_chunk(chunk: str) -> tuple[str, ...]:
    return tuple(_fold_words(chunk))


def _words_with_surface(text: str) -> list[tuple[str, str]]:
    # Pairs (folded word, the whitespace-separated chunk it came from, trimmed of
    # punctuation), so that reasons quote the text as written.
    out: list[tuple[str, str]] = []
    for chunk in repair(text).split():
        surface = chunk.strip(_SURFACE_STRIP) or chunk
        out.extend((word, surface) for word in _fold_chunk(chunk))
    return out


# relate() meets the same query text once per candidate: facts and term_words of a
# text are kept for the next call.
@lru_cache(maxsize=4096)
def term_words(text: str) -> tuple[tuple[str, str], ...]:
    """
    Pairs (primary index term, the word as written) for ``text``, stopwords dropped.
    """
    out: list[tuple[str, str]] = []
    for word, surface in _words_with_surface(text):
        found = word_terms(word)
        if found:
            out.append((found[0], surface))
    return tuple(out)


@lru_cache(maxsize=4096)
def facts(text: str) -> Facts:
    """
    Extract the numbers, ordinals, months, negation cues, opposites, contrast words and
    places ``text`` mentions.

    Numbers come from digits of any script (separators canonicalised), number words
    (Arabic one to ninety and hundreds in both genders and cases, compounds such as أحد
    عشر and خمسة وعشرون; English one to ninety) and scale words ("5 ملايين" -> 5000000,
    "2.5 million" -> 2500000). Ordinals: first..tenth (الأول/الأولى … العاشر/العاشرة),
    1st, 2nd, …. Month values are "1".."12"; opposite values "concept:side"; place
    values the place's English name.
    """
    words = _words_with_surface(text)
    folded = [w for w, _ in words]
    found: dict[str, list[Fact]] = {kind: [] for kind in Facts._fields}
    i = 0
    while i < len(folded):
        read, used = _read_facts(folded, words, i)
        shown = " ".join(s for _, s in words[i : i + used])
        for kind, value in read:
            found[kind].append(Fact(kind.rstrip("s"), value, shown))
        i += used
    return Facts(**{kind: tuple(items) for kind, items in found.items()})


def _read_facts(
    folded: list[str], words: list[tuple[str, str]], i: int
) -> tuple[list[tuple[str, str]], int]:
    # The facts starting at word i as (Facts field, value) pairs, and the words used.
    word = folded[i]
    nxt = folded[i + 1] if i + 1 < len(folded) else ""
    pair = (word, nxt) if (word, nxt) in _TWO_WORDS else (_strip_proclitic(word), nxt)
    if pair in _TWO_WORD_MONTHS:  # before the ordinals: تشرين الأول is October
        return [("months", str(_TWO_WORD_MONTHS[pair]))], 2
    if pair in _TWO_WORD_PLACES:
        return [("places", _TWO_WORD_PLACES[pair])], 2
    number, used = _read_number(folded, i)
    if number is not None:
        return [("numbers", number)], used
    ordinal = _read_ordinal(word, nxt)
    if ordinal is not None:
        return [("ordinals", str(ordinal[0]))], ordinal[1]
    month = _read_month(folded, words, i)
    if month is not None:
        return [("months", str(month))], 1
    place = _read_place(word)
    if place is not None:
        return [("places", place)], 1
    negation = _read_negation(word, nxt)
    if negation is not None:
        return [("negations", negation)], 1
    for form in _lookup_forms(word):
        side = _OPPOSITE_INDEX.get(form)
        cue = CONTRAST_CUES.get(form)
        # a word may be both (يرفض: the opposite of يوافق, and a contrast on its own)
        read = [("opposites", f"{side[0]}:{side[1]}")] if side else []
        read += [("contrasts", cue)] if cue else []
        if read:
            return read, 1
    return [], 1


def _format_number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=65536)
def _number_word(word: str) -> int | None:
    for form in _lookup_forms(word):
        if form in _AR_UNITS:
            # with the article only the long forms count: الست is "the lady", الاثنين
            # "Monday"
            if form != word and word.endswith("ال" + form) and (len(form) < 4 or form == "اثنين"):
                return None
            return _AR_UNITS[form]
        if form in _AR_TENS:
            return _AR_TENS[form]
    return _EN_NUMBERS.get(word)


def _read_number(folded: list[str], i: int) -> tuple[str | None, int]:
    word = folded[i]
    nxt = folded[i + 1] if i + 1 < len(folded) else ""
    used = 1
    if word[0].isdigit():
        if nxt in _ORDINAL_SUFFIXES:  # 21st
            return None, 1
        if len(word) > _MAX_DIGITS:  # an id or a phone number: compared as written
            return word, 1
        try:
            value = Decimal(word)
        except InvalidOperation:  # digits with letters or marks glued on
            return None, 1
    else:
        first = _strip_proclitic(word)
        if nxt in ("عشر", "عشره") and _AR_TEEN_FIRST.get(first, 10) < 10:
            value, used = Decimal(10 + _AR_TEEN_FIRST[first]), 2
        elif (unit := _number_word(word)) is not None:
            if word == "one" and (nxt == "of" or (i and folded[i - 1] in _EN_ONE_BLOCKERS)):
                return None, 1
            if word in ("واحد", "واحده") and nxt == "من":  # "واحد من" = one of
                return None, 1
            value = Decimal(unit)
            if unit < 10 and nxt[:1] == "و" and nxt[1:] in _AR_TENS:  # خمسة وعشرون
                value, used = Decimal(unit + _AR_TENS[nxt[1:]]), 2
            elif 20 <= unit < 100 and _EN_NUMBERS.get(nxt, 10) < 10:  # twenty five
                value, used = Decimal(unit + _EN_NUMBERS[nxt]), 2
        elif word in _SCALES or first in _SCALES:
            scale, count = _SCALES.get(word) or _SCALES[first]
            return str(scale * count), 1
        else:
            return None, 1
    after = folded[i + used] if i + used < len(folded) else ""
    if after in _SCALES:
        value *= _SCALES[after][0]
        used += 1
    return _format_number(value), used


def _read_ordinal(word: str, nxt: str) -> tuple[int, int] | None:
    if word.isdigit() and nxt in _ORDINAL_SUFFIXES and len(word) < 6:
        return int(word), 2
    if word in _EN_ORDINALS:
        return _EN_ORDINALS[word], 1
    for form in _lookup_forms(word):
        if form in _AR_ORDINALS:
            return _AR_ORDINALS[form], 1
    return None


def _read_month(folded: list[str], words: list[tuple[str, str]], i: int) -> int | None:
    word = folded[i]
    key = word if word in _MONTHS else _strip_proclitic(word)
    if key not in _MONTHS or (key != word and key in _AMBIGUOUS_MONTHS):
        return None
    if key in _AMBIGUOUS_MONTHS:
        capitalised = key.isascii() and i > 0 and words[i][1][:1].isupper()
        neighbours = [folded[j] for j in (i - 1, i + 1) if 0 <= j < len(folded)]
        if not capitalised and not any(
            w.isdigit() or w in _MONTH_CONTEXT or (w in _MONTHS and w not in _AMBIGUOUS_MONTHS)
            for w in neighbours
        ):
            return None
    return _MONTHS[key]


@lru_cache(maxsize=65536)
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
    if word in _EN_NEGATIONS or word in _AR_NEGATIONS:
        return None if (word, nxt) in _NOT_NEGATIONS else word
    # ولم, فلا, وليس: and/so + negation (not بلا "without", which restates)
    if word[:1] in "وف" and word[1:] in _AR_NEGATIONS:
        return None if (word[1:], nxt) in _NOT_NEGATIONS else word[1:]
    return None


def numbers(text: str) -> list[Fact]:
    """
    The numbers ``text`` mentions (digits, number words, scale words), in order.
    """
    return list(facts(text).numbers)


def months(text: str) -> list[Fact]:
    """
    The months ``text`` mentions; ``value`` is the month number, "1".."12".
    """
    return list(facts(text).months)


def negations(text: str) -> list[Fact]:
    """
    The negation cues of ``text`` (لم, ليس, تنفي, not, didn't, …).
    """
    return list(facts(text).negations)


def opposites(text: str) -> list[Fact]:
    """
    The words of ``text`` on one side of an :data:`OPPOSITES` pair.
    """
    return list(facts(text).opposites)


def month_name(value: str) -> str:
    """
    The English name of month number ``value`` ("6" -> "June").
    """
    return MONTH_NAMES[int(value) - 1]
