"""
Claims of an article: sentences -> attributed content -> clauses -> scored candidates.

:func:`extract_claims` runs the pipeline; each clause keeps its sentence's attribution
and is kept when it scores at or above a threshold. ``text[claim.start:claim.end] ==
claim.text`` always holds (see the package docstring for offsets).
"""

from __future__ import annotations

import re

import attrs

from factreg.extract import _lexicon
from factreg.extract._view import _k, _View
from factreg.extract.article import layout
from factreg.extract.attribution import (
    _AR_SPEECH,
    _UNIT_BREAK,
    _frames,
    _outside_quotes,
)
from factreg.extract.checkworthy import _has_entity, _has_number, _score, hedged
from factreg.extract.names import (
    _Memory,
    claimant_core,
    plausible_claimant,
    same_source,
    whole_outlet,
    without_possessor,
)
from factreg.extract.sentences import _quote_ranges, _Quotes, _sentences
from factreg.extract.sources import _WORD, _skip_space
from factreg.lang import detect_lang
from factreg.model import Claim, Source

__all__ = ["MIN_CHECKWORTHINESS", "ExtractedClaim", "extract_claims"]

#: Default threshold of :func:`extract_claims`: clauses scoring below are left out. A
#: plain declarative clause scores 0.35; one named entity, number, date or past event, or
#: a source reporting it, lifts it over the line; an opinion, a hedged prediction or an
#: open question pushes it well below (see ``checkworthy._score``).
MIN_CHECKWORTHINESS = 0.5


@attrs.frozen
class ExtractedClaim:
    """
    A candidate claim found in an article, before it is registered.

    ``start`` and ``end`` index the text given to :func:`extract_claims` and ``text`` is
    exactly that slice. ``attribution`` is the chain from the publisher to the origin,
    outermost first, without the publisher itself; an unattributed statement is the
    publisher's own (``claimant`` = publisher, ``attribution`` = ``()``), as in DESIGN.md;
    in an agency's wire republished by the publisher, the agency's (``attribution`` =
    ``(agency,)``). ``hedged``: the claim is a fact its source does not vouch for
    ("probably", "allegedly", «قد يكون»), kept because a hedged claim is repeated as well.
    """

    text: str
    start: int
    end: int
    claimant: str | None
    attribution: tuple[str, ...]
    checkworthiness: float
    lang: str | None
    hedged: bool = False

    def to_claim(self, source: Source | None = None) -> Claim:
        """
        A new, unverified :class:`~factreg.model.Claim` for this candidate.

        Text, claimant, attribution and language carry over; a hedged claim is tagged
        ``hedged``; ``confidence`` stays None (nothing has been assessed yet).
        """
        return Claim.new(
            self.text,
            lang=self.lang,
            source=source,
            claimant=self.claimant,
            attribution=self.attribution,
            tags=("hedged",) if self.hedged else (),
        )


@attrs.frozen
class _Candidate:
    span: tuple[int, int]
    chain: tuple[str, ...]


def extract_claims(
    text: str,
    *,
    publisher: str | None = None,
    lang: str | None = None,
    min_checkworthiness: float = MIN_CHECKWORTHINESS,
) -> list[ExtractedClaim]:
    """
    The check-worthy claims of an article, in text order.

    Each sentence's attribution is resolved (``"ونقلت الصحيفة عن مصادر مطلعة … قولها"``
    gives the chain ``("صدى البلد", "مصادر مطلعة")`` when صدى البلد was the outlet named
    last; "Reuters reported, citing two officials, that …" gives ``("Reuters", "two
    officials")``; "C, a U.S. official told Reuters on Tuesday" gives ``("Reuters",
    "U.S. official")`` for C); the reported content is split at clause boundaries and each
    clause scored (:data:`MIN_CHECKWORTHINESS`). Unattributed statements are the
    publisher's, or in an agency's wire republished by the publisher ("GAZA (Reuters) -",
    "By The Associated Press", «(رويترز) –») the agency's, whose name then opens every
    chain. Headlines restating the lead, datelines and bylines are no claims. Sources are
    named as written (unnamed ones whole: «مصدر أمني مقرب من الحكومة»), persons by name
    without title; later references ("the minister", «المسؤول», "the Post") resolve to
    them. Hedged facts ("probably", «قد يكون») are kept and marked ``hedged``.

    Args:
        text: the article, as :func:`decode_article` returns it; offsets index it.
        publisher: who published the article: the claimant of unattributed statements.
        lang: ISO 639-1 code for every claim; by default detected per claim from its script.
        min_checkworthiness: clauses scoring below are left out (0 keeps everything).
    """
    view = _View(text)
    quotes = _quote_ranges(view.text)
    memory = _Memory(publisher=publisher)
    sentences = _sentences(view.text, quotes)
    page = layout(view, sentences, publisher)
    memory.wire = page.wire
    found: list[ExtractedClaim] = []
    for s, e in sentences:
        if (s, e) in page.skip:
            continue
        s = page.starts.get(s, s)
        for cand, score in _sentence_claims(view, s, e, quotes, memory):
            if score < min_checkworthiness:
                continue
            start, end = view.span(*cand.span)
            claim_text = text[start:end]
            chain = _on_wire(_not_own(_plausible(cand.chain, memory), publisher), page.wire)
            found.append(
                ExtractedClaim(
                    text=claim_text,
                    start=start,
                    end=end,
                    claimant=chain[-1] if chain else publisher,
                    attribution=chain,
                    checkworthiness=score,
                    lang=lang or detect_lang(claim_text),
                    hedged=hedged(view, *cand.span),
                )
            )
    return found


def _plausible(chain: tuple[str, ...], memory: _Memory) -> tuple[str, ...]:
    """
    The chain without what is no source: a fragment is cut to the source inside it
    (:func:`~factreg.extract.names.claimant_core`), without the publisher owning it
    ("ABC's sources" in ABC News), one token of an outlet's name becomes the
    outlet («سي» -> «سي ان ان»); a clause fragment, pronoun or function word is dropped,
    so the claim falls back to the next plausible source out, or to the publisher.
    """
    out: list[str] = []
    for name in chain:
        name = without_possessor(claimant_core(name), memory.publisher)
        whole = whole_outlet(name, memory.outlets)
        if whole is not None:
            name = whole
        if plausible_claimant(name) and name not in out:
            out.append(name)
    return tuple(out)


def _not_own(chain: tuple[str, ...], publisher: str | None) -> tuple[str, ...]:
    """The chain without the publisher at its head ("CNN reported …" in CNN's article)."""
    while publisher and chain and same_source(chain[0], publisher, exact=True):
        chain = chain[1:]
    return chain


def _on_wire(chain: tuple[str, ...], wire: str | None) -> tuple[str, ...]:
    """The chain of a claim in an agency's wire: the agency first, once."""
    if wire is None or (chain and same_source(chain[0], wire, exact=True)):
        return chain
    return (wire, *chain)


def _sentence_claims(
    view: _View, s: int, e: int, quotes: _Quotes, memory: _Memory
) -> list[tuple[_Candidate, float]]:
    """The scored candidate claims of sentence [s, e), in text order."""
    # (span, chain, reported): a clause of a reported sentence scores as one even when it
    # is the writer's comment on the report and so keeps no chain
    pieces: list[tuple[tuple[int, int], tuple[str, ...], bool]] = []
    subject = _EN_SUBJECT.match(view.text, s, e)
    memory.subject = " ".join(subject.group(1).split()) if subject else None
    units = [
        (m.start(), m.end()) for m in _outside_quotes(_UNIT_BREAK.finditer(view.key, s, e), quotes)
    ]
    bounds = [s, *(x for cut in units for x in cut), e]
    frames = [
        frame
        for a, b in zip(bounds[::2], bounds[1::2], strict=True)
        for frame in _frames(view, a, b, quotes, memory)
    ]
    previous, memory.previous = memory.previous, (e, next((f.chain for f in frames if f.chain), ()))
    if (
        previous[1]
        and all(not f.chain for f in frames)
        and _continues_quote(view, previous[0], s, e)
    ):
        # '"Q1," Kensinger said. "Q2."': the quotation goes on, and so does its speaker
        frames = [attrs.evolve(f, chain=previous[1]) for f in frames]
        memory.previous = (e, previous[1])
    for frame in frames:
        pieces += [
            (span, () if _gloss(view, span[0]) else frame.chain, bool(frame.chain))
            for span in _clauses(view, *frame.content, quotes)
        ]
        pieces += [
            (span, frame.chain, bool(frame.chain))
            for span in (_trim(view, a, b) for a, b in frame.extras)
            if _has_number(view, *span)
        ]
    sentence_entity = _has_entity(view, s, e)
    out: list[tuple[_Candidate, float]] = []
    for (a, b), chain, reported in sorted(p for p in pieces if p[0][1] > p[0][0]):
        score = _score(
            view, a, b, attributed=reported, sentence_entity=sentence_entity, sentence_start=s
        )
        out.append((_Candidate((a, b), chain), score))
    return out


# "…, echoing the 2008 disaster", «، وهي حادثة نادرة»: the writer's comment on the report
_GLOSS = re.compile(r"(?:" + _lexicon.alternation("gloss-openers") + r")(?!\w)")
_GLOSS_BEFORE = re.compile(r"[،,]\s*(?:" + _lexicon.alternation("gloss-openers") + r")\s*$")


def _gloss(view: _View, a: int) -> bool:
    """Whether the clause starting at a is the writer's comment on what was reported."""
    return bool(_GLOSS.match(view.key, a) or _GLOSS_BEFORE.search(view.key, max(0, a - 20), a))


def _continues_quote(view: _View, before: int, s: int, e: int) -> bool:
    """Whether sentence [s, e) is all quotation, in the paragraph of the one ending at before."""
    text = view.text[s:e].rstrip(" .")
    return (
        "\n\n" not in view.text[before:s]
        and len(text) > 2
        and text[0] in '"“«”'
        and text[-1] in '"”»“'
        and not any(c in text[1:-1] for c in '"“”«»')
    )


# -- clauses and scores -------------------------------------------------------------------

#: A clause shorter than this many words is kept with the one before it.
_MIN_CLAUSE_WORDS = 3

# Clause boundaries inside a sentence: after a comma, the openers of
# ar-clause-openers.txt and a coordinated speech or event verb ("، وأكد", "، وقتل"); a
# semicolon; the subordinators of en-clause-openers.txt after a comma; "and that".
# A finite verb after its subject: "had", "was killed", "were wounded", "has 21".
_EN_AUX = r"(?:had|has|have|was|were|is|are|did|would|could|will|may|might|can)\b"
_EN_FINITE = (
    r"(?:had|has|have|was|were|is|are|did|would|could|will|may|might|can|\w{3,}ed|"
    + _lexicon.alternation("en-irregular-past")
    + r")\b"
)
# a word of a subject, numbers with their separators included ("230,000", "$3.6")
_EN_SUBJECT_WORD = (
    r"(?!(?:was|were|is|are|had|has|have|been|be|did|would|could|will|may|might|can|who"
    r"|which|that|not|of|in|on|at|to|for|with|by|from|e\.g\.|i\.e\.|be|and|or|after|before"
    r"|when|while|since|because|as|if|until|although|though)(?![\w.]))"
    r"(?:[$]?\d[\d,.]*|[\w.'’$-]+)\s+"
)
_AR_OPENERS = (
    _k(r"[،,]\s*(?=(?:")
    + _lexicon.alternation("ar-clause-openers")
    + _k(r"|و(?:")
    + _AR_SPEECH
    + "|"
    + _lexicon.alternation("ar-event-verbs")
    + r")(?!\w)))"
)
_EN_OPENERS = (
    r";\s*|,\s*(?=(?:"
    + _lexicon.alternation("en-clause-openers")
    + r")\b)|\s+and\s+that\s+|\s+[-–—]\s+(?=that\b)|\s+and\s+(?=also\b)"
    # ", and Byard requested", "and an Afghan soldier was killed", ", 230,000 had been"
    r"|,?\s+and\s+(?=(?:" + _EN_SUBJECT_WORD + r"){1,5}?" + _EN_FINITE + r")"
    r"|,\s+(?=(?:" + _EN_SUBJECT_WORD + r"){1,4}?" + _EN_AUX + r")"
    # "… for Fernandes, however, a significant part … would": two clauses spliced
    r"|,\s*however,\s+(?=(?:[\w'’$.-]+\s+){1,8}?" + _EN_FINITE + r")"
)
# Arabic: "… في سوريا لكنه لا يستطيع", "… تنظر في الامر وان التقارير": no comma needed
_AR_BARE_OPENERS = _k(
    r"\s+(?=(?:لكن|ولكن)(?:ه|ها|هم)?\s)|\s+(?=و[أإ]ن(?:ه|ها|هم)?\s)"
    r"|\s+(?=(?:غير|إلا)\s+[أإ]ن(?:ه|ها|هم)?\s)"
)
_OPENERS = re.compile(_AR_OPENERS + "|" + _AR_BARE_OPENERS + "|" + _EN_OPENERS)
# The subject opening an English sentence: capitalised words and a few lower-case ones
# before a past or finite verb ("New Zealand's central bank raised").
_EN_SUBJECT = re.compile(
    r"((?:The\s+)?[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,4}?)\s+(?:\w{3,}ed|is|are|was|were|has|have)\b"
)
# "While police arrested five suspects, another suspect was …": the subordinate clause
_EN_LEADING_CLAUSE = re.compile(r"(?:while|although|though|whereas)\s+[^,]{8,}?(?=,)")


def _clauses(view: _View, a: int, b: int, quotes: _Quotes) -> list[tuple[int, int]]:
    """Split content [a, b) at clause boundaries outside quotations."""
    key = view.key
    inner = _quoted_content(view, a, b, quotes)
    if inner is not None:
        a, b = inner
        quotes = _Quotes([])
    cuts = [
        (m.start(), m.end())
        for m in _outside_quotes(_OPENERS.finditer(key, a, b), quotes)
        if a < m.start()
    ]
    # "Senate Homeland Security and Governmental Affairs Committee": one name
    cuts = [c for c in cuts if not _names_joined(view.text, *c)]
    leading = _EN_LEADING_CLAUSE.match(key, _skip_space(key, a), b)
    if leading is not None:
        cuts = sorted({*cuts, (leading.end(), leading.end() + 1)})
    pieces: list[tuple[int, int]] = []
    start = a
    for cut_start, cut_end in [*cuts, (b, b)]:
        piece = _trim(view, start, cut_start)
        if piece[1] > piece[0]:
            if pieces and len(_WORD.findall(key, *piece)) < _MIN_CLAUSE_WORDS:
                pieces[-1] = (pieces[-1][0], piece[1])
            else:
                pieces.append(piece)
        start = cut_end
    if len(pieces) > 1 and len(_WORD.findall(key, *pieces[0])) < _MIN_CLAUSE_WORDS:
        pieces[:2] = [(pieces[0][0], pieces[1][1])]
    return pieces


def _names_joined(text: str, a: int, b: int) -> bool:
    """Whether the cut [a, b) is the "and" inside a name ("Security and Governmental")."""
    if text[a:b].strip() != "and":
        return False
    before = re.search(r"(\S+)\s*$", text[max(0, a - 40) : a])
    return before is not None and before.group(1)[:1].isupper() and text[b : b + 1].isupper()


def _quoted_content(view: _View, a: int, b: int, quotes: _Quotes) -> tuple[int, int] | None:
    """The inside of content [a, b) that is one quotation, to split it at its clauses."""
    a, b = _trim(view, a, b)
    for qa, qb in quotes.within(a, a + 1):
        if qa == a and qb >= b - 1:
            return a + 1, qb
    if b - a > 2 and view.key[a] in '"«“”' and view.key[b - 1] in '"»”“':
        return a + 1, b - 1
    return None


_TRIM = " \n\t،,.;:؛…-—–"


def _trim(view: _View, a: int, b: int) -> tuple[int, int]:
    """Drop surrounding spaces and punctuation, and quote marks left unpaired."""
    text = view.text
    while True:
        while a < b and text[a] in _TRIM:
            a += 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
        inner = text[a:b]
        if b > a and text[a] in '"«“' and _unbalanced(inner):
            a += 1
            continue
        if b > a and text[b - 1] in '"»”' and _unbalanced(inner):
            b -= 1
            continue
        return a, b


def _unbalanced(s: str) -> bool:
    return s.count('"') % 2 == 1 or s.count("«") != s.count("»") or s.count("“") != s.count("”")
