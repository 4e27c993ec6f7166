"""
Query -> ranked Match list: candidates from the store's index, rapidfuzz scoring, relate().

The store finds candidates in its persistent index (never a scan of every claim); this
module chooses the query terms, rescores the candidates and names the thresholds.
(First cut; the matching work extends it.)
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from rapidfuzz import fuzz

from factreg.model import Claim, Match, Relation
from factreg.normalize import index_text
from factreg.relate import relate

#: How many candidates the store's index hands over for rescoring.
CANDIDATE_LIMIT = 50
#: Below this fused score (0..100) a candidate is not reported at all.
RELATED_SCORE = 60.0
#: A claim with fewer index terms than this is never linked automatically: short texts
#: ("Haftar visited Cairo") match too much by chance.
MIN_AUTOLINK_TERMS = 5


@attrs.frozen
class Candidate:
    """
    A claim the store's index proposes for a query, with its index score (higher is better).
    """

    claim: Claim
    terms: str
    index_score: float


def query_terms(text: str) -> list[str]:
    """
    The distinct index terms of ``text`` the store should look up, most telling first.
    """
    return list(dict.fromkeys(index_text(text).split()))


def rank(
    text: str, candidates: Sequence[Candidate], *, limit: int = 5,
    score_cutoff: float = RELATED_SCORE,
) -> list[Match]:
    """
    Rescore ``candidates`` against ``text`` and return the best ``limit`` as Matches.
    """
    query = index_text(text)
    scored: list[tuple[float, Candidate]] = []
    for cand in candidates:
        score = fuzz.token_set_ratio(query, cand.terms, processor=None)
        if score >= score_cutoff:
            scored.append((score, cand))
    scored.sort(key=lambda sc: (-sc[0], sc[1].claim.id))
    matches = []
    for score, cand in scored[:limit]:
        relation, reasons = relate(text, cand.claim.text, score=score)
        matches.append(Match(claim=cand.claim, score=round(score, 1), relation=relation,
                             reasons=reasons))
    return matches


def can_autolink(text: str, match: Match) -> bool:
    """
    Whether ``match`` may join ``text``'s cluster without a reviewer.
    """
    return match.relation is Relation.SAME and len(query_terms(text)) >= MIN_AUTOLINK_TERMS
