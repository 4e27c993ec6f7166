"""
Which language a claim is written in, guessed from its script (standard library only).

Kept apart from normalize.py so that model.py, which needs only this, stays light.
"""

from __future__ import annotations

import re

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
