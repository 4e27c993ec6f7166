"""
The status workflow, the review queue's items and order, and which judgements count.
Pure: no store, no I/O.

A reviewer may set any status, with a confidence, a note and evidence URLs. Sending a
verdict back to ``unverified`` is a reopen and must be asked for explicitly, so a verdict
is never undone by a slip of the key. The queue puts conflicts first, then the claims
repeated by the most articles, then the oldest.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from factreg.errors import ReopenRequiredError, ValidationError
from factreg.model import Claim, Event, Judgement, Relation, Status, Suggestion, Verdict, utcnow


def reviewer_name(explicit: str | None = None) -> str:
    """
    Who is acting: ``explicit``, else ``$FACTREG_REVIEWER``, else the OS user.
    """
    for name in (explicit, os.environ.get("FACTREG_REVIEWER")):
        if name and name.strip():
            if any("\ud800" <= ch <= "\udfff" for ch in name):
                raise ValidationError(
                    "reviewer", f"{name!r} is not valid Unicode text (bytes that are not UTF-8?)"
                )
            return name.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, as in some containers
        return "unknown"


def _status(value: Status | str) -> Status:
    return Status.parse(value)


@attrs.frozen
class Decision:
    """
    A reviewer's decision on one claim, before it is applied.

    ``confidence`` None keeps the current confidence when the status stays the same and
    clears it when the status changes (it was confidence in the old status). ``note``
    None keeps the note. ``evidence`` URLs are added to those already recorded.
    """

    status: Status = attrs.field(converter=_status)
    confidence: float | None = None
    note: str | None = None
    evidence: tuple[str, ...] = ()
    reopen: bool = False


def apply(
    claim: Claim,
    decision: Decision,
    *,
    at: datetime | None = None,
) -> tuple[Claim, dict[str, Any], dict[str, Any]]:
    """
    The claim after ``decision``, and the changed fields before and after.

    Raises:
        ReopenRequiredError: the claim has a verdict and the decision sends it back to
            unverified without ``reopen``.
        ValidationError: a reopen that is not to an open status, or a bad value.
    """
    if decision.reopen and decision.status.is_verdict:
        raise ValidationError("status", "a reopen goes back to unverified or in_review")
    if claim.status.is_verdict and decision.status is Status.UNVERIFIED and not decision.reopen:
        raise ReopenRequiredError(
            f"claim {claim.id} has the verdict {claim.status.value!r}: sending it back to "
            "unverified needs an explicit reopen (--reopen)"
        )
    confidence = decision.confidence
    if confidence is None and decision.status is claim.status:
        confidence = claim.confidence
    evidence = tuple(dict.fromkeys((*claim.evidence, *decision.evidence)))
    note = claim.note if decision.note is None else decision.note
    changed = attrs.evolve(
        claim,
        status=decision.status,
        confidence=confidence,
        note=note,
        evidence=evidence,
        updated_at=max(at or utcnow(), claim.updated_at),
        version=claim.version + 1,
    )
    fields = ("status", "confidence", "note", "evidence")
    before = {
        f: _plain(getattr(claim, f)) for f in fields if getattr(claim, f) != getattr(changed, f)
    }
    after = {f: _plain(getattr(changed, f)) for f in before}
    return changed, before, after


def apply_event(claim: Claim, decision: Decision, *, actor: str) -> tuple[Claim, Event]:
    """
    The claim after ``decision`` (see :func:`apply`) and the audit event that records it.
    """
    changed, before, after = apply(claim, decision)
    event = Event(
        claim_id=claim.id,
        action="reopen" if decision.reopen else "review",
        actor=actor,
        at=changed.updated_at,
        version=changed.version,
        before=before,
        after=after,
    )
    return changed, event


def judgement_events(judgement: Judgement, first: str, second: str) -> list[Event]:
    """
    The audit events of a judgement on the pair ``first``, ``second``: one per claim.
    """
    note = {"note": judgement.note} if judgement.note else {}
    return [
        Event(
            claim_id=x,
            action="judge",
            actor=judgement.reviewer,
            at=judgement.at,
            after={"other": y, "verdict": judgement.verdict.value, **note},
        )
        for x, y in ((first, second), (second, first))
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, Status):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


# -- the queue ----------------------------------------------------------------------------


@attrs.frozen
class QueueItem:
    """
    One thing awaiting a reviewer: a claim (cluster) to verify, a pair to judge, or a
    confirmed contradiction whose claims still need a verdict.

    For a pair, ``claim`` is the newer claim and ``other`` the registered one it may
    restate or contradict; ``relation`` and ``reasons`` say why the pair is there, and
    ``other_verdict`` is the verdict already given on the earlier claim's cluster. A
    contradiction carries the ``judgement`` that confirmed it. ``articles`` is how many
    articles carry the claim; ``contradicts`` lists the claims a queued claim is
    confirmed to contradict.
    """

    kind: str  # "contradiction", "conflict", "related" or "claim"
    claim: Claim
    articles: int
    since: datetime
    other: Claim | None = None
    score: float | None = None
    reasons: tuple[str, ...] = ()
    size: int = 1
    relation: Relation | None = None
    other_verdict: Status | None = None
    judgement: Judgement | None = None
    contradicts: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, ...]:
        """
        What identifies the item across reloads of the queue.
        """
        return (self.kind, self.claim.id) + ((self.other.id,) if self.other else ())

    @property
    def why(self) -> str:
        """
        Why the item is in the queue, in one line: ``conflict: number differs: 11 ≠ 15``,
        ``contradicts: number differs: 11 ≠ 15; judged by amal 2026-12-04``.
        """
        reasons = "; ".join(self.reasons)
        if self.judgement is not None:
            judged = f"judged by {self.judgement.reviewer} {self.judgement.at:%Y-%m-%d}"
            return f"contradicts: {reasons}; {judged}" if reasons else f"contradicts: {judged}"
        if self.relation is not None:
            return f"{self.relation.value}: {reasons}" if reasons else self.relation.value
        if self.contradicts:
            return f"no verdict yet; contradicts {', '.join(self.contradicts)}"
        return "no verdict yet"


_KIND_RANK = {"contradiction": 0, "conflict": 0, "related": 1, "claim": 1}


def order(items: Iterable[QueueItem]) -> list[QueueItem]:
    """
    Confirmed contradictions and conflicts first; then by how many articles repeat the
    claim; then oldest first.
    """
    return sorted(items, key=lambda i: (_KIND_RANK[i.kind], -i.articles, i.since, i.key))


def pair_kind(relation: Relation) -> str:
    """
    The queue kind of a suggested pair with ``relation``.
    """
    return "conflict" if relation is Relation.CONFLICT else "related"


def pair_item(
    suggestion: Suggestion, claims: Mapping[str, Claim], articles: Mapping[str, int]
) -> QueueItem:
    """
    The queue item of a suggested pair; ``articles`` counts the articles of each cluster.
    """
    claim, other = claims[suggestion.claim_id], claims[suggestion.other_id]
    return QueueItem(
        kind=pair_kind(suggestion.relation),
        claim=claim,
        other=other,
        score=suggestion.score,
        reasons=suggestion.reasons,
        since=suggestion.created_at,
        articles=max(articles.get(claim.cluster or "", 1), articles.get(other.cluster or "", 1)),
        relation=suggestion.relation,
    )


def latest_judgements(judgements: Iterable[Judgement]) -> dict[tuple[str, str], Judgement]:
    """
    The judgement that counts for each pair: its latest (``judgements`` oldest first).
    """
    latest: dict[tuple[str, str], Judgement] = {}
    for j in judgements:
        latest[(j.a, j.b)] = j
    return latest


def contradictions(judgements: Iterable[Judgement]) -> list[Judgement]:
    """
    The pairs whose latest judgement is "contradicts", oldest judgement first.
    """
    kept = [j for j in latest_judgements(judgements).values() if j.verdict is Verdict.CONTRADICTS]
    return sorted(kept, key=lambda j: (j.at, j.a, j.b))


#: One key per decision in the interactive review, in the order the legend shows them.
#: Digits follow the ClaimReview scale (5 true .. 1 false).
STATUS_KEYS: dict[str, Status] = {
    "5": Status.TRUE,
    "t": Status.TRUE,
    "4": Status.MOSTLY_TRUE,
    "3": Status.MIXED,
    "2": Status.MOSTLY_FALSE,
    "1": Status.FALSE,
    "f": Status.FALSE,
    "m": Status.MISLEADING,
    "u": Status.UNVERIFIABLE,
    "i": Status.IN_REVIEW,
}
