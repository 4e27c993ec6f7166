"""
Sources as an article names them: the noun phrase of a source, outlets, unnamed sources.

:func:`_name` reads the source named in a span of text: a quoted name ('صحيفة "صدى
البلد"'), an outlet (named after its kind, known by name, or referred to: "الصحيفة", "the
newspaper"), the issuer of a document ("تقديرات منظمة الصحة العالمية"), a pronoun (the
last speaker) or a noun phrase, then tidies it (:mod:`factreg.extract.names`). The cue
lists are package data (``factreg/data/extract/``).
"""

from __future__ import annotations

import re

import attrs

from factreg.extract import _lexicon
from factreg.extract._view import _KEY_TABLE, _is_arabic_letter, _k, _View
from factreg.extract.article import agency
from factreg.extract.fullnames import fuller_name
from factreg.extract.names import _GENERIC_OUTLET, _Memory, cut_tail, outlet_name, same_source, tidy
from factreg.extract.sentences import _abbreviation

# Subjects that stand for the last named speaker ("who" as in ", who told ERT that …").
_EN_PRONOUNS = _lexicon.words("en-pronouns")


# Unnamed sources, with the name the registry gives them ("" keeps the words as written,
# without their article: "المصادر الأمنية" -> "مصادر أمنية").
_AR_SOURCE_RES = tuple(
    (name, re.compile(pattern + r"(?!\w)"))
    for name, pattern in _lexicon.named_patterns("ar-anonymous-sources")
)


# Kinds of outlet: "صحيفة "صدى البلد"" names the outlet after the noun; "الصحيفة" alone
# refers back to the last outlet named.
_AR_OUTLET_NOUNS = _lexicon.alternation("ar-outlet-nouns")


_EN_OUTLET_NOUNS = _lexicon.alternation("en-outlet-nouns")


_OUTLET_NOUN = re.compile(
    _k(r"(?:ال)?(?:") + _AR_OUTLET_NOUNS + r")(?!\w)"
    r"|(?:the\s+|news\s+)*(?:" + _EN_OUTLET_NOUNS + r")\b"
)


_OUTLET_REFERENCE = re.compile(
    _k(r"ال(?:") + _AR_OUTLET_NOUNS + r")(?!\w)"
    r"|the\s+(?:news\s+)?(?:" + _EN_OUTLET_NOUNS + r")\b"
)


# Outlets known by name, so that "the agency" can be resolved without a named-entity
# tagger; any outlet introduced by a noun above is learnt as it goes.
_KNOWN_OUTLET = re.compile(r"(?:" + _lexicon.literal_alternation("known-outlets") + r")(?!\w)")


# == names of sources =====================================================================


@attrs.frozen
class _Name:
    """A source named in the text, where its phrase ends, and whether it is an outlet."""

    name: str | None
    end: int  # view index where the name phrase ends
    outlet: bool = False


_COMMA = re.compile(r"[،,]")


# A word, dots included so that "U.N." and "Mrs." stay whole.
_WORD = re.compile(r"[^\s،,;:؛؟!?…\"«»“”()]+")


def _skip_space(key: str, i: int) -> int:
    while i < len(key) and key[i].isspace():
        i += 1
    return i


def _source_before(view: _View, s: int, i: int) -> _Name | None:
    """An unnamed source written before its verb: "مراقبين قالوا", "مصادر صحفية كشفت"."""
    lo = max(s, i - 40)
    window = view.key[lo:i].rstrip()
    for _, pattern in _AR_SOURCE_RES:
        for m in pattern.finditer(window):
            if m.end() == len(window) and (m.start() == 0 or not window[m.start() - 1].isalnum()):
                return _Name(_clean(view.orig(lo + m.start(), lo + m.end())), i)
    return None


def _outlet_named(name: str, memory: _Memory) -> str | None:
    """The outlet ``name`` is or refers to ("CNN", "the Post", "the newspaper"), or None."""
    key = _k(name.lower())
    if _OUTLET_REFERENCE.fullmatch(key) and memory.outlet is not None:
        return memory.outlet
    known = _KNOWN_OUTLET.fullmatch(key)
    if known is not None or agency(name) is not None:
        return agency(name) or outlet_name(name)
    resolved = tidy(name, memory, outlet=False, definite=key.startswith("the "))
    if resolved is not None and any(same_source(resolved, o) for o in memory.outlets):
        return resolved
    return None


def _name(view: _View, a: int, b: int, memory: _Memory) -> _Name:
    """
    The source named in view span [a, b), its name tidied (:func:`tidy`): without the
    time or manner of speaking after it, a person by name, a reference resolved. Words
    that name nobody ("it added", «فيها») give no name: the last speaker is taken only
    where the subject is left out or is a personal pronoun ("he said", «وأضاف»).
    """
    found = _raw_name(view, a, cut_tail(view.key, a, b), memory)
    if found.name is None:
        return found
    definite = re.match(r"\s*the\s", view.key[a:b]) is not None
    name = tidy(found.name, memory, outlet=found.outlet, definite=definite)
    if name is not None and not found.outlet and name == found.name:
        name = _antecedent(view, a, name) or name
    if name is not None and not found.outlet:
        name = fuller_name(view, a, name) or name  # "Hastert" -> "Dennis Hastert"
    if name is None:
        return _Name(None, found.end)  # no name: not the last speaker by default
    if found.outlet and name != found.name:
        # remember the outlet by its tidy name ("الغارديان", not "الغارديان البريطانية")
        memory.outlets = [name if o == found.name else o for o in memory.outlets]
        if memory.outlet == found.name:
            memory.outlet = name
    return _Name(name, found.end, found.outlet)


_QUOTED_NAME = re.compile(r"[\"«“”]([^\"»”“]+)[\"»”“]")


def _antecedent(view: _View, i: int, name: str) -> str | None:
    """
    The fuller name an earlier sentence gave a body referred to by its head alone: "the
    council" -> "Doncaster Metropolitan Borough Council", «الشرطة» -> «قوات الشرطة
    البريطانية» (a mention, not only a speaker).
    """
    words = name.split()
    if len(words) != 1:
        return None
    head = words[0]
    text, key = view.text[:i], view.key[:i]
    if re.fullmatch(r"[a-z]{4,}", head):
        runs = re.findall(
            r"(?:[A-Z][\w'’.-]*\s+){1,5}" + re.escape(head.capitalize()) + r"\b", text
        )
        return " ".join(runs[-1].split()) if runs else None
    folded = _k(head)
    if not folded.startswith("ال") or len(folded) < 5:
        return None
    for m in reversed(list(re.finditer(r"(?<!\w)" + re.escape(folded) + r"(?!\w)", key))):
        before = re.search(r"(\w+)\s+$", key[: m.start()])
        after = re.match(r"\s+(ال\w+(?:ي|يه|يين|يون))(?!\w)", key[m.end() :])
        start = (
            before.start(1)
            if before and _ORGANIZATION_HEAD.fullmatch(before.group(1))
            else m.start()
        )
        end = m.end() + (after.end() if after else 0)
        if (start, end) != (m.start(), m.end()):
            return _clean(view.orig(start, end))
    return None


_ORGANIZATION_HEAD = re.compile(_k(r"(?:قوات|وزارة|مجلس|هيئة|سلطات|مكتب|جهاز|أجهزة|مديرية|إدارة)"))


def _raw_name(view: _View, a: int, b: int, memory: _Memory) -> _Name:
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
    q = _QUOTED_NAME.search(region)
    if q is not None and q.start() <= 40:
        name = _clean(view.orig(a + q.start(1), a + q.end(1)))
        # 'شبكتا التلفزيون ”سي ان ان“ و“ايه بي سي“': two outlets named together
        more = _QUOTED_NAME.match(region, _skip_space(region, q.end()) + 1)
        if region[_skip_space(region, q.end()) : _skip_space(region, q.end()) + 1] == "و" and more:
            name = f"{name} و{_clean(view.orig(a + more.start(1), a + more.end(1)))}"
            q = more
        outlet = _OUTLET_NOUN.search(region, 0, q.start()) is not None
        if outlet:
            memory.named_outlet(name)
        return _Name(name, a + q.end(), outlet)
    ref = _OUTLET_REFERENCE.match(region)
    if ref is not None and not region[ref.end() :].strip():
        name = memory.outlet or _clean(view.orig(a, b))
        return _Name(name, b, True)
    known = _KNOWN_OUTLET.match(region)
    if known is not None:
        name = _clean(view.orig(a, a + known.end()))
        memory.named_outlet(name)
        return _Name(name, a + known.end(), True)
    document = _DOCUMENT.match(region)
    if document is not None and _described_document(region[document.end() :]):
        # «دراسة حديثة», «تقارير إعلامية»: a document described, not issued by anyone
        # named; the source is the document as written
        return _Name(_clean(view.orig(a, b)), b)
    if document is not None and document.end() < len(region):
        # "تقديرات منظمة الصحة العالمية", "figures from the ministry": the source is the
        # body that issued them
        return _issuer(view, a + document.end(), b, memory)
    if _SAME_SOURCE.fullmatch(region):
        # «نفس المصدر», «المصدر ذاته», "the same source": the source cited last
        last = memory.previous[1][-1:] or (memory.chains[-1][-1:] if memory.chains else ())
        same = last[0] if last else memory.speaker or memory.outlet
        return _Name(same, b, same is not None and same == memory.outlet)
    earlier = _back_reference(region, memory)
    if earlier is not None:
        return _Name(earlier, b)
    noun = _OUTLET_NOUN.match(region)
    stop = _NP_STOP.search(region)
    np_end = a + (stop.start() if stop else len(region))
    if stop is not None and (
        stop.group() == "،"
        or (
            stop.group() == ","
            and _EN_APPOSED_NAME.match(region, stop.end()) is not None
            and all(w[:1].isupper() for w in view.text[a + stop.end() : b].split())
        )
    ):
        # "المتحدث باسم الوزارة، محمد عثمان، في مؤتمر صحفي": a short apposition that is
        # not a prepositional phrase or a definite adjective names the speaker
        nxt = _COMMA.search(region, stop.end())
        seg = region[stop.end() : nxt.start() if nxt else len(region)]
        if 1 <= len(seg.split()) <= 4 and not _NOT_APPOSITION.match(seg.strip()):
            np_end = a + stop.end() + len(seg.rstrip())
    words = list(_WORD.finditer(key, a, np_end))[:12]
    if not words:
        return _Name(None, a)
    np_end = words[-1].end()
    if noun is not None and noun.end() < np_end - a:
        name = _clean(view.orig(a + noun.end(), np_end))
        if _GENERIC_OUTLET.match(_k(name)) or region.startswith("ال"):
            # «وكالة الأنباء السعودية», «الوكالة الوطنية للإعلام»: the kind is in the name
            # «وكالة الأنباء السعودية»: the kind is part of the name
            name = _clean(view.orig(a, np_end))
        memory.named_outlet(name)
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


_SAME_SOURCE = re.compile(
    _k(
        r"(?:نفس\s+(?:ال)?(?:مصدر|مصادر|صحيفة|وكالة|موقع|قناة)"
        r"|(?:ال)?(?:مصدر|مصادر|صحيفة|وكالة|موقع|قناة)\s+(?:نفسه|نفسها|ذاته|ذاتها|عينه|عينها))"
    )
    + r"|the\s+same\s+(?:source|sources|newspaper|paper|agency|outlet|report|official)"
)


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


# ", Joseph Lombardo" after "the city's police chief": a capitalised name of 2-4 words
# closing the subject (the view key is lower-case: its words are checked in the text)
_EN_APPOSED_NAME = re.compile(r"\s*(?:[a-z][\w'’.-]*\s+){1,3}[a-z][\w'’.-]*\s*,?\s*$")


# Segments after a name's comma that are not a second name for it: a definite adjective
# ("، الرسمية"), a preposition or a time ("، في مؤتمر", "، الثلاثاء", "، أمس").
_NOT_APPOSITION = re.compile(
    _k(r"(?:ال|في\s|ب|ل|على\s|عن\s|من\s|إلى\s|خلال\s|أمام\s|يوم|أمس|مساء|صباح|أن|إن)")
)


# Nouns for what a source issued: the source is whoever issued it.
def _described_document(rest: str) -> bool:
    """Whether what follows an Arabic document noun is only adjectives (no issuer)."""
    words = rest.split()
    return (
        1 <= len(words) <= 2
        and all(re.fullmatch(r"[\u0621-\u064a]+", w) for w in words)
        and not any(w.startswith(("ال", "لل")) for w in words)
        and all(re.search(r"(?:ه|يه|ي|يون|يين|ات)$", w) for w in words)
    )


_DOCUMENT = re.compile(
    _k(r"(?:ل|ال|لل)?(?:")
    + _lexicon.alternation("ar-document-nouns")
    + r")\s+"
    + r"|(?:"
    + _lexicon.alternation("en-document-nouns")
    + r")\s+(?:from|by|of)\s+"
)


def _clean(name: str) -> str:
    return " ".join(name.split()).strip("\"'«»“”")


@attrs.frozen
class _Frame:
    """Who reports (the chain) and what: content to split into clauses, extra facts."""

    chain: tuple[str, ...]
    content: tuple[int, int]
    extras: tuple[tuple[int, int], ...] = ()
    lead: tuple[int, int] | None = None  # a stretch before the report, the outer source's
