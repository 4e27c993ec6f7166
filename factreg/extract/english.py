"""
English attribution frames: 'X said (that) C', 'C, X said on Tuesday', '"Q," said X',
'X told Reuters C', 'X reported, citing Y, that C', 'X quoted Y as saying C', 'C1 after X
said C2', ', and said C'. The reporting verbs are package data (en-clausal-verbs.txt,
en-nominal-verbs.txt).
"""

from __future__ import annotations

import re

from factreg.extract import _lexicon
from factreg.extract._view import _View
from factreg.extract.names import _EN_TAIL_AT, _Memory, cut_tail, same_source, tidy
from factreg.extract.sentences import _MAX_QUOTE, _Quotes
from factreg.extract.sources import (
    _COMMA,
    _EN_OUTLET_NOUNS,
    _WORD,
    _Frame,
    _Name,
    _name,
    _outlet_named,
    _skip_space,
)

# English reporting verbs taking a clause ("said the dam failed": without "that" the
# report follows them) and those that may take a noun phrase ("announced $11 million":
# without "that" the whole sentence is the report).
_EN_CLAUSAL = _lexicon.words("en-clausal-verbs")


_EN_NOMINAL = _lexicon.words("en-nominal-verbs")


# a whole word: "talk-show host" holds no "show"
_EN_VERB_RE = re.compile(
    r"(?<![\w-])(?P<verb>" + "|".join(sorted(_EN_CLAUSAL | _EN_NOMINAL)) + r")(?![\w-])"
)


_EN_QUOTED_AS = re.compile(r"\bquoted\s+(?P<y>.+?)\s+as\s+saying\b(?:\s+that\b)?\s*")


_EN_CITING = re.compile(r"\s*,?\s*citing\s+(?P<y>[^,.;]+?)\s*(?:,|(?=[.;]|$))")


_EN_CITING_BEFORE = re.compile(r",\s*(?:citing|quoting)\s+(?P<y>[^,.;]+?)\s*,\s*$")


_EN_THAT = re.compile(r"(?:\s+\S+){0,4}?\s+that\b\s*")


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


# "In Gaza,", "On Tuesday,", "Earlier this week,": a short adverbial opening a sentence
_EN_OPENING_ADVERBIAL = re.compile(
    r"\s*(?:in|on|at|after|before|during|since|meanwhile|earlier|later|last|this|yesterday"
    r"|today|overnight|separately)\b(?:\s*[\w'’.-]+){0,3}\s*,?\s*"
)


# A sentence-opening subject of a few words with an apposition between commas: "The
# city's police chief, Joseph Lombardo, said", "Smith, a spokesman, said", "The source,
# who has not been named to protect his identity, says"
_EN_APPOSED_SUBJECT = re.compile(
    r"\s*((?:[\w'’.-]+\s+){0,5}?[\w'’.-]+,\s+(?:(?:\d[\d,.]*|[\w'’.-]+)\s+){0,9}[\w'’.-]+),\s*"
)


def _clause_start(key: str, s: int, i: int) -> int:
    """Start of the stretch before position i: after the last comma, colon or quote."""
    j = i
    while j > s and (
        key[j - 1] not in ',;:"”»('
        or (key[j - 1] == "," and key[j - 2 : j - 1].isdigit() and key[j : j + 1].isdigit())
    ):
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
    'X said (that) C', 'C, X said[ on Tuesday][, adding …].', '"Q," said X', 'X told
    Reuters C', 'X reported, citing Y, that C', 'X, citing Y, reported that C', 'C1 after
    X said C2' (C1 the outer source's, C2 X's), ', and said C' (the last speaker's).
    """
    key = view.key
    verb = m.group("verb")
    if _not_a_report(view, s, m):
        return None
    cited: _Name | None = None
    subject_end = m.start()
    citing_before = _EN_CITING_BEFORE.search(key, s, m.start())
    if citing_before is not None:
        cited = _name(view, citing_before.start("y"), citing_before.end("y"), memory)
        subject_end = citing_before.start()
    before_start = _clause_start(key, s, subject_end)
    before = _WORD.findall(key, before_start, subject_end)
    apposed = None if before else _EN_APPOSED_SUBJECT.fullmatch(view.text, s, m.start())
    if apposed is not None:
        # "The city's police chief, Joseph Lombardo, said …": the subject with its name
        before_start, subject_end = apposed.start(1), apposed.end(1)
        before = _WORD.findall(key, before_start, subject_end)
    after = m.end()
    lead: tuple[int, int] | None = None
    if (
        (len(before) > 10 or _EN_SUBORDINATE.search(key, before_start, subject_end))
        and apposed is None
        and not _long_subject(key, s, before_start, subject_end)
    ):
        # "Trump approached Coats after former FBI director James Comey said …"
        subs = list(_EN_SUBORDINATE.finditer(key, before_start, subject_end))
        if not subs or not 1 <= len(_WORD.findall(key, subs[-1].end(), subject_end)) <= 6:
            return None
        lead = (before_start, subs[-1].start())
        before_start = subs[-1].end()
        before = _WORD.findall(key, before_start, subject_end)
    quoted = None if before else _quote_then_speaker(view, s, m.start(), quotes)
    if quoted is not None:
        # '"Q," Lt. Gen. Philip Kensinger Jr., of the Army's command, said at …'
        speaker = _name(view, *quoted[1], memory)
        if speaker.name is not None:
            memory.heard(speaker.name)
            return _Frame((speaker.name,), quoted[0])
    coordinated = _EN_AND_VERB.search(key, before_start, subject_end) if before else None
    if (
        coordinated is not None
        and lead is None
        and memory.subject
        and _EN_FIRST_VP.search(key, before_start, coordinated.start())
    ):
        # "Hastert has denied X and says C": the sentence's subject says C; the first
        # verb phrase is reported apart
        lead = (before_start, coordinated.start())
        subject = re.sub(r"^(?:the|a|an)\s+", "", memory.subject, flags=re.IGNORECASE)
        definite = subject != memory.subject
        speaker = _Name(tidy(subject, memory, definite=definite) or subject, m.start())
        before_start = subject_end
    elif before:
        speaker = _name(view, before_start, subject_end, memory)
    else:
        stop = re.compile(r",|\bwho\b|\bwhich\b|\bthat\b").search(key, m.end(), e)
        np_end = stop.start() if stop else e
        np_end = cut_tail(key, m.end(), np_end)
        if 1 <= len(_WORD.findall(key, m.end(), np_end)) <= 6:
            # verb before subject: '"…," said Mrs. X, who …', ", said security sources"
            speaker = _name(view, m.end(), np_end, memory)
            after = np_end
        else:
            # ", and said it would …": the subject is the last speaker's, or the
            # sentence's subject ("The bank raised rates …, and said it would …")
            speaker = _Name(memory.subject or memory.speaker, m.start())
    if speaker.name is None:
        return None
    listener: str | None = None
    if verb in ("told", "tells", "tell"):
        listener, after = _en_listener(view, after, e, memory)
    after = _skip_tails(key, after, e)
    citing = _EN_CITING.match(key, after)
    if citing and cited is None:
        cited = _name(view, citing.start("y"), citing.end("y"), memory)
        after = citing.end()
    chain: tuple[str, ...] = (speaker.name,)
    if listener is not None and not same_source(listener, speaker.name):
        chain = (listener, *chain)
    if cited is not None and cited.name is not None:
        chain = (*chain, cited.name)
    if not speaker.outlet or len(chain) > 1:
        memory.heard(chain[-1])
    quote = _adjacent_quote(view, before_start, m.start(), after, e, quotes)
    that = _EN_THAT.match(key, after)
    rest = _WORD.findall(key, after, e)
    # "On Tuesday, the ministry said C": an opening adverbial is no claim before its frame
    trailing = (
        before_start > s
        and lead is None
        and not (len(rest) > 1 and _EN_OPENING_ADVERBIAL.fullmatch(key, s, before_start - 1))
    )
    if quote is not None:
        content = quote
    elif that is not None and not (trailing and _EN_PARTICIPLE.match(key, after)):
        content = (that.end(), e)
    elif trailing and (not rest or _EN_TRAILING.match(key, after) or len(rest) <= 4):
        # trailing or parenthetical: "C, local engineers said.", "C, X told reporters.",
        # "C, the fire service said, after …", "C, the Times reported adding that …"
        content = (s, before_start - 1)
    elif (
        rest
        and verb in _EN_NOMINAL
        and (
            _EN_ANAPHORIC.match(key, _skip_space(key, after))
            or _EN_DEFINITE_OBJECT.fullmatch(key, _skip_space(key, after), e)
        )
    ):
        # "Axios first reported the news": the publisher's statement about the report
        return _Frame((), (s, e))
    elif rest and verb in _EN_DENY and not trailing and that is None:
        if _EN_AND_REPORT.search(key, after, e):
            return None  # the coordinated report is the frame
        # "Lauer has denied all allegations", "Hastert has denied doing anything
        # unlawful": the publisher reports the denial; its object is no claim of its own
        return _Frame((), (s, e))
    elif verb in _EN_CLAUSAL and rest:
        content = (_skip_space(key, after), e)
    elif rest and before and (verb in _EN_NOMINAL or listener is not None):
        # "Syrian state media reported no casualties", "X told CNN the White House …"
        content = (_skip_space(key, after), e)
    else:
        content = (s, e)
    return _Frame(chain, content, lead=lead)


def _quote_then_speaker(
    view: _View, s: int, i: int, quotes: _Quotes
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """
    '"Q," NAME, apposition, said': the quotation and the speaker's span, when a verb
    after a comma follows a quotation and a name (with its apposition) after it.
    """
    key = view.key
    before = [(a, b) for a, b in quotes.within(max(s, i - _MAX_QUOTE - 200), i) if b < i]
    if not before:
        return None
    a, b = before[-1]
    if len(_WORD.findall(key, b + 1, i)) > 15 or not key[b + 1 : i].strip(" ,\n"):
        return None
    start = _skip_space(key, b + 1)
    while start < i and key[start] in ", ":
        start += 1
    comma = _COMMA.search(key, start, i)
    return (a + 1, b), (start, comma.start() if comma else i)


# "after X said", "when X told": a report inside a subordinate clause
def _long_subject(key: str, s: int, a: int, b: int) -> bool:
    """
    Whether [a, b), opening the sentence, is one long subject ("A source inside the
    coalition fighting the Islamic State group has"): at most 14 words, no subordinator,
    no finite verb but the auxiliaries just before the reporting verb.
    """
    words = [w.group() for w in _WORD.finditer(key, a, b)]
    while words and words[-1] in _EN_AUX_BEFORE:
        words.pop()
    return (
        a == _skip_space(key, s)
        and len(words) <= 14
        and not _EN_SUBORDINATE.search(key, a, b)
        and not any(w in _EN_AUX_BEFORE or (w.endswith("ed") and len(w) > 4) for w in words)
    )


_EN_AUX_BEFORE = frozenset(("has", "have", "had", "was", "were", "is", "are", "also", "later"))


_EN_SUBORDINATE = re.compile(r"\b(?:after|when|because|as|since|before|while)\s+")


# what may follow a trailing attribution: a comma, a participle continuing it
_EN_TRAILING = re.compile(r"\s*(?:[,.;]|$|(?:adding|saying|citing|noting|according)\b)")


_EN_PARTICIPLE = re.compile(r"\s*,?\s*(?:adding|saying|noting)\b")


# a report whose content is only referred to: "reported the news", "confirmed it"
_EN_DENY = frozenset(("denied", "denies"))


# "… has confirmed the arrests.": a short definite object closing the sentence refers to
# what the article already told; the confirmation is the publisher's report
_EN_DEFINITE_OBJECT = re.compile(r"(?:the|these|those)\s+\w+(?:\s+\w+)?\s*[.!]?\s*")


# "… unlawful and says": a second verb phrase of the sentence's subject, after a first
# one with a finite auxiliary ("has denied …", "was arrested …")
_EN_AND_VERB = re.compile(r"\s+and\s*$")
_EN_FIRST_VP = re.compile(
    r"\b(?:(?:has|have|had|was|were|is|are)\s+\w+|\w{3,}ed|"
    + _lexicon.alternation("en-irregular-past")
    + r")\b"
)
# "… denied X and says C": the denial is not the sentence's only report
_EN_AND_REPORT = re.compile(r"\s+and\s+(?:says|said|adds|added|insists|insisted)\b")


_EN_ANAPHORIC = re.compile(
    r"(?:the|this|that|these|those)\s+(?:news|story|report|information|move|decision|incident"
    r"|accusations?|allegations?|claims?|charges?|reports)\b|it\b"
)


_EN_NOT_BEFORE = frozenset(("was", "were", "is", "are", "been", "be", "being", "if", "once"))


_EN_DETERMINERS = _lexicon.words("en-determiners")


_EN_NOUN_FORMS = frozenset(("reports", "states", "claims", "shows", "show"))
# what a participle describes when it is an adjective: "confirmed cases", "reported deaths"
_EN_COUNTED = re.compile(
    r"\s+(?!(?:no|one|a|an|the|new|more|any|some|all)\b)(?:[a-z]+\s+)?"
    r"(?:cases?|deaths?|infections?|incidents?|casualties|fatalities)\b"
)
_EN_NUMBER_WORD = re.compile(r"(?:" + _lexicon.alternation("en-number-words") + r"|all|both)")


def _not_a_report(view: _View, s: int, m: re.Match[str]) -> bool:
    """
    Whether a reporting-verb form is no report here: a name ("United States"), a noun or
    an adjective ("the reported strike", "other reports", "affected states"), a passive
    or a participle ("were confirmed dead", "if confirmed"), "added to".
    """
    key = view.key
    verb = m.group("verb")
    if m.start() > s and view.text[m.start()].isupper():
        return True
    prev = re.search(r"(\S+)\s+$", key[max(s, m.start() - 30) : m.start()])
    word = prev.group(1).strip(",;:\"'“”") if prev else ""
    if prev is not None and prev.group(1)[-1] in ",;:\"'“”»":
        word = ""  # '"… like this," said X': the word closes a quotation, it determines nothing
    if word in _EN_DETERMINERS or word in _EN_NOT_BEFORE:
        return True
    if verb in _EN_NOUN_FORMS and (word.endswith("ed") or word in ("media", "news", "press")):
        return True
    if verb in _EN_NOUN_FORMS and (word.isdigit() or _EN_NUMBER_WORD.fullmatch(word)):
        return True  # "in eight states and Mexico", "3 reports": a counted noun
    if _EN_COUNTED.match(key, m.end()) and verb.endswith("ed"):
        return True  # "25 confirmed cases", "have confirmed measles cases": an adjective
    return verb in ("added", "adds") and re.match(r"\s+to\b", key[m.end() :]) is not None


_EN_LISTENER = re.compile(
    r"\s*(?P<name>(?:[Tt]he\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*)*"
    r"|the\s+(?:news\s+)?(?:" + _EN_OUTLET_NOUNS + r")\b)"
)


def _en_listener(view: _View, i: int, e: int, memory: _Memory) -> tuple[str | None, int]:
    """
    Whom a source told, when it is an outlet ("told Reuters", "tell CNN", "told the
    Post", "told the newspaper"), and where the listener ends; other listeners ("told
    reporters", "told the judge") are skipped and give None.
    """
    m = _EN_LISTENER.match(view.text, i, e)
    if m is None:
        generic = re.match(r"\s*(?:the\s+)?\w+", view.key[i:e])
        return None, i + (generic.end() if generic else 0)
    return _outlet_named(m.group("name"), memory), m.end()


def _skip_tails(key: str, i: int, e: int) -> int:
    """Past the times and manners of speaking after a verb: "said on Tuesday in a …"."""
    while True:
        m = _EN_TAIL_AT.match(key, i, e)
        if m is None or m.end() == i:
            return i
        i = m.end()


def _adjacent_quote(
    view: _View,
    before_start: int,
    verb_start: int,
    after: int,
    e: int,
    quotes: _Quotes,
) -> tuple[int, int] | None:
    """
    The quotation right before the attribution ('"Q," X said') or after 'said:'; a
    quotation closing an earlier paragraph is no report of a frame in the next one.
    """
    key = view.key
    for a, b in quotes.within(max(0, before_start - _MAX_QUOTE - 1), e):
        if (
            b < before_start
            and not key[b + 1 : before_start].strip(" \n,")
            and "\n\n" not in key[b:before_start]
        ):
            return a + 1, b
        if a >= after and a < e and not key[after:a].strip(" \n:,"):
            if len(_WORD.findall(key, b + 1, e)) >= 3 and not key[after:a].strip(" \n"):
                # 'The MoD says "everything possible" is done to …': the quotation opens
                # the reported clause, which goes on after it
                return a, e
            return a + 1, b
    return None
