"""
Dates as publishers write them in ClaimReview feeds.

ISO 8601 (a day, or a timestamp), RFC 2822 (``Wed, 11 Mar 2020 01:05:52 +0000``) and the
variants seen in real feeds (``Wed, 11 Mar 2020 01:05:52 UTC +00:00``, ``… GMT``,
``2020-03-11 01:05:52 UTC``, ``March 11, 2020``, ``11 March 2020``, ``2020/03/11``). A
timestamp without a zone keeps only its day: the time is hours off in some newsroom.
Day-first and month-first numeric dates (``03/05/2024``) are ambiguous and refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# "UTC +00:00", "GMT+0300", a lone "UTC"/"GMT"/"Z" at the end: the zone as RFC 2822 has it.
_ZONE_NAME = re.compile(r"\s*(?:UTC|GMT|Z)\s*(?=[+-]\d{2}:?\d{2}$)|\s*(?:UTC|GMT)$", re.I)
_COLON_OFFSET = re.compile(r"([+-]\d{2}):(\d{2})$")
_WORDY = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%a, %d %b %Y",
    "%A, %d %B %Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%B %d, %Y %H:%M",
    "%b %d, %Y %H:%M",
)


def parse_date(text: str) -> date | datetime:
    """
    The day or zoned timestamp ``text`` names.

    Raises:
        ValueError: ``text`` is none of the forms above.
    """
    value = text.strip()
    if _DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not a date: {text!r}") from None
    try:
        return _zoned(datetime.fromisoformat(_iso_zone(value)))
    except ValueError:
        pass
    if value[:1].isdigit() and value[:4].isdigit() and "/" not in value and "." not in value:
        raise ValueError(f"not a date: {text!r}")
    try:
        return _zoned(_rfc2822(value))
    except (TypeError, ValueError, IndexError):
        pass
    for form in _WORDY:
        try:
            return _zoned(datetime.strptime(value, form))
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def date_text(value: date | datetime, given: str) -> str | None:
    """
    ``given`` if writing ``value`` in ISO 8601 would not give it back, else None.
    """
    given = given.strip()
    return None if value.isoformat() == given else given


def _iso_zone(value: str) -> str:
    # "2020-03-11T01:05:52Z", "2020-03-11 01:05:52 UTC": a zone fromisoformat reads.
    if value.endswith(("Z", "z")):
        return value[:-1] + "+00:00"
    found = re.search(r"\s*(?:UTC|GMT)$", value, re.I)
    return value[: found.start()] + "+00:00" if found else value


def _rfc2822(value: str) -> datetime:
    text, named = _ZONE_NAME.subn(" ", value)
    text = text.strip()
    if named and re.search(r"(?<![+-])\d{2}:\d{2}(?::\d{2})?$", text):
        text += " +0000"  # a zone name alone ("… GMT", "… UTC") was UTC
    text = _COLON_OFFSET.sub(r"\1\2", text)
    return parsedate_to_datetime(text)


def _zoned(parsed: datetime) -> date | datetime:
    return parsed if parsed.utcoffset() is not None else parsed.date()
