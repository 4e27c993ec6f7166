"""
Text -> sentences over Arabic and Latin punctuation, with the quotations of the text.

A single line break does not end a sentence (lines broken mid-sentence are joined); a
blank line does. Quotations, abbreviations, initials and decimals are kept whole.
"""

from __future__ import annotations

import bisect
import re

from factreg.extract import _lexicon
from factreg.extract._view import _View

__all__ = ["split_sentences"]

_TERMINATORS = ".!?؟…؛"
_CLOSERS = "\"'”’»)]"
_PAIRS = {"«": "»", "“": "”"}
#: A "quotation" longer than this is taken for two unrelated, unbalanced quote marks.
_MAX_QUOTE = 800
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")

# Abbreviations a period never ends a sentence after (titles, months, Latin shorthands),
# abbreviations that may end one, and the words that then open the next sentence.
_NEVER_FINAL = frozenset(_lexicon.entries("en-abbreviations-never-final"))
_MAYBE_FINAL = frozenset(_lexicon.entries("en-abbreviations-maybe-final"))
_SENTENCE_OPENERS = frozenset(_lexicon.entries("en-sentence-openers"))
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
            if ch == "“" and stack and _closes_reversed(text, stack[-1], i):
                # ”…“ written the other way round, or “…“ closed with an opening mark
                ranges.append((stack.pop(), i))
            elif ch in _PAIRS:
                stack.append(i)
            elif ch in ("»", "”"):
                if stack and _PAIRS.get(text[stack[-1]]) == ch:
                    ranges.append((stack.pop(), i))
                elif ch == "”":
                    stack.append(i)  # perhaps a reversed opening mark: ”…“
            elif ch == '"':
                if straight is None:
                    straight = i
                else:
                    ranges.append((straight, i))
                    straight = None
    return _Quotes([(a, b) for a, b in ranges if b - a <= _MAX_QUOTE])


def _closes_reversed(text: str, opened: int, i: int) -> bool:
    """Whether a “ at i closes the mark at ``opened``: a reversed ”…“, or a short “…“."""
    if text[opened] == "”":
        return True
    inside = text[opened + 1 : i]
    return text[opened] == "“" and len(inside) <= 40 and not any(c in _TERMINATORS for c in inside)


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
