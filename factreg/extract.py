"""
Article text -> candidate claims: sentences, clauses, who said them, how check-worthy.

Pure: the only step that touches bytes is :func:`decode_article`, and it reads nothing
itself. The pipeline:

1. :func:`decode_article` turns the bytes of an article into text (UTF-8 with or without
   BOM; Windows-1256 or ISO-8859-6 when asked or when the bytes are plainly Arabic in
   one of them), refusing undecodable input rather than replacing characters.
2. :func:`split_sentences` cuts the text into sentences over Arabic and Latin punctuation,
   joining lines broken mid-sentence and keeping quotations and abbreviations whole.
3. :func:`extract_claims` finds each sentence's attribution (who is cited, through whom),
   keeps the reported content, splits it at clause boundaries, scores every clause for
   check-worthiness and returns those at or above a threshold.

Offsets. Every ``(start, end)`` this module returns indexes the string it was given: for
an article read from bytes, the string :func:`decode_article` returned (BOM removed, line
ends normalised to ``"\\n"``). ``text[claim.start:claim.end] == claim.text`` always holds;
claim text is never rewritten, so it may contain the line breaks of the original.

The analysis itself runs on a *view* of the text in which the "لأ" ligature lost to "?"
by a legacy encoding is restored ("ا?وضاع" is read as "الأوضاع", so that "?" is not taken
for a question mark), tatweel and tashkeel are dropped, and alef/ya/ta-marbuta forms and
Latin case are folded for matching. A position map carries every span back to the
original, so the repair never shows in offsets or claim text.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Iterable

import attrs

from factreg.errors import InputError
from factreg.lang import detect_lang
from factreg.model import Claim, Source

__all__ = [
    "MIN_CHECKWORTHINESS",
    "ExtractedClaim",
    "decode_article",
    "extract_claims",
    "split_sentences",
]

#: Default threshold of :func:`extract_claims`: clauses scoring below are left out. A
#: plain declarative clause scores 0.35; one named entity, number or date lifts it over
#: the line, an opinion, hedge or open question pushes it well below (see ``_score``).
MIN_CHECKWORTHINESS = 0.5


@attrs.frozen
class ExtractedClaim:
    """
    A candidate claim found in an article, before it is registered.

    ``start`` and ``end`` index the text given to :func:`extract_claims` and ``text`` is
    exactly that slice. ``attribution`` is the chain from the publisher to the origin,
    outermost first, without the publisher itself; an unattributed statement is the
    publisher's own (``claimant`` = publisher, ``attribution`` = ``()``), as in DESIGN.md.
    """

    text: str
    start: int
    end: int
    claimant: str | None
    attribution: tuple[str, ...]
    checkworthiness: float
    lang: str | None

    def to_claim(self, source: Source | None = None) -> Claim:
        """
        A new, unverified :class:`~factreg.model.Claim` for this candidate.

        Text, claimant, attribution and language carry over; ``confidence`` stays None
        (nothing has been assessed yet).
        """
        return Claim.new(
            self.text,
            lang=self.lang,
            source=source,
            claimant=self.claimant,
            attribution=self.attribution,
        )


# == decoding =============================================================================

#: Share of Arabic letters among all letters above which bytes that are not UTF-8 are
#: taken for Windows-1256. Arabic prose is ~100 %; Latin-1 or random bytes read as
#: cp1256 give mostly Latin letters and symbols.
_LEGACY_ARABIC_SHARE = 0.6
#: ... and share of accented Latin letters below which it is not another code page's
#: Arabic misread (see _plainly_arabic).
_LEGACY_MAX_ACCENTED = 0.01

#: Bytes that form valid UTF-8 multi-byte sequences. When most high bytes do, the input
#: is UTF-8 with damage, and reading it as cp1256 would silently produce mojibake.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode_article(data: bytes, encoding: str | None = None) -> str:
    """
    Decode the bytes of an article to text, with line ends normalised to ``"\\n"``.

    Without ``encoding``: a UTF-8 (or UTF-16) byte order mark decides; otherwise UTF-8;
    and when the bytes are not UTF-8, Windows-1256 or else ISO-8859-6 if that reading is
    plainly Arabic (mostly Arabic letters, no control characters, no accented Latin
    letters sprinkled in, as the wrong Arabic code page gives). Damaged UTF-8 is never
    re-read in a legacy code page.

    Raises:
        InputError: the bytes are not valid in the encoding (the message gives the byte
            offset and line), the encoding is unknown, or the text holds NUL characters.
    """
    data = bytes(data)
    if encoding is not None:
        codec = _codec(encoding)
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        text = _decode_strict(data, codec, hint=False)
    elif data.startswith(codecs.BOM_UTF8):
        text = _decode_strict(data, "utf-8-sig", hint=False)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_strict(data, "utf-16", hint=False)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            legacy = _guess_legacy(data)
            if legacy is None:
                raise _decode_error(data, exc, "UTF-8", hint=True) from None
            text = legacy
    if "\x00" in text:
        raise InputError(
            "the text contains NUL characters: binary data, or UTF-16 without a byte "
            "order mark (pass encoding='utf-16-le' or 'utf-16-be')"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _codec(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None


def _decode_strict(data: bytes, codec: str, *, hint: bool) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _decode_error(data, exc, codec, hint=hint) from None


def _decode_error(data: bytes, exc: UnicodeDecodeError, codec: str, *, hint: bool) -> InputError:
    offset = exc.start
    line = data.count(b"\n", 0, offset) + 1
    message = (
        f"cannot decode the article as {codec}: byte 0x{data[offset]:02x} at byte offset "
        f"{offset} (line {line}) is invalid"
    )
    if hint:
        message += "; for a legacy Arabic file pass encoding='cp1256' or 'iso-8859-6'"
    return InputError(message)


def _guess_legacy(data: bytes) -> str | None:
    """
    The text of ``data`` read as Windows-1256 or else ISO-8859-6, when that reading is
    plainly Arabic; None when neither is (or when the bytes are damaged UTF-8).
    """
    high = len(_HIGH_BYTE.findall(data))
    in_utf8 = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    if high == 0 or in_utf8 * 2 > high:
        return None
    for codec in ("cp1256", "iso-8859-6"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plainly_arabic(text):
            return text
    return None


def _plainly_arabic(text: str) -> bool:
    if _CONTROL.search(text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for ch in letters if _is_arabic_letter(ch))
    # ISO-8859-6 bytes read as cp1256 come out as Arabic sprinkled with "è", "ê", "ç":
    # accented Latin letters next to Arabic ones are the mark of the wrong code page.
    accented = sum(1 for ch in letters if "\u00c0" <= ch <= "\u024f")
    return (
        arabic / len(letters) >= _LEGACY_ARABIC_SHARE
        and accented / len(letters) <= _LEGACY_MAX_ACCENTED
    )


# == the analysis view ====================================================================

_TATWEEL = "\u0640"
# Folded so cue words match however the writer spelled the hamza or the final letter.
_KEY_TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


# What precedes a lost "لأ" of the article: word start, up to two proclitics (و ف ب ك ل),
# then the alef of "ال" ("ا?وضاع", "وبا?سلحة") or, after the preposition lam, the lam
# of "لل" ("ل?سلحة" = للأسلحة). Only there is "?" unambiguously the lost ligature.
_LOST_LIGATURE_BEFORE = re.compile(r"(?:^|[^\w])[وفبكل]{0,2}[ال]$")


def _is_arabic_letter(ch: str) -> bool:
    return ("\u0621" <= ch <= "\u064a" and ch != _TATWEEL) or "\u0671" <= ch <= "\u06d3"


def _is_dropped(ch: str) -> bool:
    # tatweel and tashkeel (harakat, tanwin, shadda, sukun, superscript alef)
    return ch == _TATWEEL or "\u064b" <= ch <= "\u065f" or ch == "\u0670"


def _key_char(ch: str) -> str:
    low = ch.lower()
    return (low if len(low) == 1 else ch).translate(_KEY_TABLE)


def _k(pattern: str) -> str:
    """Fold the Arabic letters of a regex pattern as the view key is folded."""
    return pattern.translate(_KEY_TABLE)


class _View:
    """
    The text as the analysis reads it, with a map back to the original positions.

    ``text`` restores lost "لأ" ligatures and drops tatweel/tashkeel; ``key`` is ``text``
    folded character by character (same length) for matching.
    """

    def __init__(self, original: str) -> None:
        chars: list[str] = []
        pos: list[int] = []
        n = len(original)
        for i, ch in enumerate(original):
            if _is_dropped(ch):
                continue
            if ch == "?" and _LOST_LIGATURE_BEFORE.search("".join(chars[-4:])):
                j = i + 1
                while j < n and _is_dropped(original[j]):
                    j += 1
                if j < n and _is_arabic_letter(original[j]):
                    # "ا?وضاع", "با?سلحة", "ل?سلحة": the article's lam-alef-hamza ligature
                    # a legacy encoding could not represent, never a question mark.
                    chars += ["ل", "أ"]
                    pos += [i, i]
                    continue
            chars.append(ch)
            pos.append(i)
        pos.append(n)
        self.original = original
        self.text = "".join(chars)
        self.key = "".join(_key_char(ch) for ch in self.text)
        self._pos = pos

    def span(self, a: int, b: int) -> tuple[int, int]:
        """The original span of view span [a, b)."""
        if b <= a:
            return self._pos[a], self._pos[a]
        end = self._pos[b - 1] + 1
        # keep the marks that belong to the last letter
        while end < len(self.original) and _is_dropped(self.original[end]):
            end += 1
        return self._pos[a], end

    def orig(self, a: int, b: int) -> str:
        """The original text under view span [a, b)."""
        start, end = self.span(a, b)
        return self.original[start:end]


def _words(spaced: str) -> tuple[str, ...]:
    """The space-separated words of a lexicon string (lists below are written this way)."""
    return tuple(spaced.split())


# == sentences ============================================================================

_TERMINATORS = ".!?؟…؛"
_CLOSERS = "\"'”’»)]"
_PAIRS = {"«": "»", "“": "”"}
#: A "quotation" longer than this is taken for two unrelated, unbalanced quote marks.
_MAX_QUOTE = 800
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")

# Abbreviations a period never ends a sentence after: titles, months, Latin shorthands.
_NEVER_FINAL = frozenset(
    _words(
        "mr. mrs. ms. dr. prof. gen. lt. col. capt. sgt. maj. rep. sen. gov. st. mt. rev. "
        "jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. "
        "e.g. i.e. cf. vs. no. nos. approx. fig. vol."
    )
)
# Abbreviations that may end a sentence: they do when a typical sentence opener follows
# ("... in the U.S. The talks ..."), not otherwise ("the U.N. said").
_MAYBE_FINAL = frozenset(_words("inc. ltd. co. corp. jr. sr. etc. a.m. p.m."))
_SENTENCE_OPENERS = frozenset(
    _words(
        "the a an he she it they we i in on at but and this that these those there its his "
        "her their our as after before when while if"
    )
)
_ACRONYM = re.compile(r"(?:[a-z]\.){2,}")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """
    The sentences of ``text`` as ``(start, end)`` offsets into it, in order.

    Splits after ``. ! ? … ؟ ؛`` (with any closing quotes); a blank line ends a sentence
    too, a single line break does not (a line broken mid-sentence is joined). Quotations
    in «…», “…” or "…" are kept whole; abbreviations (U.N., Dr., Jan., e.g.), initials and
    decimals (3.5) do not end a sentence. Spans exclude surrounding whitespace.
    """
    view = _View(text)
    return [view.span(a, b) for a, b in _sentences(view.text, _quote_ranges(view.text))]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


class _Quotes:
    """
    The quotations of a text as sorted (open, close) index pairs, with lookups that stay
    fast on long articles (a quotation is at most _MAX_QUOTE long).
    """

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = sorted(ranges)
        self._starts = [a for a, _ in self.ranges]

    def around(self, i: int) -> list[tuple[int, int]]:
        """The quotations with position i strictly inside."""
        out: list[tuple[int, int]] = []
        j = bisect.bisect_left(self._starts, i) - 1
        while j >= 0 and self._starts[j] >= i - _MAX_QUOTE:
            a, b = self.ranges[j]
            if a < i < b:
                out.append((a, b))
            j -= 1
        return out

    def within(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The quotations opening in [lo, hi)."""
        first = bisect.bisect_left(self._starts, lo)
        return self.ranges[first : bisect.bisect_left(self._starts, hi)]


def _quote_ranges(text: str) -> _Quotes:
    """The quotation marks of ``text``, paired within each paragraph."""
    ranges: list[tuple[int, int]] = []
    for lo, hi in _paragraphs(text):
        stack: list[int] = []
        straight: int | None = None
        for i in range(lo, hi):
            ch = text[i]
            if ch in _PAIRS:
                stack.append(i)
            elif ch in ("»", "”"):
                if stack and _PAIRS[text[stack[-1]]] == ch:
                    ranges.append((stack.pop(), i))
            elif ch == '"':
                if straight is None:
                    straight = i
                else:
                    ranges.append((straight, i))
                    straight = None
    return _Quotes([(a, b) for a, b in ranges if b - a <= _MAX_QUOTE])


def _quoted(i: int, text: str, quotes: _Quotes) -> bool:
    """Whether position i lies inside a quotation (a terminator closing it does not)."""
    return any(not all(ch in _TERMINATORS for ch in text[i + 1 : b]) for _, b in quotes.around(i))


def _sentences(text: str, quotes: _Quotes) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in _paragraphs(text):
        start = lo
        i = lo
        while i < hi:
            if text[i] in _TERMINATORS and not _quoted(i, text, quotes):
                j = i + 1
                while j < hi and text[j] in _TERMINATORS:
                    j += 1
                while j < hi and text[j] in _CLOSERS:
                    j += 1
                if _ends_sentence(text, i, j, hi):
                    out.append((start, j))
                    start = j
                i = j
                continue
            i += 1
        out.append((start, hi))
    return [span for span in (_strip(text, a, b) for a, b in out) if span[1] > span[0]]


def _ends_sentence(text: str, i: int, j: int, hi: int) -> bool:
    mark = text[i]
    if j < hi and not text[j].isspace():
        # "3.5", "U.N.", "example.com", "?!" inside a word: not an end, except for
        # Arabic marks, which writers often set without a following space.
        return mark in "؟؛"
    k = j
    while k < hi and text[k].isspace():
        k += 1
    if k >= hi:
        return True
    nxt = text[k]
    if "a" <= nxt <= "z":
        return False  # '"Why?" she asked', '... e.g. of'
    if mark != ".":
        return True
    w = i
    while w > 0 and not text[w - 1].isspace() and text[w - 1] not in "(\"'“«":
        w -= 1
    token = text[w : i + 1].lower()
    if token in _NEVER_FINAL or re.fullmatch(r"[a-z]\.", token):
        return False
    if _abbreviation(token):
        m = re.match(r"[A-Za-z]+", text[k:])
        return m is not None and m.group().lower() in _SENTENCE_OPENERS
    return True


def _abbreviation(token: str) -> bool:
    token = token.lower()
    return token in _NEVER_FINAL or token in _MAYBE_FINAL or _ACRONYM.fullmatch(token) is not None


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


# == lexicons =============================================================================
#
# Every list below is written in plain (unvocalised) Arabic or lower-case English and
# matched against the folded view key: _k() folds the Arabic patterns the same way.

# Arabic reporting verbs. Source: the verbs of reported speech in Arabic newswire (the
# brief's list قال، أعلن، أكد، أشار، كشف، ذكر، أفاد، صرح، زعم, as used in the seed
# article), with their usual inflections (he/she/they, perfect and imperfect) and أوضح،
# أضاف، تابع، أردف، نفى, which newswire uses the same way. Opinion verbs (اعتبر، رأى) are left out:
# they attribute a view, not a checkable report.
_AR_SPEECH = _words(
    "قال قالت قالوا يقول تقول يقولون أعلن أعلنت أعلنوا يعلن تعلن أكد أكدت أكدوا يؤكد تؤكد "
    "أشار أشارت أشاروا يشير تشير كشف كشفت كشفوا يكشف تكشف ذكر ذكرت ذكروا يذكر تذكر "
    "أفاد أفادت أفادوا يفيد تفيد صرح صرحت صرحوا يصرح تصرح زعم زعمت زعموا يزعم تزعم "
    "أوضح أوضحت أوضحوا أضاف أضافت أضافوا تابع تابعت أردف أردفت نفى نفت نفوا"
)
# Verbs whose report may be a noun phrase introduced by عن ("كشفت عن وصول طائرات").
_AR_AN_VERBS = frozenset(
    _k(w) for w in _words("كشف كشفت كشفوا يكشف تكشف أعلن أعلنت أعلنوا أفاد أفادت")
)
# "نقلت الصحيفة عن مصادر ... قولها إن": the relaying verb of a two-step chain.
_AR_RELAY = _words("نقل نقلت نقلوا ينقل تنقل")
# Complementisers opening the reported clause: أن/إن (with a pronoun: أنه، إنها، إنهم …),
# بأن, and "إلى أن" after أشار.
_AR_COMPLEMENT = re.compile(_k(r"(?:إلى\s+)?(?:ب)?[أإ]ن(?:ه|ها|هم|هما|هن|نا)?(?!\w)"))
# Whom a statement was made to, after the speaker: "للصحافيين", "لوكالة الأنباء".
_AR_LISTENER = re.compile(
    _k(
        r"(?<=\s)(?:لل(?:صحافيين|صحفيين|صحافة|إعلام|إعلاميين|مراسلين)"
        r"|ل(?:وسائل|وكالة|قناة|صحيفة|جريدة|موقع|إذاعة|تلفزيون|شبكة)|أمام)(?!\w)"
    )
)
# Arabic prepositional cues: the brief's بحسب، وفق، وفقا لـ، نقلا عن and their common
# variants in newswire.
_AR_PREP = _k(r"(?:و)?(?:وفقا\s*ل|طبقا\s*ل|بحسب|حسب|وفق|نقلا\s+عن|على\s+حد\s+(?:قول|تعبير))")

# English reporting verbs. Source: the brief's list (according to, said, says, told,
# reported, citing, claimed, announced, quoted … as saying) and the reporting verbs most
# frequent in English news attribution as annotated in PARC, the Penn Attribution
# Relations Corpus (Pareti 2012).
# Verbs taking a clause ("said the dam failed"): without "that" the report follows them.
_EN_CLAUSAL = frozenset(
    _words(
        "said says say claimed claims added adds stated states insisted warned argued wrote "
        "noted explained alleged estimated believes"
    )
)
# Verbs that may take a noun phrase ("announced $11 million"): without "that" the whole
# sentence is the report. "show" attributes to documents: "C, the council's records show."
_EN_NOMINAL = frozenset(
    _words(
        "reported reports announced announces confirmed confirms revealed reveals denied "
        "denies disclosed told tells show shows showed"
    )
)
_EN_PREP = r"(?:according\s+to|as\s+reported\s+by)"
# Subjects that stand for the last named speaker ("who" as in ", who told ERT that …").
_EN_PRONOUNS = frozenset(_words("he she they who"))

# Unnamed sources, with the name the registry gives them (the brief's list and the seed's
# مصادر مطلعة، مراقبون، مصادر صحفية، بعض وسائل الإعلام, plus their plural/definite forms
# and the other stock sources of Arabic newswire). An empty name keeps the words as
# written, without their article ("المصادر الأمنية" -> "مصادر أمنية").
_AR_SOURCES: tuple[tuple[str, str], ...] = (
    ("مصادر مطلعة", r"(?:ال)?مصادر\s+(?:ال)?مطلعة"),
    ("مصادر صحفية", r"(?:ال)?مصادر\s+(?:ال)?صحفية"),
    ("", r"(?:ال)?مصادر\s+(?:ال)?(?:أمنية|عسكرية|دبلوماسية|حكومية|رسمية|مقربة|محلية|طبية)"),
    ("مصادر", r"(?:ال)?مصادر"),
    ("مراقبون", r"(?:ال)?مراقب(?:ون|ين)"),
    ("محللون", r"(?:ال)?محلل(?:ون|ين)"),
    ("شهود عيان", r"شهود\s+(?:ال)?عيان"),
    ("ناشطون", r"(?:ال)?ناشط(?:ون|ين)"),
    ("مسؤولون", r"(?:ال)?مسؤول(?:ون|ين)"),
    ("بعض وسائل الإعلام", r"بعض\s+وسائل\s+(?:ال)?إعلام"),
    ("وسائل إعلام", r"(?:ال)?وسائل\s+(?:ال)?إعلام"),
)
_AR_SOURCE_RES = tuple((name, re.compile(_k(p) + r"(?!\w)")) for name, p in _AR_SOURCES)

# Kinds of outlet: "صحيفة "صدى البلد"" names the outlet after the noun; "الصحيفة" alone
# refers back to the last outlet named.
_AR_OUTLET_NOUNS = _words("صحيفة جريدة وكالة موقع قناة مجلة إذاعة شبكة")
_EN_OUTLET_NOUNS = _words(
    "newspaper paper daily agency broadcaster channel website magazine outlet"
)
_OUTLET_NOUN = re.compile(
    _k(r"(?:ال)?(?:" + "|".join(_AR_OUTLET_NOUNS) + r")(?!\w)")
    + r"|(?:the\s+|news\s+)*(?:"
    + "|".join(_EN_OUTLET_NOUNS)
    + r")\b"
)
_OUTLET_REFERENCE = re.compile(
    _k(r"ال(?:" + "|".join(_AR_OUTLET_NOUNS) + r")(?!\w)")
    + r"|the\s+(?:news\s+)?(?:"
    + "|".join(_EN_OUTLET_NOUNS)
    + r")\b"
)
# A handful of outlets common in the registry's news, so that "the agency" can be resolved
# without a named-entity tagger; any outlet introduced by a noun above is learnt as it goes.
_KNOWN_OUTLET = re.compile(
    r"(?:"
    + "|".join(
        _k(re.escape(name))
        for name in (
            "agence france-presse",
            "associated press",
            "al jazeera",
            "the guardian",
            "the new york times",
            "the washington post",
            "the times",
            "the economist",
            "reuters",
            "afp",
            "ap",
            "bbc",
            "cnn",
            "bloomberg",
            "رويترز",
            "فرانس برس",
            "أسوشيتد برس",
            "الجزيرة",
            "العربية",
            "الأهرام",
            "سكاي نيوز",
        )
    )
    + r")(?!\w)"
)

# Clause boundaries inside a sentence: after a comma, a subordinator (حيث، إذ، بينما …),
# an adversative (لكن، غير أن), a speech participle continuing the report (مؤكدا،
# مشيرا …), "without specifying whether" (دون تحديد), a coordinated finite verb
# ("، وحصلوا", "، وأكد") or a second "that"-clause ("، وأن", "and that"). Coordinated nouns
# ("، ووزير الخارجية") and adverbials ("، في حزيران") stay in their clause.
_AR_OPENERS = _k(
    r"[،,]\s*(?=(?:حيث|إذ|بينما|فيما|في\s+حين|كما|ثم|لكن|ولكن|غير\s+أن|إلا\s+أن"
    r"|مؤكد|مشير|مضيف|موضح|لافت|مبين|(?:من\s+)?دون\s+(?:تحديد|أن\s+يحدد|توضيح)"
    r"|وأن|وإن|و\w+وا(?!\w)|و(?:" + "|".join(_AR_SPEECH) + r")(?!\w)))"
)
_EN_OPENERS = r";\s*|,\s*(?=(?:while|whereas|but|although|though)\b)|\s+and\s+that\s+"
_OPENERS = re.compile(_AR_OPENERS + "|" + _EN_OPENERS)
# Where a sentence turns to a second speaker ("…، وقال الوزير إن …", "…, and Councillor
# Hale said …"): each part is attributed on its own.
_UNIT_BREAK = re.compile(
    _k(r"[،,]\s*(?=و(?:" + "|".join(_AR_SPEECH) + r")(?!\w))")
    + r"|,\s*(?:and|but|while)\s+(?=(?:[\w.'’-]+\s+){0,5}?(?:"
    + "|".join(sorted(_EN_CLAUSAL | _EN_NOMINAL))
    + r")\b)"
)

# -- check-worthiness cues ----------------------------------------------------------------

_NUMBER = re.compile(
    r"\d"
    + _k(
        r"|(?<!\w)(?:[وفبل])?(?:ال)?(?:واحد|اثن[اي]ن|ثلاث|أربع|خمس|ست|سبع|ثماني?|تسع|عشر"
        r"|عشرات|مئات|آلاف|ألف|مئة|مائة|مليون|ملايين|مليار|نصف|ربع|ثلث"
        r"|أول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر)(?:ة|ى|ين|ون|ات)?(?!\w)"
    )
    + r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|hundreds?|thousands?|millions?|billions?|dozens?|half|percent|per\s+cent"
    r"|first|second|third|fourth|fifth)\b"
)
# Dates, months, weekdays and durations: Gregorian and Levantine month names, weekdays,
# relative times (الماضي، المقبل، last week) and the units of duration. Left out as too
# ambiguous: "عام" (year, but also "general": "القائد العام"), and "may"/"march" unless a
# day or "in" goes with them.
_DATE = re.compile(
    _k(
        r"(?<!\w)(?:[وفبل])?(?:ال)?(?:يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر"
        r"|أكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين"
        r"|سبت|أحد|اثنين|ثلاثاء|أربعاء|خميس|جمعة|أمس|يوم|أيام|أسبوع|أسابيع|شهر|أشهر|شهور"
        r"|أعوام|سنة|سنوات|ساعة|ساعات|دقيقة|دقائق|ماضي|مقبل|حينها|حالي|ربيع|صيف|خريف|شتاء)"
        r"(?:ين|ها|ه)?(?!\w)"
    )
    + r"|\b(?:january|february|april|june|july|august|september|october"
    r"|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
    r"|(?:in\s+)(?:may|march)|(?:may|march)\s+\d|\d+\s+(?:may|march)"
    r"|(?:last|next|this|in)\s+(?:spring|summer|autumn|fall|winter)"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight"
    r"|(?:last|next|this)\s+(?:week|month|year)|minutes?|hours?|days?|weeks?|months?"
    r"|years?|(?:1[89]|20)\d\d)\b"
)
# A small gazetteer (countries, capitals and large cities, international bodies, named
# armed groups) for Arabic, which has no capital letters to spot names by; titles point
# at a named person; nisba adjectives (مصري، روسية) at a named country.
_AR_ENTITY = re.compile(
    _k(
        r"(?<!\w)(?:[وفبلك])?(?:"
        r"مصر|ليبيا|تونس|الجزائر|المغرب|موريتانيا|السودان|السعودية|الإمارات|قطر|الكويت"
        r"|البحرين|عمان|اليمن|العراق|سوريا|سورية|لبنان|الأردن|فلسطين|إسرائيل|تركيا|إيران"
        r"|روسيا|الصين|أمريكا|أميركا|الولايات\s+المتحدة|فرنسا|إيطاليا|ألمانيا|بريطانيا"
        r"|إسبانيا|اليونان|مالطا|تشاد|النيجر|إثيوبيا|الهند|باكستان|أفغانستان|أوكرانيا"
        r"|اليابان|أوروبا|إفريقيا|أفريقيا"
        r"|القاهرة|الإسكندرية|طرابلس|بنغازي|طبرق|مصراتة|سرت|درنة|الرباط|الخرطوم|الرياض"
        r"|أبوظبي|دبي|الدوحة|بغداد|دمشق|بيروت|القدس|غزة|أنقرة|إسطنبول|طهران|موسكو|واشنطن"
        r"|نيويورك|باريس|روما|لندن|برلين|بكين|جنيف"
        r"|الأمم\s+المتحدة|مجلس\s+الأمن|الاتحاد\s+الأوروبي|الاتحاد\s+الإفريقي|الجامعة\s+العربية"
        r"|الناتو|داعش|تنظيم\s+الدولة|القاعدة|حماس|حزب\s+الله|البنك\s+الدولي"
        r"|(?:ال)?(?:الرئيس|رئيس|وزير|وزيري|وزراء|سفير|لواء|عميد|عقيد|فريق|مشير|شيخ|ملك|أمير"
        r"|قائد|أمين|متحدث|ناطق|نائب|والي|محافظ|حاكم|مدير)"
        r"|(?:ال)?(?:مصر|ليب|روس|أمريك|أميرك|فرنس|إيطال|ترك|إمارات|سعود|قطر|سور|عراق|أردن"
        r"|تونس|جزائر|مغرب|سودان|إيران|إسرائيل|فلسطين|بريطان|ألمان|صين|أوروب|دول)"
        r"(?:ي|ية|يون|يين|يان|يتين)"
        r")(?!\w)"
    )
)
# Latin script: a capitalised word that does not open the clause, or an acronym.
_EN_ENTITY = re.compile(r"(?<=[\w,;:)\]] )[A-Z][\w'’.-]+|\b[A-Z](?:\.?[A-Z])+\b\.?")
_QUOTED = re.compile(r"[\"«“][^\"»”]{2,}[\"»”]")
# Opinion: evaluative words and the grammar of recommendation.
_OPINION = re.compile(
    r"\b(?:should|must|ought|shameful|disgrace(?:ful)?|outrageous|unacceptable|terrible"
    r"|wonderful|scandal(?:ous)?|i\s+think|we\s+believe|in\s+my\s+view|in\s+our\s+view)\b"
    + _k(
        r"|(?<!\w)(?:و)?(?:يجب|ينبغي|لا\s+بد|أعتقد|نعتقد|أرى|نرى|في\s+رأيي|مخز|مخجل|معيب"
        r"|فضيحة|كارثي|كارثية)(?!\w)"
    )
)
# Hedges: the statement itself says it may not be so.
_HEDGE = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|probably|likely|unlikely|appears?|seems?"
    r"|whether|expected\s+to)\b"
    + _k(
        r"|(?<!\w)(?:ربما|يبدو|تبدو|يحتمل|المحتمل|المرجح|المتوقع|يتوقع|قد\s+[يت]\w+|ما\s+إذا"
        r"|دون\s+تحديد)(?!\w)"
    )
)
# Open questions: a question mark (the lost-ligature "?" is a letter in the view), or an
# Arabic interrogative particle opening the clause, which is often written without one.
_QUESTION = re.compile(r"[?؟]" + _k(r"|^(?:و|ف)?(?:هل|لماذا|كيف|متى|أين|ماذا)(?!\w)"))

# Feature weights of the check-worthiness score (see _score).
_BASE = 0.35
_W_NUMBER = 0.25
_W_DATE = 0.15
_W_ENTITY = 0.2
_W_ENTITY_IN_SENTENCE = 0.1
_W_QUOTED = 0.05
_W_ATTRIBUTED = 0.1
_W_OPINION = -0.35
_W_HEDGE = -0.2
_W_QUESTION = -0.45


# == extraction ===========================================================================


@attrs.define
class _Memory:
    """What earlier sentences named, for "الصحيفة", "the newspaper", "he said", "المسؤول"."""

    outlet: str | None = None
    speaker: str | None = None
    recent: list[str] = attrs.Factory(list)

    def heard(self, name: str) -> None:
        """``name`` spoke: "he", "وقال", "the official" may refer to it from now on."""
        self.speaker = name
        self.recent.append(name)


@attrs.frozen
class _Name:
    name: str | None
    end: int  # view index where the name phrase ends
    outlet: bool = False


@attrs.frozen
class _Frame:
    """Who reports (the chain) and what: content to split into clauses, extra facts."""

    chain: tuple[str, ...]
    content: tuple[int, int]
    extras: tuple[tuple[int, int], ...] = ()


@attrs.frozen
class _Candidate:
    span: tuple[int, int]
    chain: tuple[str, ...]


def extract_claims(
    text: str,
    *,
    publisher: str | None = None,
    lang: str | None = None,
    min_checkworthiness: float = MIN_CHECKWORTHINESS,
) -> list[ExtractedClaim]:
    """
    The check-worthy claims of an article, in text order.

    Each sentence's attribution is resolved (``"ونقلت الصحيفة عن مصادر مطلعة … قولها"``
    gives the chain ``("صدى البلد", "مصادر مطلعة")`` when صدى البلد was the outlet named
    last; "Reuters reported, citing two officials, that …" gives ``("Reuters", "two
    officials")``); the reported content is split at clause boundaries and each clause
    scored (:data:`MIN_CHECKWORTHINESS`). Unattributed statements are the publisher's.

    Args:
        text: the article, as :func:`decode_article` returns it; offsets index it.
        publisher: who published the article: the claimant of unattributed statements.
        lang: ISO 639-1 code for every claim; by default detected per claim from its script.
        min_checkworthiness: clauses scoring below are left out (0 keeps everything).
    """
    view = _View(text)
    quotes = _quote_ranges(view.text)
    memory = _Memory()
    found: list[ExtractedClaim] = []
    for s, e in _sentences(view.text, quotes):
        for cand, score in _sentence_claims(view, s, e, quotes, memory):
            if score < min_checkworthiness:
                continue
            start, end = view.span(*cand.span)
            claim_text = text[start:end]
            chain = cand.chain
            found.append(
                ExtractedClaim(
                    text=claim_text,
                    start=start,
                    end=end,
                    claimant=chain[-1] if chain else publisher,
                    attribution=chain,
                    checkworthiness=score,
                    lang=lang or detect_lang(claim_text),
                )
            )
    return found


def _sentence_claims(
    view: _View, s: int, e: int, quotes: _Quotes, memory: _Memory
) -> list[tuple[_Candidate, float]]:
    """The scored candidate claims of sentence [s, e), in text order."""
    pieces: list[tuple[tuple[int, int], tuple[str, ...]]] = []
    units = [
        (m.start(), m.end()) for m in _outside_quotes(_UNIT_BREAK.finditer(view.key, s, e), quotes)
    ]
    bounds = [s, *(x for cut in units for x in cut), e]
    frames = [
        frame
        for a, b in zip(bounds[::2], bounds[1::2], strict=True)
        for frame in _frames(view, a, b, quotes, memory)
    ]
    for frame in frames:
        pieces += [(span, frame.chain) for span in _clauses(view, *frame.content, quotes)]
        pieces += [
            (span, frame.chain)
            for span in (_trim(view, a, b) for a, b in frame.extras)
            if _has_number(view, *span)
        ]
    sentence_entity = _has_entity(view, s, e)
    out: list[tuple[_Candidate, float]] = []
    for (a, b), chain in sorted(p for p in pieces if p[0][1] > p[0][0]):
        score = _score(view, a, b, attributed=bool(chain), sentence_entity=sentence_entity)
        out.append((_Candidate((a, b), chain), score))
    return out


# -- attribution frames -------------------------------------------------------------------


def _frames(view: _View, s: int, e: int, quotes: _Quotes, memory: _Memory) -> list[_Frame]:
    """The attributions of sentence [s, e), each with the span of what it reports."""
    outer, content, tail = _prepositional(view, s, e, quotes, memory)
    frames: list[_Frame] = []
    inner = _verb_frame(view, *content, quotes, memory)
    if inner is None:
        frames.append(_Frame(outer, content))
    else:
        chain = (*outer, *(x for x in inner.chain if x not in outer))
        frames.append(_Frame(chain, inner.content, inner.extras))
    if tail is not None:
        # "…, according to the minister, who told ERT that C": C is the minister's too
        more = _verb_frame(view, *tail, quotes, memory)
        if more is not None:
            frames.append(more)
    return frames


def _outside_quotes(matches: Iterable[re.Match[str]], quotes: _Quotes) -> list[re.Match[str]]:
    return [m for m in matches if not quotes.around(m.start())]


_PREP = re.compile(r"(?<!\w)(?:" + _AR_PREP + "|" + _EN_PREP + r")(?:\s+|(?=\w))")
_COMMA = re.compile(r"[،,]")
# Appositions that still describe the source after "according to X,": "، الإلكترونية"،
# "، المقربة من …", ", which …", ", the …".
_APPOSITION = re.compile(_k(r"\s*(?:ال|التي|الذي|الذين)\w*") + r"|\s*(?:which|who|the|a|an)\b")


def _prepositional(
    view: _View, s: int, e: int, quotes: _Quotes, memory: _Memory
) -> tuple[tuple[str, ...], tuple[int, int], tuple[int, int] | None]:
    """
    "بحسب X" / "according to X": the outer source, the content it leaves, and the tail.

    Leading ("According to X, C") and trailing ("C، بحسب X، الإلكترونية.") cues leave C;
    a parenthetical one ("C1، بحسب X، C2") leaves the whole sentence. The tail is what
    followed a trailing source (", who told ERT that …"), for a report of its own.
    """
    key = view.key
    for m in _outside_quotes(_PREP.finditer(key, s, e), quotes):
        x_start = m.end()
        comma = _COMMA.search(key, x_start, e)
        x_end = comma.start() if comma else e
        name = _name(view, x_start, x_end, memory)
        if name.name is None:
            continue
        source = name.name
        if m.group().endswith("ل") and source.startswith("ل"):
            # "وفقا للأمم المتحدة": the cue's lam took the alef of "الأمم"
            source = "ا" + source
        if not name.outlet:
            memory.heard(source)
        before = key[s : m.start()].strip()
        if not before or before in ("و", "ف"):
            # leading: the content follows the source's comma
            return (source,), (comma.end() if comma else x_end, e), None
        # absorb appositions describing the source, then see whether anything is left
        end = x_end
        while end < e:
            seg = _COMMA.match(key, end)
            if seg is None or _APPOSITION.match(key, seg.end()) is None:
                break
            nxt = _COMMA.search(key, seg.end(), e)
            end = nxt.start() if nxt else e
        rest = key[end:e].strip(" \n،,.؟!؛…\"'»”)")
        if not rest:
            cut = m.start()
            lead = key[s:cut].rstrip()
            if lead.endswith(("،", ",")):
                cut = s + len(lead) - 1
            tail = (x_end, e) if x_end < e else None
            return (source,), (s, cut), tail
        return (source,), (s, e), None
    return (), (s, e), None


# A word, dots included so that "U.N." and "Mrs." stay whole.
_WORD = re.compile(r"[^\s،,;:؛؟!?…\"«»“”()]+")
_AR_SPEECH_RE = re.compile(
    r"(?<!\w)(?:[وف])?(?P<verb>" + "|".join(_k(v) for v in _AR_SPEECH) + r")(?!\w)"
)
_AR_RELAY_RE = re.compile(r"(?<!\w)(?:[وف])?(?:" + "|".join(_AR_RELAY) + r")(?!\w)")
_AR_QAWL = re.compile(_k(r"(?<!\w)قول(?:ه|ها|هم|هما|هن)(?!\w)"))
_EN_VERB_RE = re.compile(r"\b(?P<verb>" + "|".join(sorted(_EN_CLAUSAL | _EN_NOMINAL)) + r")\b")
_EN_QUOTED_AS = re.compile(r"\bquoted\s+(?P<y>.+?)\s+as\s+saying\b(?:\s+that\b)?\s*")
_EN_CITING = re.compile(r"\s*,\s*citing\s+(?P<y>[^,.;]+?)\s*(?:,|(?=[.;]|$))")
_EN_CITING_BEFORE = re.compile(r",\s*citing\s+(?P<y>[^,.;]+?)\s*,\s*$")
_EN_THAT = re.compile(r"(?:\s+\S+){0,4}?\s+that\b\s*")
_AN = re.compile(_k(r"\s*عن\s+"))


def _verb_frame(view: _View, s: int, e: int, quotes: _Quotes, memory: _Memory) -> _Frame | None:
    key = view.key
    cues: list[tuple[int, str, re.Match[str]]] = []
    for kind, pattern in (
        ("relay", _AR_RELAY_RE),
        ("ar", _AR_SPEECH_RE),
        ("quoted", _EN_QUOTED_AS),
        ("en", _EN_VERB_RE),
    ):
        for m in _outside_quotes(pattern.finditer(key, s, e), quotes):
            cues.append((m.start(), kind, m))
    for _, kind, m in sorted(cues, key=lambda c: c[0]):
        if kind == "relay":
            frame = _relay_frame(view, s, e, m, memory)
        elif kind == "ar":
            frame = _arabic_frame(view, s, e, m, memory)
        elif kind == "quoted":
            frame = _quoted_as_frame(view, s, e, m, memory)
        else:
            frame = _english_frame(view, s, e, m, quotes, memory)
        if frame is not None:
            return frame
    return None


def _relay_frame(view: _View, s: int, e: int, m: re.Match[str], memory: _Memory) -> _Frame | None:
    """'نقلت X عن Y [وصف] قولها إن C' -> chain (X, Y), content C, the description aside."""
    key = view.key
    an = re.compile(_k(r"(?<!\w)عن\s+")).search(key, m.end(), min(e, m.end() + 80))
    if an is None:
        return None
    named = key[m.end() : an.start()].strip()
    relayer = _name(view, m.end(), an.start(), memory) if named else None
    qawl = _AR_QAWL.search(key, an.end(), e)
    if qawl is not None:
        y_end = qawl.start()
        comp = _AR_COMPLEMENT.match(key, _skip_space(key, qawl.end()))
        body = _complement_start(view, comp) if comp else _skip_space(key, qawl.end())
    else:
        comp = _AR_COMPLEMENT.search(key, an.end(), e)
        if comp is None:
            return None
        y_end = comp.start()
        body = _complement_start(view, comp)
    source = _name(view, an.end(), y_end, memory)
    if source.name is None:
        return None
    chain = tuple(x.name for x in (relayer, source) if x is not None and x.name is not None)
    memory.heard(source.name)
    extras = ((source.end, y_end),) if qawl is not None else ()
    return _Frame(chain, (body, e), extras)


def _complement_start(view: _View, comp: re.Match[str]) -> int:
    # "إنهم التقوا" keeps its pronoun subject; a bare "أن"/"إلى أن" is left out.
    word = comp.group().split()[-1]
    if word.lstrip("ب") in ("ان",):
        return _skip_space(view.key, comp.end())
    return comp.start() + len(comp.group()) - len(word)


def _skip_space(key: str, i: int) -> int:
    while i < len(key) and key[i].isspace():
        i += 1
    return i


def _arabic_frame(view: _View, s: int, e: int, m: re.Match[str], memory: _Memory) -> _Frame | None:
    """'قال X إن C', 'X كشفت عن C', 'وقال: C': the speaker and what they said."""
    key = view.key
    verb = _k(m.group("verb"))
    words = list(_WORD.finditer(key, m.end(), e))[:12]
    comp: re.Match[str] | None = None
    colon = key.find(":", m.end(), words[0].start() if words else e)
    if colon != -1:
        body = _skip_space(key, colon + 1)
        np_end = colon
    else:
        for w in words:
            comp = _AR_COMPLEMENT.match(key, w.start())
            if comp is not None:
                break
            if verb in _AR_AN_VERBS and key[w.start() : w.end()] == "عن":
                comp = _AN.match(key, w.start())
                break
        if comp is None:
            return _arabic_nominal_frame(view, e, m, verb, memory)
        np_end = comp.start()
        body = _complement_start(view, comp) if "عن" not in comp.group() else comp.end()
    listener = _AR_LISTENER.search(key, m.end(), np_end)
    if listener is not None:
        np_end = listener.start()  # "صرح تاياني للصحافيين بأن": the listener is not the source
    if key[m.end() : np_end].strip(" \n،,"):
        speaker = _name(view, m.end(), np_end, memory)
    else:
        speaker = _source_before(view, s, m.start()) or _Name(memory.speaker, m.start())
    if speaker.name is None:
        return None
    if not speaker.outlet:
        memory.heard(speaker.name)
    return _Frame((speaker.name,), (body, e))


def _arabic_nominal_frame(
    view: _View, e: int, m: re.Match[str], verb: str, memory: _Memory
) -> _Frame | None:
    """
    'أعلنت الوزارة، الثلاثاء، ارتفاع …': an announcing verb with a noun-phrase report.

    Without a complementiser the subject's end is only visible at a comma; a short
    adverbial segment after it (a day, a place) is skipped.
    """
    if verb not in _AR_AN_VERBS:
        return None
    key = view.key
    comma = _COMMA.search(key, m.end(), e)
    if comma is None or not 1 <= len(_WORD.findall(key, m.end(), comma.start())) <= 6:
        return None
    body = comma.end()
    nxt = _COMMA.search(key, body, e)
    if nxt is not None and len(_WORD.findall(key, body, nxt.start())) <= 2:
        body = nxt.end()
    speaker = _name(view, m.end(), comma.start(), memory)
    if speaker.name is None or not key[body:e].strip():
        return None
    if not speaker.outlet:
        memory.heard(speaker.name)
    return _Frame((speaker.name,), (_skip_space(key, body), e))


def _source_before(view: _View, s: int, i: int) -> _Name | None:
    """An unnamed source written before its verb: "مراقبين قالوا", "مصادر صحفية كشفت"."""
    lo = max(s, i - 40)
    window = view.key[lo:i].rstrip()
    for name, pattern in _AR_SOURCE_RES:
        for m in pattern.finditer(window):
            if m.end() == len(window) and (m.start() == 0 or not window[m.start() - 1].isalnum()):
                return _Name(_source_name(name, view, lo + m.start(), lo + m.end()), i)
    return None


def _source_name(name: str, view: _View, a: int, b: int) -> str:
    """The registry's name for the unnamed source written at [a, b)."""
    if name:
        return name
    return " ".join(w.removeprefix("ال") for w in view.orig(a, b).split())


def _quoted_as_frame(
    view: _View, s: int, e: int, m: re.Match[str], memory: _Memory
) -> _Frame | None:
    """'X quoted Y as saying (that) C' -> chain (X, Y), content C."""
    relayer = _name(view, _clause_start(view.key, s, m.start()), m.start(), memory)
    source = _name(view, m.start("y"), m.end("y"), memory)
    if relayer.name is None or source.name is None:
        return None
    memory.heard(source.name)
    extras = ((source.end, m.end("y")),) if source.end < m.end("y") else ()
    return _Frame((relayer.name, source.name), (m.end(), e), extras)


def _clause_start(key: str, s: int, i: int) -> int:
    """Start of the stretch before position i: after the last comma, colon or quote."""
    j = i
    while j > s and key[j - 1] not in ',;:"”»(':
        j -= 1
    return j


def _english_frame(
    view: _View,
    s: int,
    e: int,
    m: re.Match[str],
    quotes: _Quotes,
    memory: _Memory,
) -> _Frame | None:
    """
    'X said (that) C', 'C, X said[, …].', '"Q," said X', 'X reported, citing Y, that C',
    'X, citing Y, reported that C'.
    """
    key = view.key
    verb = m.group("verb")
    cited: _Name | None = None
    subject_end = m.start()
    citing_before = _EN_CITING_BEFORE.search(key, s, m.start())
    if citing_before is not None:
        cited = _name(view, citing_before.start("y"), citing_before.end("y"), memory)
        subject_end = citing_before.start()
    before_start = _clause_start(key, s, subject_end)
    before = _WORD.findall(key, before_start, subject_end)
    after = m.end()
    if 1 <= len(before) <= 8:
        speaker = _name(view, before_start, subject_end, memory)
    elif not before:
        # verb before subject: '"…," said Mrs. X, who …'
        stop = re.compile(r",|\bwho\b|\bwhich\b").search(key, m.end(), e)
        np_end = stop.start() if stop else e
        speaker = _name(view, m.end(), np_end, memory)
        after = np_end
    else:
        return None
    if speaker.name is None:
        return None
    citing = _EN_CITING.match(key, after)
    if citing and cited is None:
        cited = _name(view, citing.start("y"), citing.end("y"), memory)
        after = citing.end()
    chain: tuple[str, ...] = (speaker.name,)
    if cited is not None and cited.name is not None:
        chain = (*chain, cited.name)
    if not speaker.outlet or len(chain) > 1:
        memory.heard(chain[-1])
    quote = _adjacent_quote(view, before_start, m.start(), after, e, quotes)
    that = _EN_THAT.match(key, after)
    rest = _WORD.findall(key, after, e)
    if quote is not None:
        content = quote
    elif that is not None:
        content = (that.end(), e)
    elif before_start > s and (key[after:e].lstrip().startswith(",") or len(rest) <= 4):
        # trailing or parenthetical: "C, local engineers said.", "C, X told reporters.",
        # "C, the fire service said, after …"
        content = (s, before_start - 1)
    elif verb in _EN_CLAUSAL and before and rest:
        content = (_skip_space(key, after), e)
    else:
        content = (s, e)
    return _Frame(chain, content)


def _adjacent_quote(
    view: _View,
    before_start: int,
    verb_start: int,
    after: int,
    e: int,
    quotes: _Quotes,
) -> tuple[int, int] | None:
    """The quotation right before the attribution ('"Q," X said') or after 'said:'."""
    key = view.key
    for a, b in quotes.within(max(0, before_start - _MAX_QUOTE - 1), e):
        if b < before_start and not key[b + 1 : before_start].strip(" \n,"):
            return a + 1, b
        if a >= after and a < e and not key[after:a].strip(" \n:,"):
            return a + 1, b
    return None


def _name(view: _View, a: int, b: int, memory: _Memory) -> _Name:
    """
    The source named in view span [a, b): a quoted name, an unnamed source, an outlet
    (resolved when only referred to), a pronoun (the last speaker) or a noun phrase.
    """
    key = view.key
    a = _skip_space(key, a)
    while b > a and key[b - 1] in " \n،,:;!?؟":
        b -= 1
    if b > a and key[b - 1] == "." and not _abbreviation(key[a:b].split()[-1]):
        b -= 1
    if a >= b:
        return _Name(memory.speaker, a)
    region = key[a:b]
    if region in _EN_PRONOUNS:
        return _Name(memory.speaker, b)
    # a quoted name near the start: 'صحيفة "صدى البلد"', 'ما اعتبرتها "مصادر مطلعة"'
    q = re.search(r"[\"«“]([^\"»”]+)[\"»”]", region)
    if q is not None and q.start() <= 30:
        name = _clean(view.orig(a + q.start(1), a + q.end(1)))
        outlet = _OUTLET_NOUN.search(region, 0, q.start()) is not None
        if outlet:
            memory.outlet = name
        return _Name(name, a + q.end(), outlet)
    for canonical, pattern in _AR_SOURCE_RES:
        sm = pattern.match(region)
        if sm is not None:
            return _Name(_source_name(canonical, view, a, a + sm.end()), a + sm.end())
    ref = _OUTLET_REFERENCE.match(region)
    if ref is not None and not region[ref.end() :].strip():
        name = memory.outlet or _clean(view.orig(a, b))
        return _Name(name, b, True)
    known = _KNOWN_OUTLET.match(region)
    if known is not None:
        name = _clean(view.orig(a, a + known.end()))
        memory.outlet = name
        return _Name(name, a + known.end(), True)
    document = _DOCUMENT.match(region)
    if document is not None and document.end() < len(region):
        # "تقديرات منظمة الصحة العالمية", "figures from the ministry": the source is the
        # body that issued them
        return _issuer(view, a + document.end(), b, memory)
    earlier = _back_reference(region, memory)
    if earlier is not None:
        return _Name(earlier, b)
    noun = _OUTLET_NOUN.match(region)
    stop = _NP_STOP.search(region)
    np_end = a + (stop.start() if stop else len(region))
    if stop is not None and stop.group() == "،":
        # "المتحدث باسم الوزارة، محمد عثمان، في مؤتمر صحفي": a short apposition that is
        # not a prepositional phrase or a definite adjective names the speaker
        nxt = _COMMA.search(region, stop.end())
        seg = region[stop.end() : nxt.start() if nxt else len(region)]
        if 1 <= len(seg.split()) <= 3 and not _NOT_APPOSITION.match(seg.strip()):
            np_end = a + stop.end() + len(seg.rstrip())
    words = list(_WORD.finditer(key, a, np_end))[:8]
    if not words:
        return _Name(None, a)
    np_end = words[-1].end()
    if noun is not None and noun.end() < np_end - a:
        name = _clean(view.orig(a + noun.end(), np_end))
        memory.outlet = name
        return _Name(name, np_end, True)
    start = a
    article = re.match(r"(?:the|a|an)\s+", region)
    if article is not None:
        start = a + article.end()
    return _Name(_clean(view.orig(start, np_end)), np_end)


def _issuer(view: _View, a: int, b: int, memory: _Memory) -> _Name:
    """
    Who issued a report: "(تقرير) للبنك الدولي صدر الشهر الماضي" -> "البنك الدولي".

    An Arabic issuer is a construct phrase: a head word and the definite words after it
    ("منظمة الصحة العالمية"); what follows (a verb, a time) is not part of the name.
    """
    key = view.key
    words = list(_WORD.finditer(key, a, b))
    if not words or not _is_arabic_letter(key[words[0].start()]):
        return _name(view, a, b, memory)
    end = words[0].end()
    for w in words[1:]:
        if not key.startswith("ال", w.start()):
            break
        end = w.end()
    name = _clean(view.orig(words[0].start(), end))
    if name.startswith("لل"):
        name = "ا" + name[1:]  # "للبنك الدولي": lam + "البنك" with its alef elided
    elif name.startswith("ل") and not name.startswith("ال"):
        name = name[1:]  # "لمنظمة الصحة العالمية"
    return _Name(name, end)


def _back_reference(region: str, memory: _Memory) -> str | None:
    """
    "المسؤول" / "the official" after "مسؤول في وزارة العمل" / "an official at …": the
    earlier source whose head noun it repeats, latest first.
    """
    m = re.fullmatch(r"(?:ال|the\s+)(\w+)", region)
    if m is None:
        return None
    head = m.group(1)
    for name in reversed(memory.recent):
        first = re.match(r"(?:an?\s+|ال)?(\w+)", name.casefold().translate(_KEY_TABLE))
        if first is not None and first.group(1) == head:
            return name
    return None


_NP_STOP = re.compile(r"[،,]|\b(?:who|which)\b" + _k(r"|(?<!\w)(?:الذي|التي|الذين)(?!\w)"))
# Segments after a name's comma that are not a second name for it: a definite adjective
# ("، الرسمية"), a preposition or a time ("، في مؤتمر", "، الثلاثاء", "، أمس").
_NOT_APPOSITION = re.compile(
    _k(r"(?:ال|في\s|ب|ل|على\s|عن\s|من\s|إلى\s|خلال\s|أمام\s|يوم|أمس|مساء|صباح|أن|إن)")
)
# Nouns for what a source issued: the source is whoever issued it.
_DOCUMENT = re.compile(
    _k(
        r"(?:ل|ال|لل)?(?:تقديرات|بيانات|أرقام|إحصاءات|إحصائيات|تقرير|تقارير|بيان|دراسة"
        r"|معلومات)\s+"
    )
    + r"|(?:figures|data|estimates|statistics|(?:a|the)\s+(?:report|statement|study))"
    r"\s+(?:from|by|of)\s+"
)


def _clean(name: str) -> str:
    return " ".join(name.split()).strip("\"'«»“”")


# -- clauses and scores -------------------------------------------------------------------

#: A clause shorter than this many words is kept with the one before it.
_MIN_CLAUSE_WORDS = 3


def _clauses(view: _View, a: int, b: int, quotes: _Quotes) -> list[tuple[int, int]]:
    """Split content [a, b) at clause boundaries outside quotations."""
    key = view.key
    cuts = [
        (m.start(), m.end())
        for m in _outside_quotes(_OPENERS.finditer(key, a, b), quotes)
        if a < m.start()
    ]
    pieces: list[tuple[int, int]] = []
    start = a
    for cut_start, cut_end in [*cuts, (b, b)]:
        piece = _trim(view, start, cut_start)
        if piece[1] > piece[0]:
            if pieces and len(_WORD.findall(key, *piece)) < _MIN_CLAUSE_WORDS:
                pieces[-1] = (pieces[-1][0], piece[1])
            else:
                pieces.append(piece)
        start = cut_end
    if len(pieces) > 1 and len(_WORD.findall(key, *pieces[0])) < _MIN_CLAUSE_WORDS:
        pieces[:2] = [(pieces[0][0], pieces[1][1])]
    return pieces


_TRIM = " \n\t،,.;:؛…-—–"


def _trim(view: _View, a: int, b: int) -> tuple[int, int]:
    """Drop surrounding spaces and punctuation, and quote marks left unpaired."""
    text = view.text
    while True:
        while a < b and text[a] in _TRIM:
            a += 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
        inner = text[a:b]
        if b > a and text[a] in '"«“' and _unbalanced(inner):
            a += 1
            continue
        if b > a and text[b - 1] in '"»”' and _unbalanced(inner):
            b -= 1
            continue
        return a, b


def _unbalanced(s: str) -> bool:
    return s.count('"') % 2 == 1 or s.count("«") != s.count("»") or s.count("“") != s.count("”")


def _has_number(view: _View, a: int, b: int) -> bool:
    return _NUMBER.search(view.key, a, b) is not None


def _has_entity(view: _View, a: int, b: int) -> bool:
    return (
        _AR_ENTITY.search(view.key, a, b) is not None
        or _EN_ENTITY.search(view.text, a, b) is not None
    )


def _score(view: _View, a: int, b: int, *, attributed: bool, sentence_entity: bool) -> float:
    """
    Check-worthiness of clause [a, b), 0..1.

    A declarative clause starts at 0.35. Checkable specifics raise it: a number (+0.25),
    a date, month, weekday or duration (+0.15), a named entity (+0.2; +0.1 when the name is
    only elsewhere in the sentence, its attribution included, as in "حيث طلب" whose
    subject is the main clause's), a quoted expression (+0.05), an attribution to a source
    (+0.1). Opinion (-0.35), hedges (-0.2) and open questions (-0.45) lower it. Named
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
    if _OPINION.search(clause):
        score += _W_OPINION
    if _HEDGE.search(clause):
        score += _W_HEDGE
    if _QUESTION.search(clause):
        score += _W_QUESTION
    return round(min(1.0, max(0.0, score)), 2)
