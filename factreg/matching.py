"""
Query -> ranked Match list: candidates from the store's index, rapidfuzz scoring, relate().

Also the selection policy: which ranked matches of a registered claim are acted on
(:func:`select`, :func:`decided`) and how a pair not joined goes to the queue
(:func:`queued_pair`). Pure: the caller reads the store and writes what is decided.

The store finds candidates in its persistent FTS5 index (never a scan of every claim):
it ORs together :func:`query_terms` and hands the best ``CANDIDATE_LIMIT`` rows, with
their ``-bm25()`` score, to :func:`rank`. ``rank`` fuses that IDF-weighted score with a
rapidfuzz similarity of the normalized forms and asks relate() how each survivor
relates to the query.

Every threshold is a named constant below, with how it was chosen. "Tuned" means on the
*train* splits of ``../shared/eval`` (CheckThat! 2020/2021 tweets for ranking, ANS for
relations) with ``bench/quality.py --split train``; the dev splits are only reported.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from datetime import datetime

from rapidfuzz import fuzz

from factreg.facts import facts
from factreg.figures import COUNT_PREFIX, COUNTED
from factreg.model import Claim, Judgement, Match, Relation, Source, Suggestion, Verdict
from factreg.normalize import index_text, primary_terms
from factreg.relate import FIGURES_PREFIX, relate

#: How many candidates the store's index hands over for rescoring. The gold claim is
#: among the first 50 bm25 hits for 94-96 % of the CheckThat! train tweets, and
#: rescoring 50 short strings costs well under a millisecond.
CANDIDATE_LIMIT = 50
#: At most this many terms go into the store's OR query (a long tweet has 40+); beyond
#: it the query only gets slower.
MAX_QUERY_TERMS = 48
#: Weights of the fuzzy similarity: rapidfuzz ``ratio`` (whole-string edit similarity,
#: rewards the same wording in the same order) and ``partial_ratio`` (best-aligned
#: substring, so a short claim inside a long tweet still scores). Tuned on train: the
#: fused score below with these equal weights reaches MAP@5 0.828 en / 0.883 ar
#: (bm25 alone 0.828 / 0.871); adding token_set_ratio gained under 0.002.
RATIO_WEIGHT = 0.5
PARTIAL_WEIGHT = 0.5
#: How much the index score scales the fuzzy similarity: a candidate whose bm25 is a
#: fraction r of the best candidate's keeps (1 - INDEX_WEIGHT + INDEX_WEIGHT x r) of
#: its similarity. Tuned on train.
INDEX_WEIGHT = 1.0
#: Below this fused score (0..100) a candidate is not reported at all. Fuzzy similarity
#: of unrelated headlines is already ~30 (shared letters), so this cutoff mostly drops
#: candidates far below the best one in the index. Tuned on train: 20 costs the
#: CheckThat! Arabic tweets 0.007 MAP@5 against no cutoff, 25 costs 0.016, 30 costs 0.026.
RELATED_SCORE = 20.0
#: Lowest fused score at which the registry still asks relate() about a candidate when
#: both claims count something (deaths, injured, houses …): one toll told by two
#: outlets scores 5-20 (a short, differently worded sentence far below the best
#: candidate). Chosen on the cross dev stories; the retrieval figures are not affected
#: (``Registry.match`` keeps RELATED_SCORE).
FIGURE_SCORE = 5.0
#: Fused score from which a SAME match may join a cluster without a reviewer. On ANS
#: train, whose contradictions are written as minimal edits of the headline, SAME
#: matches scoring 90 or more are 81 % truly the same, and all 18 scoring 95 or more
#: are; a restatement from another outlet (claims/ e02 and s06) scores 100.
AUTOLINK_SCORE = 95.0
#: A claim with fewer index terms than this is never linked automatically: short texts
#: ("Haftar visited Cairo") match too much by chance.
MIN_AUTOLINK_TERMS = 5
#: Weighted overlap (:func:`weighted_overlap`) two claims must reach for a pair to be
#: queued for a reviewer (a conflict or a likely restatement not joined automatically).
#: Retrieval thresholds are tuned to rank; the queue needs precision. Adding the 7,030
#: fact-checked Arabic claims of CheckThat! 2021 (distinct claims, so nearly every pair
#: is a false alarm) queues 32,576 pairs without this gate (4.6 a claim) and 1,352 with
#: it (0.19), while 84 % of ANS train "same" and 73 % of "contradicts" headline pairs
#: still pass; 0.3 passes 91 % / 87 % but queues three times as many pairs, 0.5 only
#: 72 % / 56 % (`bench/quality.py --only queue --split train`).
QUEUE_OVERLAP = 0.4
#: At most this many matches of a new claim are acted on (linked or suggested).
MATCHES_PER_CLAIM = 5
#: The weighted overlap enough for a pair relate() calls the same because the same
#: figures for the same named thing line up ("89 dead and 500 injured" in two outlets'
#: own sentences share few rare words besides). Chosen on the cross dev stories
#: (`bench/cross_article.py --split dev`: same-recall 0.62 against 0.16 at 0.4). A pair
#: called the same on its words alone still needs QUEUE_OVERLAP: at 0.25 the 2,000 first
#: distinct CheckThat! claims queue 935 pairs instead of 398 (376 before issue 13).
QUEUE_SAME_OVERLAP = 0.05
#: The weighted overlap enough for a conflict over a count of the same named thing
#: ("count of deaths differs: 77 ≠ 233": a toll told again later by another outlet).
#: Other conflicts need QUEUE_OVERLAP: at 0.15 for every conflict the 1,000 first
#: distinct CheckThat! claims queued some 400 false alarms ("place differs" between
#: unrelated videos). Chosen on the cross dev stories.
QUEUE_CONFLICT_OVERLAP = 0.15


class Candidate:
    """
    A claim the store's index proposes for a query, with its index score (higher is better).

    ``terms`` is the claim's stored ``index_text``; ``index_score`` is ``-bm25()``. What
    selection and ranking read (id, text, cluster, language, source) is at hand; the whole
    :attr:`claim` may be built only when asked for (:meth:`deferred`): of the fifty
    candidates a match reads, a handful become matches, and building a Claim from its row
    (JSON columns, validation) cost more than ranking them all.
    """

    __slots__ = (
        "_claim",
        "_make",
        "claim_id",
        "cluster",
        "index_score",
        "lang",
        "source",
        "terms",
        "text",
    )

    def __init__(self, claim: Claim, terms: str, index_score: float) -> None:
        self._claim: Claim | None = claim
        self._make: Callable[[], Claim] | None = None
        self.claim_id = claim.id
        self.text = claim.text
        self.cluster = claim.cluster
        self.lang = claim.lang
        self.source = claim.source
        self.terms = terms
        self.index_score = index_score

    @classmethod
    def deferred(
        cls,
        make: Callable[[], Claim],
        *,
        claim_id: str,
        text: str,
        cluster: str | None,
        lang: str,
        source: Source | None,
        terms: str,
        index_score: float,
    ) -> Candidate:
        """
        A candidate whose claim ``make`` builds on first use; the other fields must be
        the claim's own.
        """
        self = cls.__new__(cls)
        self._claim, self._make = None, make
        self.claim_id, self.text, self.cluster, self.lang = claim_id, text, cluster, lang
        self.source, self.terms, self.index_score = source, terms, index_score
        return self

    @property
    def claim(self) -> Claim:
        """
        The candidate claim (built now if it was deferred).
        """
        if self._claim is None:
            assert self._make is not None
            self._claim, self._make = self._make(), None
        return self._claim

    def __repr__(self) -> str:
        return f"Candidate({self.claim_id!r}, {self.terms!r}, {self.index_score!r})"


def query_terms(text: str) -> list[str]:
    """
    The distinct index terms of ``text`` the store should OR together, in text order.

    Stopwords are already gone; at most :data:`MAX_QUERY_TERMS` are kept.
    """
    return list(dict.fromkeys(primary_terms(text)))[:MAX_QUERY_TERMS]


def similarity(query: str, candidate: str) -> float:
    """
    The fuzzy part of the fused score (0..100) for two ``index_text`` strings.
    """
    total = RATIO_WEIGHT + PARTIAL_WEIGHT
    return (
        RATIO_WEIGHT * fuzz.ratio(query, candidate, processor=None)
        + PARTIAL_WEIGHT * fuzz.partial_ratio(query, candidate, processor=None)
    ) / total


def rank(
    text: str,
    candidates: Sequence[Candidate],
    *,
    limit: int = 5,
    score_cutoff: float = RELATED_SCORE,
    figure_cutoff: float | None = None,
) -> list[Match]:
    """
    Rescore ``candidates`` against ``text`` and return the best ``limit`` as Matches.

    The fused score (0..100) is :func:`similarity` of the index forms times the
    candidate's index score relative to the best candidate's (0..1).
    Candidates below ``score_cutoff`` are dropped; the survivors are related to ``text``
    by relate() and ordered best first (ties keep the order the store gave). With
    ``figure_cutoff``, a candidate scoring between it and ``score_cutoff`` survives too
    when both claims count something (deaths, injured, …) and relate() finds the two
    the same or in conflict: two outlets' sentences on one toll share few words.
    """
    if not candidates:
        return []
    query = index_text(text)
    best = max(c.index_score for c in candidates)
    scored: list[tuple[float, Candidate]] = []
    for cand in candidates:
        # Multiplying (rather than adding) keeps the score on the fuzzy scale: the best
        # candidate scores its similarity, never a free share for merely being first,
        # so the cutoffs below mean the same whatever the index returned.
        # No positive index score at all (a caller without an index): fuzzy only.
        relative = max(cand.index_score, 0.0) / best if best > 0 else 1.0
        score = similarity(query, cand.terms) * (1.0 - INDEX_WEIGHT + INDEX_WEIGHT * relative)
        if score >= score_cutoff or (
            figure_cutoff is not None
            and score >= figure_cutoff
            and counts_something(text)
            and counts_something(cand.text)
        ):
            scored.append((score, cand))
    # Stable: equal scores keep the store's order (bm25 rank, then rowid).
    scored.sort(key=lambda sc: -sc[0])
    matches: list[Match] = []
    for score, cand in scored:
        if len(matches) >= limit:
            break
        relation, reasons = relate(text, cand.text, score=score)
        if score < score_cutoff and relation is Relation.RELATED:
            continue
        matches.append(
            Match(claim=cand.claim, score=round(score, 1), relation=relation, reasons=reasons)
        )
    return matches


def counts_something(text: str) -> bool:
    """
    Whether ``text`` gives a count of a named thing (deaths, injured, houses, …).
    """
    return any(f.unit in COUNTED for f in facts(text).numbers)


def weighted_overlap(a: str, b: str, frequencies: Mapping[str, int], total: int) -> float:
    """
    How much two claims' index terms have in common, weighted by rarity (0..1).

    The Dice coefficient of the two term sets, each term weighted by its inverse
    document frequency in the registry (``frequencies``: claims holding each term, of
    ``total``), smoothed so every weight is positive even in a registry of three claims.
    Sharing "فيديو" and "كورونا" counts for little; sharing "الخروبة" for a lot.
    """
    first, second = set(a.split()), set(b.split())
    if not first or not second:
        return 0.0

    def weight(terms: set[str]) -> float:
        return sum(
            math.log1p((total - frequencies.get(t, 0) + 0.5) / (frequencies.get(t, 0) + 0.5))
            for t in terms
        )

    whole = weight(first) + weight(second)
    return 2 * weight(first & second) / whole if whole else 0.0


def worth_queueing(text: str, match: Match, overlap: float) -> bool:
    """
    Whether ``match`` should reach a reviewer (or join automatically), given the
    :func:`weighted_overlap` of the two claims.

    An automatic link always; a pair relate() calls the same because the same figures
    line up from :data:`QUEUE_SAME_OVERLAP`, a conflict over a count of the same named
    thing from :data:`QUEUE_CONFLICT_OVERLAP`; any other pair from
    :data:`QUEUE_OVERLAP`.
    """
    if can_autolink(text, match) or overlap >= QUEUE_OVERLAP:
        return True
    if match.relation is Relation.SAME:
        # only the same figures for the same named thing vouch for a pair sharing so
        # few rare words (relate() says which figures line up)
        figures = any(reason.startswith(FIGURES_PREFIX) for reason in match.reasons)
        return overlap >= (QUEUE_SAME_OVERLAP if figures else QUEUE_OVERLAP)
    if match.relation is Relation.CONFLICT:
        # a differing count of the same named thing ("count of deaths differs: …") is
        # the conflict two outlets' sentences on one event show; others need more
        counts = any(reason.startswith(COUNT_PREFIX) for reason in match.reasons)
        return overlap >= (QUEUE_CONFLICT_OVERLAP if counts else QUEUE_OVERLAP)
    return False


def can_autolink(text: str, match: Match) -> bool:
    """
    Whether ``match`` may join ``text``'s cluster without a reviewer.

    Only a SAME match scoring at least :data:`AUTOLINK_SCORE`, for a text of at least
    :data:`MIN_AUTOLINK_TERMS` distinct terms.
    """
    return autolink_refusal(text, match) is None


def autolink_refusal(text: str, match: Match) -> str | None:
    """
    Why ``match`` may not join ``text``'s cluster without a reviewer, or None if it may.
    """
    if match.relation is not Relation.SAME:
        return f"relation is {match.relation.value}"
    if match.score < AUTOLINK_SCORE:
        return f"score {match.score:.0f} is below {AUTOLINK_SCORE:.0f}: a reviewer decides"
    if len(query_terms(text)) < MIN_AUTOLINK_TERMS:
        return "too short to join without a reviewer"
    return None


# -- selection policy -----------------------------------------------------------------------

#: What a caller gives :func:`select` to count, for a set of terms, the claims in the
#: registry (first) and the claims holding each term.
Frequencies = Callable[[set[str]], tuple[int, Mapping[str, int]]]


def decided(
    claim_id: str, suggestions: Iterable[Suggestion], judgements: Iterable[Judgement]
) -> set[str]:
    """
    The claims a pair with ``claim_id`` is not suggested with again.

    Those already queued with it, and those whose latest judgement with it keeps the
    two apart ("different", "contradicts"). ``judgements`` are oldest first.
    """
    skip = {i for s in suggestions for i in (s.claim_id, s.other_id)}
    latest: dict[str, Verdict] = {}
    for j in judgements:
        latest[j.b if j.a == claim_id else j.a] = j.verdict
    skip |= {other for other, verdict in latest.items() if verdict.keeps_apart}
    skip.add(claim_id)
    return skip


def select(
    claim: Claim,
    candidates: Sequence[Candidate],
    *,
    skip: Container[str],
    frequencies: Frequencies,
    limit: int = MATCHES_PER_CLAIM,
    ranked: list[str] | None = None,
) -> list[Match]:
    """
    The matches of a registered ``claim`` worth acting on (joining or queueing), best first.

    Candidates in ``skip``, in the claim's own cluster or from its own article are left
    out before ranking, so a pair already decided never takes the place of one still to
    suggest. One match per cluster (the best): a claim restating a cluster of five
    articles is one suggestion, not five. A pair not joined at once must share enough of
    its rare words (:func:`worth_queueing`, with ``frequencies`` read from the registry):
    a reviewer's time is the scarce thing.

    ``ranked``, when given, receives the ids of every claim ranking kept, before one per
    cluster is chosen: only their clusters can change the result (a parallel pass checks).
    """
    kept = [
        c
        for c in candidates
        if c.claim_id not in skip
        and c.cluster != claim.cluster
        and (claim.source is None or c.source != claim.source)
    ]
    best: dict[str, Match] = {}
    for m in rank(claim.text, kept, limit=CANDIDATE_LIMIT, figure_cutoff=FIGURE_SCORE):
        best.setdefault(m.claim.cluster or m.claim_id, m)
        if ranked is not None:
            ranked.append(m.claim_id)
    if not best:
        return []
    own = index_text(claim.text)
    terms = {c.claim_id: c.terms for c in kept}
    total, counts = frequencies(
        {t for m in best.values() for t in terms[m.claim_id].split()} | set(own.split())
    )
    worth = [
        m
        for m in best.values()
        if worth_queueing(claim.text, m, weighted_overlap(own, terms[m.claim_id], counts, total))
    ]
    # what relate() found the same or in conflict first, then by score
    worth.sort(key=lambda m: m.relation is Relation.RELATED)
    return worth[:limit]


def queued_pair(claim: Claim, found: Match, *, refusal: str | None, at: datetime) -> Suggestion:
    """
    The suggestion that puts ``claim`` and the match ``found`` before a reviewer.

    A "same" match not joined is queued as related, with why it was not joined
    (``refusal``). The newer claim comes first, whichever of the two was being matched
    (the deferred pass meets pairs in either order).
    """
    relation = found.relation if found.relation is not Relation.SAME else Relation.RELATED
    reasons = found.reasons
    if found.relation is Relation.SAME and refusal is not None:
        reasons = (*reasons, f"not joined automatically: {refusal}")
    newer, older = sorted((claim, found.claim), key=lambda c: (c.created_at, c.id), reverse=True)
    return Suggestion(
        claim_id=newer.id,
        other_id=older.id,
        score=found.score,
        relation=relation,
        reasons=reasons,
        created_at=at,
    )
