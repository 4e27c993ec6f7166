"""
The selection policy of ``factreg.matching`` with the semantic layer: the lexical
matches worth acting on, re-ranked by fusion, then the claims in other languages found
by embedding (suggestions only: their relation is never SAME, so never joined).
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from factreg import matching
from factreg.model import Claim, Match
from factreg.semantic._layer import SemanticLayer


def semantic_select(
    layer: SemanticLayer,
    claim: Claim,
    candidates: Sequence[matching.Candidate],
    skip: set[str],
    *,
    earlier_only: bool = False,
    limit: int = matching.MATCHES_PER_CLAIM,
) -> list[Match]:
    """
    :func:`factreg.matching.select`, re-ranked by the embedding, plus the cross-language
    pass; ``skip`` as there. With ``earlier_only`` (the deferred pass), claims in other
    languages still waiting for that pass are left out too.
    """
    lexical = matching.select(
        claim,
        candidates,
        skip=skip,
        frequencies=layer.store.document_frequencies,
        limit=matching.CANDIDATE_LIMIT,
    )
    found = layer.rerank(claim.text, lexical, claim_id=claim.id)[:limit]
    clusters: Container[str] = {m.claim.cluster or m.claim_id for m in found}

    def keep(other: Claim) -> bool:
        return (
            other.cluster != claim.cluster
            and (other.cluster or other.id) not in clusters
            and (claim.source is None or other.source != claim.source)
        )

    def left_out(ids: Sequence[str]) -> set[str]:
        out = {i for i in ids if i in skip}
        return out | layer.store.unmatched_among(ids) if earlier_only else out

    found += layer.across(claim.text, claim.lang, claim_id=claim.id, keep=keep, skip=left_out)
    return found
