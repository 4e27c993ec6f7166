"""
How a news article is laid out around its sentences: headlines, datelines, bylines, wires.

None of these is a claim, and one says who the story is from: an article tagged by a
news agency other than its publisher ("GAZA (Reuters) -", "By The Associated Press",
"(رويترز) –", «/ العمانية /», "المصدر: رويترز", a closing "(Reporting by …; Editing by …)") is that
agency's wire, republished; its attribution chains start with the agency.
"""

from __future__ import annotations

import re

import attrs

from factreg.extract import _lexicon
from factreg.extract._view import _View
from factreg.normalize import fold

__all__ = ["Layout", "layout"]


@attrs.frozen
class Layout:
    """
    What the sentences of an article are, besides their content.

    ``skip`` holds the view spans of sentences that are not claims (headlines restating
    the lead, bylines, credit lines, lines that are only a dateline); ``starts`` maps a
    sentence start to where its content begins after a dateline; ``wire`` is the agency
    whose wire the article republishes, or None.
    """

    skip: frozenset[tuple[int, int]]
    starts: dict[int, int]
    wire: str | None


_AGENCIES: dict[str, str] = {fold(tag): name for tag, name in _lexicon.named_literals("agencies")}
_BYLINE = re.compile(r"(?:" + _lexicon.alternation("bylines") + r")")
_REUTERS_SIGNATURE = re.compile(r"(?:" + _lexicon.alternation("reuters-signatures") + r")")
# "By The Associated Press", "By Jane Doe and John Roe": a short line of capitalised words.
# A date or time may follow ("By The Associated Press April 5, 2019 7:16 pm"); a lower-case
# word may not ("By Monday, 40 people had died" is a claim).
_BY_NAME = re.compile(
    r"By\s+(?:[A-Z][\w.'’-]*\s*(?:and\s+|,\s*)?){1,8}"
    r"(?:[\s,|–—-]*(?:[A-Z][a-z]{2,9}\.?|\d[\d:/.,]*|[ap]\.?m\.?|am|pm|ET|GMT|UTC))*\s*$"
)
_DASH = r"\s*(?:-{1,2}|[—–])\s*"
# "GAZA (Reuters) -", "LOUISVILLE, Ky. (AP) —", "أطمة (سوريا) (رويترز) –", "(CNN) --"
_TAGGED = re.compile(r"[^\n()]{0,40}?(?:\([^()\n]{1,25}\)\s*)?\((?P<tag>[^()\n]{1,30})\)" + _DASH)
# "القاهرة - (أ ف ب) -"
_TAG_AFTER_PLACE = re.compile(
    r"[^\n()\-—–]{1,30}" + _DASH + r"\((?P<tag>[^()\n]{1,30})\)(?:" + _DASH + r")?"
)
# «القدس - رويترز -», «واشنطن – أ ف ب:»: the agency without brackets
_BARE_TAG = re.compile(
    r"[^\n()\-—–:]{1,30}" + _DASH + r"(?P<tag>[^\n()\-—–:]{2,20}?)\s*(?:[-—–:]|$)"
)
# «واشنطن في 3 أكتوبر / العمانية /», «أبوظبي في 5 مايو / وام /»: the agency between slashes
_SLASH_TAG = re.compile(r"[^\n/]{1,40}?/\s*(?P<tag>[^\n/]{2,20}?)\s*/")
# "WASHINGTON —", "CNN —", "LOUISVILLE, Ky. —"; "WELLINGTON, July 24 " (no dash)
_CAPS_PLACE = re.compile(
    r"(?P<tag>[A-Z][A-Z.'’]+(?:\s+[A-Z][A-Z.'’]+){0,3})(?:,\s*[A-Z][\w.]*)?"
    + _DASH
    + r"|(?P<colon>[A-Z]{3,}(?:\s+[A-Z]{3,}){0,3}):\s+"  # "RIYADH: "
    r"|(?P<city>[A-Z]{3,}(?:\s+[A-Z]{3,}){0,3}),\s*(?:jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\s+",
    re.IGNORECASE,
)
# "ANKARA-Anadolu Agency" alone on its line
_PLACE_AGENCY = re.compile(r"[A-Z]{3,}(?:\s+[A-Z]{3,})?" + _DASH + r"(?P<tag>[^\n]{2,40})$")
# «(أ ف ب)», "(AFP)" alone on its line, closing the story
_LONE_TAG = re.compile(r"\((?P<tag>[^()\n]{2,30})\)\.?")
_TERMINAL = ".!?؟…"


def agency(tag: str) -> str | None:
    """The agency a dateline or byline tag names ("AP" -> "Associated Press"), or None."""
    return _AGENCIES.get(fold(tag.strip(" \"'«»“”()")))


def layout(view: _View, sentences: list[tuple[int, int]], publisher: str | None) -> Layout:
    """The headlines, datelines, bylines and wire of an article (view spans)."""
    text = view.text
    skip: set[tuple[int, int]] = set()
    starts: dict[int, int] = {}
    tags: list[str] = []
    for s, e in sentences:
        sentence = text[s:e]
        key = view.key[s:e]
        if _BYLINE.match(key) or (_BY_NAME.match(sentence) and "\n" not in sentence):
            skip.add((s, e))
            if m := re.match(r"by\s+(?:the\s+)?(.+?)(?:\s+\w+\s+\d.*)?$", key):
                tags.append(m.group(1))
            if m := re.match(r"copyright\s+(?:©\s*)?\d{4}\s+(?:the\s+)?(.+?)\.?$", key):
                tags.append(m.group(1))  # "Copyright 2023 The Associated Press."
            if m := re.match(r"(?:المصدر|مصدر الخبر)\s*:\s*(.+)$", sentence):
                tags.append(m.group(1))
            if _REUTERS_SIGNATURE.match(key):
                tags.append("رويترز" if re.search(r"[\u0600-\u06ff]", sentence) else "reuters")
            continue
        if not _paragraph_start(text, s):
            continue
        m = _PLACE_AGENCY.fullmatch(sentence) or _LONE_TAG.fullmatch(sentence.strip())
        if m is not None and agency(m.group("tag")) is not None:
            skip.add((s, e))
            tags.append(m.group("tag"))
            continue
        end = None
        for pattern in (_TAGGED, _TAG_AFTER_PLACE, _BARE_TAG, _SLASH_TAG):
            m = pattern.match(sentence)
            if m is not None and agency(m.group("tag")) is not None:
                tags.append(m.group("tag"))
                end = m.end()
                break
        else:
            m = _CAPS_PLACE.match(sentence)
            if (
                m is not None
                and (m.group("city") or "").isupper()
                | (m.group("tag") or "").isupper()
                | (m.group("colon") or "").isupper()
            ):
                if m.group("tag") and agency(m.group("tag")) is not None:
                    tags.append(m.group("tag"))
                end = m.end()
        if end is None:
            continue
        if not sentence[end:].strip(" .-—–"):
            skip.add((s, e))
        else:
            starts[s] = s + end
    skip |= _headlines(view, sentences)
    skip |= {(s, e) for s, e in sentences if _label_line(text, s, e)}
    wire = _wire(tags, publisher)
    return Layout(frozenset(skip), starts, wire)


def _label_line(text: str, s: int, e: int) -> bool:
    """
    Whether sentence [s, e) is a paragraph of a few words with no final punctuation and
    no number: a subheading, an author's name, a credit («العالم - الأردن», "Elizabeth
    Chuck", "blc/jr (AP, Reuters)"), which asserts nothing.
    """
    line = text[s:e].strip()
    return (
        _paragraph_start(text, s)
        and (e >= len(text) or text[e:].startswith("\n"))
        and "\n" not in line
        and len(line.split()) <= _LABEL_WORDS
        and line[-1:] not in _TERMINAL
        and not any(c.isdigit() for c in line)
    )


#: A paragraph of at most this many words without final punctuation is a label.
_LABEL_WORDS = 4


def _paragraph_start(text: str, i: int) -> bool:
    j = i
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return j == 0 or text[j - 1] == "\n"


def _wire(tags: list[str], publisher: str | None) -> str | None:
    names = [(tag, agency(tag)) for tag in tags]
    if publisher and any(n is not None and _own(n, tag, publisher) for tag, n in names):
        return None  # "(CNN) --" in CNN's article: its own story, whatever its credits say
    for tag, name in names:
        if name is not None and not (publisher and _own(name, tag, publisher)):
            return name
    return None


def _own(name: str, tag: str, publisher: str) -> bool:
    """Whether the agency a tag names is the publisher ("Reuters", "CNN Arabic" for CNN)."""
    own = fold(publisher).split()
    for candidate in (fold(name).split(), fold(tag).split()):
        n = len(candidate)
        if candidate and any(own[i : i + n] == candidate for i in range(len(own) - n + 1)):
            return True
    return False


def _headlines(view: _View, sentences: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """
    The leading one-line paragraphs without final punctuation (headline, standfirst) whose
    words the body repeats: they restate the lead and are not claims of their own.
    """
    text = view.text
    out: set[tuple[int, int]] = set()
    body_words: set[str] = set()
    heads: list[tuple[int, int]] = []
    for s, e in sentences:
        line = text[s:e]
        lone = _paragraph_start(text, s) and (e >= len(text) or text[e:].startswith("\n"))
        if not body_words and lone and "\n" not in line and line[-1:] not in _TERMINAL:
            heads.append((s, e))
            continue
        body_words |= set(fold(line).split())
        if len(body_words) > 150:
            break
    for s, e in heads:
        words = [w for w in fold(text[s:e]).split() if len(w) > 2]
        if not words:
            out.add((s, e))
            continue
        shared = sum(1 for w in words if w in body_words or _stem_in(w, body_words))
        if shared >= 0.5 * len(words):
            out.add((s, e))
    return out


def _stem_in(word: str, words: set[str]) -> bool:
    # Arabic headlines decline what the body says ("بمقتل" / "مقتل"): a shared stem of
    # four letters or more counts.
    stem = word[-5:] if len(word) > 5 else word
    return len(stem) >= 4 and any(stem in w for w in words)
