"""
Text -> matching form: folding, tokens, and the facts relate() compares.

(First cut: language detection and a basic fold; the matching work extends it.)
"""

from __future__ import annotations

import re
import unicodedata

#: Bumped whenever the matching form changes; the store then needs ``factreg reindex``.
NORMALIZATION_VERSION = 1

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


_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """
    The matching form of ``text``: NFKC, casefolded, marks removed, one space between words.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(text))


def tokens(text: str) -> list[str]:
    """
    The folded words of ``text``.
    """
    return fold(text).split()


def index_text(text: str) -> str:
    """
    What the store indexes for ``text``: its tokens joined by single spaces.
    """
    return " ".join(tokens(text))
