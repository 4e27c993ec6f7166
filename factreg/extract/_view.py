"""
The analysis view of an article: what the extractor reads, and the way back.

The analysis runs on a *view* of the text in which the "لأ" ligature lost to "?" by a
legacy encoding is restored ("ا?وضاع" is read as "الأوضاع", so that "?" is not taken for
a question mark), tatweel and tashkeel are dropped, and alef/ya/ta-marbuta forms and
Latin case are folded for matching. A position map carries every span back to the
original, so the repair never shows in offsets or claim text.
"""

from __future__ import annotations

import re

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
