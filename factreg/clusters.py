"""
Clusters: which registered claims are one claim.

Two parts, in the manner of nomenklatura's ``resolver/linker.py``: :func:`components`
and :func:`blocking_judgement` are pure (claims and links in, clusters out), and
:class:`ClusterWriter` is the small writer that keeps the store's cluster column, its
links and the audit log in step with them. A cluster is named by its root, its oldest
claim; every change of cluster is an audit event (``link``, ``unlink``), never a new
version of the claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from factreg.errors import JudgementConflictError
from factreg.model import Claim, Event, Judgement, Verdict, utcnow
from factreg.store import Store
from factreg.workflow import latest_judgements


def components(members: Sequence[str], links: Iterable[tuple[str, str]]) -> list[list[str]]:
    """
    The connected components of ``members`` under ``links``, each led by its root.

    ``members`` are given oldest first; each component lists its members in that order,
    so its first is its root, and components come in the order of their roots. Links
    touching a claim outside ``members`` are ignored.
    """
    parent = {m: m for m in members}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    position = {m: n for n, m in enumerate(members)}
    for a, b in links:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                # The older root stays root, so find() always ends at the oldest member.
                if position[ra] > position[rb]:
                    ra, rb = rb, ra
                parent[rb] = ra
    groups: dict[str, list[str]] = {}
    for m in members:
        groups.setdefault(find(m), []).append(m)
    return list(groups.values())


def blocking_judgement(
    sides: Mapping[str, str | None], judgements: Iterable[Judgement]
) -> Judgement | None:
    """
    A judgement that forbids merging the clusters in ``sides``, or None.

    ``sides`` maps each claim of the clusters to be merged to its cluster now;
    ``judgements`` are those among them, oldest first. Only the latest judgement of a
    pair counts, and it blocks when it keeps the pair apart (different, contradicts)
    and the two sit on different sides.
    """
    for j in latest_judgements(judgements).values():
        if j.verdict.keeps_apart and sides[j.a] != sides[j.b]:
            return j
    return None


def oldest(claims: Iterable[Claim]) -> Claim:
    """
    The claim a cluster of ``claims`` is named after: the first registered (then by id).
    """
    return min(claims, key=lambda c: (c.created_at, c.id))


class ClusterWriter:
    """
    Joins, splits and restores clusters in a store, logging each move as ``actor``.

    Every method writes inside the caller's transaction.
    """

    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor

    def join(self, a: str, b: str, *, origin: str, score: float | None, at: datetime) -> str:
        """
        Link two claims "same" and merge their clusters; return the cluster root.

        Raises:
            JudgementConflictError: the merge would join two claims judged different.
        """
        pair = self.store.get_claims([a, b])
        ra, rb = pair[a].cluster or a, pair[b].cluster or b
        members = {c.id: c for root in {ra, rb} for c in self.store.cluster_members(root)}
        if ra != rb:
            sides = {c.id: c.cluster for c in members.values()}
            judgement = blocking_judgement(sides, self.store.judgements_among(members))
            if judgement is not None:
                judged = (
                    "contradicting" if judgement.verdict is Verdict.CONTRADICTS else "different"
                )
                raise JudgementConflictError(
                    f"{a} and {b} cannot be joined: {judgement.a} and {judgement.b} were "
                    f"judged {judged} by {judgement.reviewer} on "
                    f"{judgement.at:%Y-%m-%d}; judge that pair again first"
                )
        root = oldest((members[ra], members[rb])).id
        self.store.add_link(a, b, origin=origin, score=score, at=at)
        self.store.set_cluster([c.id for c in members.values() if c.cluster != root], root)
        self._log(
            "link",
            at,
            [
                (x, pair[x].cluster, {"linked": y, "cluster": root, "origin": origin})
                for x, y in ((a, b), (b, a))
            ],
        )
        return root

    def unlink(self, a: str, b: str, *, at: datetime) -> None:
        """
        Remove a direct link between ``a`` and ``b``, splitting their cluster if it falls
        apart (nothing happens when there was no such link).
        """
        if self.store.remove_link(a, b):
            self.split(self.store.get_claims([a])[a].cluster or a, at)

    def split(self, root: str, at: datetime) -> list[str]:
        """
        Recompute the components of cluster ``root`` from its links; return the new roots.
        """
        members = {c.id: c for c in self.store.cluster_members(root)}
        order = sorted(members, key=lambda m: (members[m].created_at, m))
        links = [(a, b) for a, b, _ in self.store.links_among(members)]
        roots: list[str] = []
        for component in components(order, links):
            start = component[0]
            roots.append(start)
            moved = sorted(m for m in component if members[m].cluster != start)
            if moved:
                self.store.set_cluster(moved, start)
                self._log(
                    "unlink", at, [(m, members[m].cluster, {"cluster": start}) for m in moved]
                )
        return roots

    def _log(
        self, action: str, at: datetime, moves: Iterable[tuple[str, str | None, dict[str, Any]]]
    ) -> None:
        """
        Log each claim's move (claim id, cluster before, what after) as an ``action`` event.
        """
        self.store.append_events(
            [
                Event(
                    claim_id=claim_id,
                    action=action,
                    actor=self.actor,
                    at=at,
                    before={"cluster": before},
                    after=after,
                )
                for claim_id, before, after in moves
            ]
        )

    def restore(self, restored: Mapping[str, str]) -> list[str]:
        """
        Put imported claims back into the clusters they were exported with
        (``restored``: claim id to cluster); return notes for the user.
        """
        notes: list[str] = []
        groups: dict[str, list[str]] = {}
        for claim_id, cluster in restored.items():
            groups.setdefault(cluster, []).append(claim_id)
        now = utcnow()
        for cluster, ids in sorted(groups.items()):
            ids = [i for i in ids if i != cluster]
            if not ids:
                continue
            anchor = cluster
            if not self.store.existing_ids([cluster]):
                notes.append(
                    f"cluster {cluster} is not in the registry: its {len(ids) + 1} "
                    "imported claims were kept together without it"
                )
                anchor = oldest(self.store.get_claims(ids).values()).id
            for claim_id in ids:
                if claim_id != anchor:
                    self.join(claim_id, anchor, origin="import", score=None, at=now)
        return notes

    def join_same_text(self, groups: Iterable[Sequence[str]], notes: list[str]) -> int:
        """
        Join each group of registered claims (one text from several articles) into one
        cluster; a join a judgement forbids is left out and reported in ``notes``.
        Returns how many joins were made.
        """
        joined = 0
        now = utcnow()
        for group in groups:
            for other in group[1:]:
                pair = self.store.get_claims([group[0], other])
                if pair[group[0]].cluster != pair[other].cluster:
                    try:
                        self.join(other, group[0], origin="import", score=None, at=now)
                        joined += 1
                    except JudgementConflictError as exc:
                        notes.append(f"not joined as the feed says: {exc}")
        return joined


__all__ = ["ClusterWriter", "blocking_judgement", "components", "oldest"]
