"""
Who said it, and through whom: the attribution frames of a sentence.

A frame is the chain of sources of a stretch of text, outermost first, and the span of
what they report. Cues: prepositional citations ("بحسب X", "according to X"), reporting
verbs before or after the report ("قال X إن", "C, X said"), relays ("نقلت X عن Y قولها",
"X quoted Y as saying", "citing Y"). Names are resolved against what earlier sentences
named (:class:`_Memory`). The cue lists are package data (``factreg/data/extract/``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from factreg.extract import _lexicon
from factreg.extract._view import _KEY_TABLE, _is_arabic_letter, _k, _View
from factreg.extract.names import _Memory, cut_tail, tidy
from factreg.extract.sentences import _MAX_QUOTE, _abbreviation, _Quotes

# == lexicons =============================================================================
#
# Every list is written in plain (unvocalised) Arabic or lower-case English and matched
# against the folded view key: the loader folds the Arabic entries the same way.

# Arabic reporting verbs; those whose report may be a noun phrase ("كشفت عن وصول
# طائرات", "أعلنت الوزارة، الثلاثاء، ارتفاع …"); the relaying verb of a two-step chain
# ("نقلت الصحيفة عن مصادر ... قولها إن").
_AR_SPEECH = _lexicon.alternation("ar-speech-verbs")
_AR_AN_VERBS = _lexicon.words("ar-an-verbs")
_AR_RELAY = _lexicon.alternation("ar-relay-verbs")
# Complementisers opening the reported clause: أن/إن (with a pronoun: أنه، إنها، إنهم …),
# بأن, and "إلى أن" after أشار.
_AR_COMPLEMENT = re.compile(_k(r"(?:إلى\s+)?(?:ب)?[أإ]ن(?:ه|ها|هم|هما|هن|نا)?(?!\w)"))
# Whom a statement was made to, after the speaker: "للصحافيين", "لوكالة الأنباء".
_AR_LISTENER = re.compile(r"(?<=\s)(?:" + _lexicon.alternation("ar-listeners") + r")(?!\w)")
# Prepositional cues: "بحسب X", "وفقا لـX", "according to X".
_AR_PREP = r"(?:" + _k("و") + r")?(?:" + _lexicon.alternation("ar-citation-forms") + ")"
_EN_PREP = r"(?:" + _lexicon.alternation("en-citation-forms") + ")"
# English reporting verbs taking a clause ("said the dam failed": without "that" the
# report follows them) and those that may take a noun phrase ("announced $11 million":
# without "that" the whole sentence is the report).
_EN_CLAUSAL = _lexicon.words("en-clausal-verbs")
_EN_NOMINAL = _lexicon.words("en-nominal-verbs")
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

# Where a sentence turns to a second speaker ("…، وقال الوزير إن …", "…, and Councillor
# Hale said …"): each part is attributed on its own.
_UNIT_BREAK = re.compile(
    _k(r"[،,]\s*(?=و(?:") + _AR_SPEECH + r")(?!\w))"
    r"|,\s*(?:and|but|while)\s+(?=(?:[\w.'’-]+\s+){0,5}?(?:"
    + "|".join(sorted(_EN_CLAUSAL | _EN_NOMINAL))
    + r")\b)"
)

# == frames ===============================================================================


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
_AR_SPEECH_RE = re.compile(r"(?<!\w)(?:[وف])?(?P<verb>" + _AR_SPEECH + r")(?!\w)")
_AR_RELAY_RE = re.compile(r"(?<!\w)(?:[وف])?(?:" + _AR_RELAY + r")(?!\w)")
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
    for _, pattern in _AR_SOURCE_RES:
        for m in pattern.finditer(window):
            if m.end() == len(window) and (m.start() == 0 or not window[m.start() - 1].isalnum()):
                return _Name(_clean(view.orig(lo + m.start(), lo + m.end())), i)
    return None


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
    The source named in view span [a, b), its name tidied (:func:`tidy`): without the
    time or manner of speaking after it, a person by name, a reference resolved.
    """
    found = _raw_name(view, a, cut_tail(view.key, a, b), memory)
    if found.name is None:
        return found
    name = tidy(found.name, memory, outlet=found.outlet)
    if name is None:
        return _Name(memory.speaker, found.end)
    return _Name(name, found.end, found.outlet)


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
    q = re.search(r"[\"«“]([^\"»”]+)[\"»”]", region)
    if q is not None and q.start() <= 30:
        name = _clean(view.orig(a + q.start(1), a + q.end(1)))
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
    _k(r"(?:ل|ال|لل)?(?:")
    + _lexicon.alternation("ar-document-nouns")
    + r")\s+"
    + r"|(?:"
    + _lexicon.alternation("en-document-nouns")
    + r")\s+(?:from|by|of)\s+"
)


def _clean(name: str) -> str:
    return " ".join(name.split()).strip("\"'«»“”")
