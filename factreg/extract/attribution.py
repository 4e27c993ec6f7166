"""
Who said it, and through whom: the attribution frames of a sentence.

A frame is the chain of sources of a stretch of text, outermost first, and the span of
what they report. Cues: prepositional citations ("بحسب X", "according to X"), reporting
verbs before or after the report ("قال X إن", "C, X said"), relays ("نقلت X عن Y قولها",
"X quoted Y as saying", "citing Y"), headlines ("الداخلية المصرية: C"), reports nested in
reports. Names are resolved against what earlier sentences named (:class:`_Memory`). The
cue lists are package data (``factreg/data/extract/``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from factreg.extract import _lexicon
from factreg.extract._view import _k, _View
from factreg.extract.english import (
    _EN_CLAUSAL,
    _EN_NOMINAL,
    _EN_QUOTED_AS,
    _EN_VERB_RE,
    _english_frame,
    _quoted_as_frame,
)
from factreg.extract.names import (
    _Memory,
    claimant_kind,
    outlet_name,
    same_source,
)
from factreg.extract.sentences import _Quotes
from factreg.extract.sources import (
    _COMMA,
    _KNOWN_OUTLET,
    _OUTLET_NOUN,
    _OUTLET_REFERENCE,
    _QUOTED_NAME,
    _WORD,
    _clean,
    _Frame,
    _Name,
    _name,
    _raw_name,
    _skip_space,
    _source_before,
)

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


# Where a sentence turns to a second speaker ("…، وقال الوزير إن …", "…, and Councillor
# Hale said …"): each part is attributed on its own.
_UNIT_BREAK = re.compile(
    _k(r"[،,]\s*(?=(?:فيما|بينما|في\s+حين)\s+(?:")
    + _AR_SPEECH
    + r")(?!\w))"
    + _k(r"|[،,]\s*(?=و(?:")
    + _AR_SPEECH
    + r")(?!\w))"
    + _k(r"|[،,]\s*(?=(?:وسط|مع|في\s+ظل)\s+(?:ال)?(?:انباء|تقارير|اخبار)\s)")
    + r"|,\s*(?:and|but|while)\s+(?=(?:[\w.'’-]+\s+){0,8}?(?:"
    + "|".join(sorted(_EN_CLAUSAL | _EN_NOMINAL))
    + r")\b)"
)


# -- attribution frames -------------------------------------------------------------------


def _frames(view: _View, s: int, e: int, quotes: _Quotes, memory: _Memory) -> list[_Frame]:
    """The attributions of sentence [s, e), each with the span of what it reports."""
    headline = _HEADLINE_SOURCE.match(view.text, s, e)
    if headline is not None and _source_like(headline.group(1)):
        # «الداخلية المصرية: مقتل 5 مسلحين», "Health officials: E. coli cases …"
        name = _name(view, s, s + len(headline.group(1)), memory)
        if name.name is not None:
            return [_Frame((name.name,), (headline.end(), e))]
    outer, content, tail = _prepositional(view, s, e, quotes, memory)
    frames: list[_Frame] = []
    inner = _verb_frame(view, *content, quotes, memory)
    if inner is None:
        frames.append(_Frame(outer, content))
    else:
        nested = _nested(view, inner, quotes, memory)
        if outer and _RELAY_PREP.search(view.key, s, e) and nested.chain:
            # «وذكرت رويترز نقلا عن مصدرين أن C»: the one cited is inside the reporter
            chain = memory.continued((*nested.chain, *(x for x in outer if x not in nested.chain)))
        else:
            chain = memory.continued((*outer, *(x for x in nested.chain if x not in outer)))
        if inner.lead is not None:
            frames.append(_Frame(outer, inner.lead))
        frames.append(_Frame(chain, nested.content, nested.extras))
    if tail is not None:
        # "…, according to the minister, who told ERT that C": C is the minister's too
        more = _verb_frame(view, *tail, quotes, memory)
        if more is not None:
            frames.append(more)
    return frames


# Prepositional cues that relay: the source after them reported to the sentence's subject
_RELAY_PREP = re.compile(_k(r"(?<!\w)نقلا\s+عن(?!\w)"))


# "X: C" opening a sentence, X a few words without digits
_HEADLINE_SOURCE = re.compile(r"([^\W\d][^:\n\d]{1,40}?)\s*:\s+(?=\S)")


def _source_like(text: str) -> bool:
    """Whether a headline's "X:" names a source (an official, a body, an outlet, a name)."""
    words = text.split()
    if not 1 <= len(words) <= 4:
        return False
    if claimant_kind(text) != "person" or _KNOWN_OUTLET.match(_k(text.lower())):
        return True
    return all(w[:1].isupper() for w in words) and len(words) >= 2


def _nested(view: _View, frame: _Frame, quotes: _Quotes, memory: _Memory) -> _Frame:
    """
    "News outlets say the CDC report Tennessee has 21 cases": a report whose content
    opens with a report of its own nests, the chain growing by its source.
    """
    a, b = frame.content
    if not frame.chain or b - a < 12:
        return frame
    inner = _verb_frame(view, a, b, quotes, memory, nested=True)
    if inner is None or not inner.chain or inner.content == (a, b):
        return frame
    chain = (*frame.chain, *(x for x in inner.chain if x not in frame.chain))
    return _Frame(chain, inner.content, frame.extras + inner.extras)


def _outside_quotes(matches: Iterable[re.Match[str]], quotes: _Quotes) -> list[re.Match[str]]:
    return [m for m in matches if not quotes.around(m.start())]


# "حسب قوله", "لما ذكرته X", "حسبما أوردته X": what was said, then who said it
_WHAT_SAID = re.compile(
    _k(
        r"\s*(?:قول(?:ه|ها|هم|هما)|ما\s+(?:قال|ذكر|اورد|أورد|نشر|افاد|أفاد|اعلن|أعلن|نقل)\w*"
        r"(?:\s+به)?)(?!\w)\s*"
    )
)


_PREP_END = re.compile(_k(r"\s(?:إن|أن|بأن)(?:ه|ها|هم)?(?!\w)") + r"|\sthat\b")


_PREP = re.compile(r"(?<!\w)(?:" + _AR_PREP + "|" + _EN_PREP + r")(?:\s+|(?=\w))")


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
        comp = _PREP_END.search(key, x_start, x_end)
        if comp is not None:
            x_end = comp.start()  # "وقال المصدر بحسب الوكالة إن …": the source ends there
        said = _WHAT_SAID.match(key, x_start, x_end)
        if said is not None and not key[said.end() : x_end].strip():
            name = _Name(memory.speaker, x_end)  # "حسب قوله": by the last speaker's word
        else:
            name = _name(view, said.end() if said else x_start, x_end, memory)
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


_AR_SPEECH_RE = re.compile(r"(?<!\w)(?:[وف])?(?P<verb>" + _AR_SPEECH + r")(?!\w)")


_AR_RELAY_RE = re.compile(r"(?<!\w)(?:[وف])?(?:" + _AR_RELAY + r")(?!\w)")


_AR_QAWL = re.compile(_k(r"(?<!\w)(?:قول(?:ه|ها|هم|هما|هن)|القول)(?!\w)"))


_AN = re.compile(_k(r"\s*عن\s+"))


def _verb_frame(
    view: _View, s: int, e: int, quotes: _Quotes, memory: _Memory, *, nested: bool = False
) -> _Frame | None:
    """
    The frame of the first reporting cue in [s, e) that gives one; with ``nested``, only
    a report whose subject opens the span ("the CDC report C" inside a report).
    """
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
            if nested and len(_WORD.findall(key, s, m.start())) > 8:
                continue
            frame = _english_frame(view, s, e, m, quotes, memory)
        if frame is not None and nested and not _nests(view, s, m, kind, frame):
            continue
        if frame is not None:
            return frame
    return None


def _nests(view: _View, s: int, m: re.Match[str], kind: str, frame: _Frame) -> bool:
    """
    Whether a report found inside a report's content is nested in it: in English, one
    with no lead ("the CDC report C"); in Arabic, a subject of a few words opening the
    content before its verb («زعمت الصحيفة أن مصدرا أمنيا قال لها بأن C»).
    """
    if kind == "en":
        return frame.lead is None
    if kind != "ar" or not frame.chain:
        return False
    return 1 <= len(_WORD.findall(view.key, s, m.start())) <= 5 and frame.content[0] > m.end()


# «قال لها», «أكد له»: the listener is the reporting outlet, the speaker is before the verb
_AR_PRONOUN_LISTENER = re.compile(_k(r"(?:ل|إلى\s+)(?:ها|ه|هم|هما|نا)"))


_RELAY_FROM = re.compile(_k(r"(?<!\w)عن\s+"))


_RELAY_TO = re.compile(_k(r"(?<!\w)إلى\s+"))


def _relay_frame(view: _View, s: int, e: int, m: re.Match[str], memory: _Memory) -> _Frame | None:
    """
    'نقلت X عن Y [وصف] قولها إن C', 'نسبت X إلى Y أن C' -> chain (X, Y), content C, the
    description aside.
    """
    key = view.key
    to = _RELAY_TO if "نسب" in key[m.start() : m.end()] else _RELAY_FROM
    an = to.search(key, m.end(), min(e, m.end() + 80))
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


def _arabic_frame(view: _View, s: int, e: int, m: re.Match[str], memory: _Memory) -> _Frame | None:
    """
    'قال X إن C', 'X كشفت عن C', 'وقال: C', 'وقال X "C"', 'قال X لرويترز إن C' (chain
    رويترز, X), 'أشارت X إلى C' (a noun phrase).
    """
    key = view.key
    verb = _k(m.group("verb"))
    words = _ar_window(key, m.end(), e)
    comp: re.Match[str] | None = None
    colon = key.find(":", m.end(), words[0].start() if words else e)
    if colon != -1:
        body = _skip_space(key, colon + 1)
        np_end = colon
    else:
        quote = re.compile(r"[\"«“”]").search(key, m.end(), words[-1].end() if words else e)
        if (
            quote is not None
            and _short_quote(view, quote.start(), e)
            and not _quote_opens_report(view, m.end(), quote.start(), e)
        ):
            quote = None  # 'صحيفة "وول ستريت جورنال"': a quoted name, not the report
        for w in words:
            if quote is not None and w.start() > quote.start():
                break
            if sum(key.count(c, m.end(), w.start()) for c in '"«»“”') % 2:
                continue  # inside a quoted name: the «ان» of «سي ان ان» is no «أن»
            comp = _AR_COMPLEMENT.match(key, w.start())
            if comp is not None:
                break
            if verb in _AR_AN_VERBS and key[w.start() : w.end()] == "عن":
                comp = _AN.match(key, w.start())
                break
            if verb in _AR_ILA_VERBS and key[w.start() : w.end()] == _ILA:
                comp = _AN.match(key, w.start()) or re.compile(r"\S+\s+").match(key, w.start())
                break
        if comp is None and quote is not None and quote.start() > m.end():
            # 'وقال أحد المسؤولين "…"': the quotation is the report
            np_end = quote.start()
            body = quote.start()
        elif comp is None:
            return _arabic_trailing_frame(view, s, e, m, memory) or _arabic_nominal_frame(
                view, s, e, m, verb, memory
            )
        else:
            np_end = comp.start()
            body = (
                _complement_start(view, comp)
                if "عن" not in comp.group() and not comp.group().startswith(_ILA)
                else comp.end()
            )
    listener = _AR_LISTENER.search(key, m.end(), np_end)
    if _OUTLET_NOUN.match(key, _skip_space(key, m.end())):
        listener = None  # "الوكالة الوطنية للإعلام": an outlet's name, nobody told
    outlet_start, outlet = _ar_listener(view, m.end(), np_end, memory)
    if listener is not None and listener.start() < outlet_start:
        np_end = listener.start()  # "صرح تاياني للصحافيين بأن": the listener is not the source
    else:
        np_end = outlet_start
    said_to = key[m.end() : np_end].strip(" \n،,")
    speaker: _Name | None = _pluperfect_subject(view, s, m.start(), memory)
    if speaker is not None:
        pass  # «وكان المرصد قد أفاد في وقت سابق بأن C»: the subject before «قد»
    elif said_to and not _AR_PRONOUN_LISTENER.fullmatch(said_to):
        speaker = _name(view, m.end(), np_end, memory)
    elif said_to:
        # «أن مصدرا أمنيا قال لها بأن C»: the subject before the verb, told the outlet
        speaker = _source_before(view, s, m.start()) or _svo_subject(view, s, m.start(), memory)
    else:
        speaker = _source_before(view, s, m.start()) or _Name(memory.speaker, m.start())
    if speaker is None or speaker.name is None:
        return None
    if not speaker.outlet:
        memory.heard(speaker.name)
    chain: tuple[str, ...] = (speaker.name,)
    if outlet is not None and not same_source(outlet, speaker.name):
        chain = (outlet, speaker.name)
    return _Frame(chain, (body, e))


# «وكان X قد VERB», «كانت X قد VERB»: the pluperfect, its subject between كان and قد
_AR_PLUPERFECT = re.compile(_k(r"\s*[وف]?(?:كان|كانت|كانوا)\s+(?P<x>\S.*?)\s+(?:قد|لقد)\s*"))


def _pluperfect_subject(view: _View, s: int, i: int, memory: _Memory) -> _Name | None:
    """The subject of «وكان X قد» written before a reporting verb at i, or None."""
    m = _AR_PLUPERFECT.fullmatch(view.key, s, i)
    if m is None or len(_WORD.findall(view.key, m.start("x"), m.end("x"))) > 8:
        return None
    name = _name(view, m.start("x"), m.end("x"), memory)
    return name if name.name is not None else None


def _svo_subject(view: _View, s: int, i: int, memory: _Memory) -> _Name | None:
    """The subject of a few words written before its verb at i, from s, or None."""
    if not 1 <= len(_WORD.findall(view.key, s, i)) <= 5:
        return None
    name = _name(view, s, i, memory)
    return name if name.name is not None else None


def _quote_opens_report(view: _View, a: int, i: int, e: int) -> bool:
    """
    Whether the short quotation at i opens the report after a named subject: «وتقول
    الوزارة "كل ما هو ممكن" يتم لحماية …» (no complementiser after it, and the word
    before it is a subject's, not an outlet's kind or a preposition).
    """
    key = view.key
    before = _WORD.findall(key, a, i)
    if not before or _AR_COMPLEMENT.search(key, i, e) is not None:
        return False
    last = before[-1]
    return not (
        _OUTLET_NOUN.fullmatch(last)
        or _DANGLING_BEFORE_QUOTE.fullmatch(last)
        or key[i - 1 : i] in ("ل", "ب", "_", "ـ")
    )


# A word after which a quotation is a name: a preposition, a kind of body or group
_DANGLING_BEFORE_QUOTE = re.compile(
    _k(r"(?:في|من|عن|على|إلى|مع|لدى|حركة|حزب|جماعة|تنظيم|شركة|منظمة|موقع|برنامج|مجموعة)")
)


def _short_quote(view: _View, i: int, e: int) -> bool:
    """Whether the quotation opening at i is a name (a few words, the sentence going on)."""
    close = re.compile(r"[\"»”“]").search(view.key, i + 1, e)
    if close is None:
        return False
    return len(_WORD.findall(view.key, i + 1, close.start())) <= 5 and bool(
        view.key[close.end() : e].strip(" .،,")
    )


# Verbs whose report may be a noun phrase after إلى: "تشير تفاصيل القضية إلى ورود بلاغ".
_AR_ILA_VERBS = frozenset(_k(v) for v in ("أشار", "أشارت", "أشاروا", "يشير", "تشير"))


_ILA = _k("إلى")


def _ar_window(key: str, i: int, e: int) -> list[re.Match[str]]:
    """
    The next words after a verb where its subject and complementiser are looked for:
    twelve, not counting a relative clause between commas ("، الذي طلب عدم الكشف …،").
    """
    out: list[re.Match[str]] = []
    j = i
    while len(out) < 12 and j < e:
        if _AR_PARTICIPLE.match(key, j):
            break  # "، مشيرة إلى أن …": a new clause, not this verb's complement
        rel = _AR_RELATIVE.match(key, j)
        if rel is not None:
            comma = _COMMA.search(key, rel.end(), e)
            if comma is not None:
                j = comma.end()
                continue
        w = _WORD.search(key, j, e)
        if w is None:
            break
        if not sum(key.count(c, i, w.start()) for c in '"«»“”') % 2:
            out.append(w)  # words of a quoted name ("سي ان ان") do not count
        j = w.end()
    return out


_AR_PARTICIPLE = re.compile(
    _k(r"\s*[،,]\s*(?:مشير|مؤكد|مضيف|موضح|لافت|مبين|معتبر|مشدد)(?:ا|ة|ين|ون|تان|ان)?(?!\w)")
)


_AR_RELATIVE = re.compile(_k(r"\s*[،,]\s*(?:الذي|التي|الذين)\s"))


_AR_MEMBER_OF = frozenset(_k(w) for w in ("في", "من", "بـ", "داخل", "لدى"))


def _ar_listener(view: _View, a: int, b: int, memory: _Memory) -> tuple[int, str | None]:
    """
    Where an outlet that was told something starts in the subject span [a, b), and its
    name: "مسؤولان إيرانيان لرويترز", "مسؤول أميركي وكالة فرانس برس", "مسؤول … إلى وكالة
    "أسوشيتد برس"", "في تصريحات للصحيفة"; (b, None) when there is none.
    """
    key = view.key
    words = list(_WORD.finditer(key, a, b))
    for prev, w in itertools.pairwise(words):
        if _OUTLET_NOUN.fullmatch(key, prev.start(), prev.end()):
            continue  # "وكالة رويترز" is the outlet's own name
        if _k(key[prev.start() : prev.end()]) in _AR_MEMBER_OF:
            continue  # «مسؤول في وكالة الطوارئ»: where the source works, nobody told
        start = w.start()
        bare = True  # no preposition: only "وكالة X" is a listener ("مراسل الجزيرة" is not)
        if key[start : w.end()] == _ILA:
            nxt = _WORD.search(key, w.end(), b)
            if nxt is None:
                break
            start, bare = nxt.start(), False
        elif key.startswith("لل", start):
            rest = "ا" + key[start + 1 : b]
            if _OUTLET_REFERENCE.match(rest) and memory.outlet:
                return w.start(), memory.outlet  # "في تصريحات للصحيفة"
            known = _KNOWN_OUTLET.match(rest)
            if known is not None:  # "للجزيرة نت": ل + الجزيرة
                return w.start(), outlet_name(_clean("ا" + view.orig(start + 1, b)).split()[0])
            continue
        elif key[start : w.end()] == "ل" or (
            key.startswith("ل", start) and key[start + 1 : start + 2] in '"«“”'
        ):
            # «لـ"عربي21"»: the outlet quoted after the preposition
            q = _QUOTED_NAME.search(view.key, start, b)
            if q is not None and q.start() - start <= 2:
                return w.start(), _clean(view.orig(q.start(1), q.end(1)))
            continue
        elif key.startswith("ل", start) and (
            _KNOWN_OUTLET.match(key, start + 1, b) or _OUTLET_NOUN.match(key, start + 1, b)
        ):
            start, bare = start + 1, False  # «لرويترز», «لوكالة فرانس برس»
        if _OUTLET_NOUN.match(key, start, b) or (not bare and _KNOWN_OUTLET.match(key, start, b)):
            found = _raw_name(view, start, b, memory)
            if found.name is not None:
                return w.start(), outlet_name(found.name)
    return b, None


def _arabic_trailing_frame(
    view: _View, s: int, e: int, m: re.Match[str], memory: _Memory
) -> _Frame | None:
    """
    'C، قال مسؤول طبي لرويترز.': the attribution after the claim, closing the sentence
    (a subject, a listener, a time at most).
    """
    key = view.key
    lead = key[s : m.start()].rstrip()
    if not lead.endswith(("،", ",")) or len(_WORD.findall(key, s, m.start())) < 3:
        return None
    if len(_WORD.findall(key, m.end(), e)) > 8:
        return None
    outlet_start, outlet = _ar_listener(view, m.end(), e, memory)
    speaker = _name(view, m.end(), outlet_start, memory)
    if speaker.name is None:
        return None
    if not speaker.outlet:
        memory.heard(speaker.name)
    chain: tuple[str, ...] = (speaker.name,)
    if outlet is not None and not same_source(outlet, speaker.name):
        chain = (outlet, speaker.name)
    return _Frame(chain, (s, s + len(lead) - 1))


def _arabic_nominal_frame(
    view: _View, s: int, e: int, m: re.Match[str], verb: str, memory: _Memory
) -> _Frame | None:
    """
    'أعلنت الوزارة، الثلاثاء، ارتفاع …', 'أعلنت وزارة الصحة ارتفاع …', 'أكد مسؤولون
    أمريكيون وقوع انفجار': an announcing verb with a noun-phrase report.

    The subject ends at a comma (a short adverbial segment after it, a day or a place,
    is skipped) or else where its construct phrase ends: a head word, then definite
    words and nisba adjectives ("وزارة الصحة", "مسؤولون أمريكيون").
    """
    if verb not in _AR_NOMINAL_VERBS:
        return None
    key = view.key
    words = list(_WORD.finditer(key, m.end(), e))
    n = 1
    while n < len(words) and _AR_NP_WORD.fullmatch(key, words[n].start(), words[n].end()):
        n += 1
    comma = _COMMA.search(key, m.end(), e)
    before_comma = len(_WORD.findall(key, m.end(), comma.start())) if comma else 0
    if comma is not None and 1 <= before_comma <= min(n, 6):
        # the subject ends at the comma: "أعلنت الوزارة، الثلاثاء، ارتفاع"
        body = comma.end()
        nxt = _COMMA.search(key, body, e)
        if nxt is not None and len(_WORD.findall(key, body, nxt.start())) <= 2:
            body = nxt.end()
        np_end = comma.start()
    else:
        if len(words) - n < 2 or n > 6:
            return None
        np_end = words[n - 1].end()
        body = words[n].start()
    speaker = _name(view, m.end(), np_end, memory)
    if speaker.name is None or not key[body:e].strip():
        return None
    if not speaker.outlet:
        memory.heard(speaker.name)
    return _Frame((speaker.name,), (_skip_space(key, body), e))


# Verbs that may report a noun phrase without a complementiser.
_AR_NOMINAL_VERBS = _AR_AN_VERBS | frozenset(
    _k(v) for v in ("أكد", "أكدت", "أكدوا", "نفى", "نفت", "نفوا", "ذكر", "ذكرت")
)


# A word that continues a subject's construct phrase: a definite word, a nisba adjective.
_AR_NP_WORD = re.compile(_k(r"ال\w+|\w+(?:ي|ية|يون|يين|يان|يتين)"))
