"""
Bytes of an article -> text: UTF-8 with or without BOM, or a legacy Arabic code page.

Strict: undecodable input is an error naming the byte offset and line, never replaced.
"""

from __future__ import annotations

import codecs
import re

from factreg.errors import InputError
from factreg.extract._view import _is_arabic_letter

__all__ = ["decode_article"]

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
