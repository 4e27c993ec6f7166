"""
Reviewers' decisions applied to the store, the queue read from it, and the claim ids
they type (unique prefixes) resolved (private).

``workflow`` decides (pure); :class:`Reviewer` reads the claims, writes the decision
with its audit events in one transaction, and moves clusters through ``clusters``.
"""

from __future__ import annotations

import attrs

from factreg import matching, workflow
from factreg.clusters import ClusterWriter
from factreg.errors import AmbiguousIdError, ClaimNotFoundError, StaleVersionError
from factreg.model import Claim, Judgement, Relation, Verdict
from factreg.normalize import index_text
from factreg.relate import relate
from factreg.results import JudgeResult
from factreg.store import Store


def resolve_id(store: Store, ref: str) -> str:
    """
    The full id for ``ref``: an id, or any unique prefix of one (any case).

    Raises:
        ClaimNotFoundError: nothing starts with ``ref``.
        AmbiguousIdError: several ids do; the message lists some.
    """
    ref = ref.strip()
    if not ref:
        raise ClaimNotFoundError("no claim id given")
    if not ref.isascii():
        # Ids are ASCII (model); anything else, undecodable argv bytes included, names
        # no claim and is not worth a query.
        raise ClaimNotFoundError(f"no claim with id {ref!r}")
    for attempt in dict.fromkeys((ref, ref.lower())):
        if store.existing_ids([attempt]):
            return attempt
        hits = store.ids_with_prefix(attempt, 6)
        if len(hits) == 1:
            return hits[0]
        if hits:
            shown = ", ".join(hits[:5]) + (", …" if len(hits) > 5 else "")
            raise AmbiguousIdError(f"id prefix {ref!r} matches several claims: {shown}")
    raise ClaimNotFoundError(f"no claim with id {ref!r}")


class Reviewer:
    """
    Records reviews and judgements as ``actor``, and builds the review queue.
    """

    def __init__(self, store: Store, actor: str, clusters: ClusterWriter) -> None:
        self.store = store
        self.actor = actor
        self.clusters = clusters

    def review(
        self, claim_id: str, decision: workflow.Decision, expected_version: int | None
    ) -> Claim:
        """
        Apply ``decision`` to the claim (see :meth:`factreg.Registry.review`).
        """
        with self.store.transaction():
            # Read inside the write transaction: without expected_version the decision
            # applies to the claim as it is now, not as it was before another reviewer.
            claim = self.store.get_claims([claim_id])[claim_id]
            if expected_version is not None and expected_version != claim.version:
                raise StaleVersionError(claim.id, expected_version, claim.version)
            changed, event = workflow.apply_event(claim, decision, actor=self.actor)
            self.store.update_claim(changed, claim.version)
            self.store.append_events([event])
        return changed

    def judge(self, judgement: Judgement, first: str, second: str) -> JudgeResult:
        """
        Record ``judgement`` on ``first`` and ``second`` and apply it to their clusters
        (see :meth:`factreg.Registry.judge`).
        """
        with self.store.transaction():
            self.store.add_judgement(judgement)
            self.store.remove_suggestion(first, second)
            self.store.append_events(workflow.judgement_events(judgement, first, second))
            if judgement.verdict is Verdict.SAME:
                self.clusters.join(first, second, origin="judgement", score=None, at=judgement.at)
            elif judgement.verdict.keeps_apart:
                self.clusters.unlink(first, second, at=judgement.at)
            pair = self.store.get_claims([first, second])
        warning = None
        if judgement.verdict.keeps_apart and pair[first].cluster == pair[second].cluster:
            warning = (
                f"{first} and {second} stay in one cluster through other links; "
                "judge those pairs to separate them"
            )
        return JudgeResult(
            judgement=judgement,
            cluster_a=pair[first].cluster or first,
            cluster_b=pair[second].cluster or second,
            warning=warning,
        )

    def contradictions(self, claim_id: str | None = None) -> list[Judgement]:
        """
        The confirmed contradictions (pairs whose latest judgement is "contradicts"):
        all of them, or those of ``claim_id``; oldest first.
        """
        if claim_id is not None:
            return workflow.contradictions(self.store.judgements_of(claim_id))
        found = self.store.judgements_with(Verdict.CONTRADICTS)
        if not found:
            return []
        ids = {i for j in found for i in (j.a, j.b)}
        return workflow.contradictions(self.store.judgements_among(ids))

    def cluster_verdict(self, claim: Claim) -> Claim | None:
        """
        The most recently updated claim of ``claim``'s cluster that has a verdict.
        """
        members = self.store.cluster_members(claim.cluster or claim.id)
        judged = [c for c in members if c.status.is_verdict]
        return max(judged, key=lambda c: (c.updated_at, c.id)) if judged else None

    def queue(self, limit: int) -> list[workflow.QueueItem]:
        """
        The first ``limit`` items awaiting a reviewer, in :func:`workflow.order`.

        Suggested pairs; confirmed contradictions while a claim of theirs has no verdict;
        clusters with no verdict, each marked with the claims it is confirmed to
        contradict.
        """
        pending = self.store.suggestions()
        clusters = self.store.open_clusters(limit)
        confirmed = self.contradictions()
        claims = self.store.get_claims(
            [i for s in pending for i in (s.claim_id, s.other_id)]
            + [c.root for c in clusters]
            + [i for j in confirmed for i in (j.a, j.b)]
        )
        articles = self.store.cluster_articles(c.cluster or c.id for c in claims.values())
        items = [workflow.pair_item(s, claims, articles) for s in pending]
        items += [
            item
            for j in confirmed
            if (item := self._contradiction_item(j, claims, articles)) is not None
        ]
        against: dict[str, list[str]] = {}
        for j in confirmed:
            against.setdefault(j.a, []).append(j.b)
            against.setdefault(j.b, []).append(j.a)
        items += [
            workflow.QueueItem(
                kind="claim",
                claim=claims[c.root],
                articles=c.articles,
                size=c.size,
                since=c.first_seen,
                contradicts=tuple(against.get(c.root, ())),
            )
            for c in clusters
        ]
        return [self._with_other_verdict(i) for i in workflow.order(items)[:limit]]

    def _contradiction_item(
        self, judgement: Judgement, claims: dict[str, Claim], articles: dict[str, int]
    ) -> workflow.QueueItem | None:
        """
        The queue item of a confirmed contradiction, or None once both claims' clusters
        have a verdict.
        """
        newer, older = sorted(
            (claims[judgement.a], claims[judgement.b]),
            key=lambda c: (c.created_at, c.id),
            reverse=True,
        )
        if all(self.cluster_verdict(c) is not None for c in (newer, older)):
            return None
        score = matching.similarity(index_text(newer.text), index_text(older.text))
        relation, reasons = relate(newer.text, older.text, score=score)
        return workflow.QueueItem(
            kind="contradiction",
            claim=newer,
            other=older,
            reasons=reasons if relation is Relation.CONFLICT else (),
            since=judgement.at,
            articles=max(articles.get(c.cluster or "", 1) for c in (newer, older)),
            relation=Relation.CONFLICT,  # a conflict a reviewer confirmed
            judgement=judgement,
        )

    def _with_other_verdict(self, item: workflow.QueueItem) -> workflow.QueueItem:
        if item.other is None:
            return item
        verdict = self.cluster_verdict(item.other)
        return attrs.evolve(item, other_verdict=verdict.status if verdict else None)
