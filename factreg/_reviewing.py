"""
Reviewers' decisions applied to the store, the queue read from it, and the claim ids
they type (unique prefixes) resolved (private).

``workflow`` decides (pure); :class:`Reviewer` reads the claims, writes the decision
with its audit events in one transaction, and moves clusters through ``clusters``.
"""

from __future__ import annotations

from factreg import workflow
from factreg.clusters import ClusterWriter
from factreg.errors import AmbiguousIdError, ClaimNotFoundError, StaleVersionError
from factreg.model import Claim, Judgement, Verdict
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
            elif judgement.verdict is Verdict.DIFFERENT:
                self.clusters.unlink(first, second, at=judgement.at)
            pair = self.store.get_claims([first, second])
        warning = None
        if judgement.verdict is Verdict.DIFFERENT and pair[first].cluster == pair[second].cluster:
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

    def queue(self, limit: int) -> list[workflow.QueueItem]:
        """
        The first ``limit`` items awaiting a reviewer, in :func:`workflow.order`.
        """
        pending = self.store.suggestions()
        clusters = self.store.open_clusters(limit)
        claims = self.store.get_claims(
            [i for s in pending for i in (s.claim_id, s.other_id)] + [c.root for c in clusters]
        )
        articles = self.store.cluster_articles(c.cluster or c.id for c in claims.values())
        items = [workflow.pair_item(s, claims, articles) for s in pending]
        items += [
            workflow.QueueItem(
                kind="claim",
                claim=claims[c.root],
                articles=c.articles,
                size=c.size,
                since=c.first_seen,
            )
            for c in clusters
        ]
        return workflow.order(items)[:limit]
