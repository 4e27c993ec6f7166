"""
The deferred matching pass over worker processes (``crossmatch --jobs N``; private).

Matching a claim is nearly all reading (candidates from the index, ranking, relations);
acting on the matches (joins, suggestions, the audit log) is a little writing. So worker
processes compute the matches and this process alone writes them, in the order the
single-process pass takes, one transaction per batch as there.

A worker reads the registry as the last batch committed it (the batch is handed out
once the writer holds the write lock, so no other writer changes it meanwhile) and
cannot see what the writer does to the batch it is computing. It counts the claims of
the batch before its claim as matched (the writer will have marked them by then), and
returns, with each claim's matches, the ids of the candidates ranking kept (before one
per cluster is chosen). What the writer changes while it works through a batch is which
cluster claims belong to (a join) and which pairs are queued (a suggestion). A claim is
matched again here, against the registry as it is now, exactly as the single-process
pass would, when it or one of those ranked candidates changed cluster, or a pair with
it was queued. Nothing else it depends on can have changed: other candidates are kept
or left out by the pairs queued with it and by their cluster being its own, which a
join can change only by moving it too; ranking then sees the same claims; only the
choice of one match per cluster reads the ranked ones' clusters; term statistics, the
index and judgements do not change in the pass. Any other claim's matches are what
that pass would compute. Either way the writer links or queues them as that pass does,
so the registry ends the same (tested against ``jobs=1``). On the feed of
``bench/scale.py`` about a fifth of the claims are matched again by the writer (claims
ranking a restatement that was just joined).

Workers are ``python -c`` children of :mod:`factreg._workers`; should one fail, the
rest of the pass is done here.
"""

from __future__ import annotations

import contextlib
import gc
import pickle
import subprocess
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from factreg import _workers
from factreg._importing import Matcher, collector_paused
from factreg.clusters import ClusterWriter
from factreg.model import Claim, Match
from factreg.results import ImportReport

#: Claims per request to a worker.
CHUNK = 25
#: A pass with fewer claims waiting than this is not worth starting processes for.
MIN_PARALLEL = 4 * CHUNK

_WORKER = "from factreg._crossmatch import _serve; _serve()"
_Answer = list[tuple[str, list[Match], list[str]]]


def match_in_parallel(
    matcher: Matcher,
    *,
    batch: int,
    progress: Callable[[int], None] | None,
    jobs: int,
) -> ImportReport:
    """
    :meth:`Matcher.match_pending` with the matching done by ``jobs`` worker processes.
    """
    store = matcher.store
    workers: list[subprocess.Popen[bytes]] = []
    total = ImportReport()
    try:
        while ids := store.unmatched(batch):
            if (
                not workers
                and jobs > 1
                and store.url != ":memory:"
                and _workers.can_start()
                and len(ids) >= min(batch, MIN_PARALLEL)
            ):
                workers = _workers.start(_WORKER, jobs)
                jobs = 0  # started once: after a failure the pass goes on here
            report, failed = _match_batch(matcher, ids, workers)
            if failed:
                _stop(workers)
                workers = []
            total += attrs.evolve(report, added=len(ids))
            if progress:
                progress(len(ids))
    finally:
        _stop(workers)
    return total


@collector_paused
def _match_batch(
    matcher: Matcher, ids: Sequence[str], workers: list[subprocess.Popen[bytes]]
) -> tuple[ImportReport, bool]:
    """
    Match and act on one batch in one transaction; whether a worker failed.
    """
    store = matcher.store
    chunks = [(start, min(start + CHUNK, len(ids))) for start in range(0, len(ids), CHUNK)]
    moved: set[str] = set()  # claims whose cluster this batch changed
    queued: set[str] = set()  # claims this batch queued a pair with
    linked = suggested = 0
    with store.transaction(), matcher.batch_frequencies():
        # Sent once the write lock is held: no other writer can change what they read.
        alive = _send(workers, chunks, store.url, ids)
        for turn, (start, end) in enumerate(chunks):
            answers: _Answer | None = None
            if alive:
                answers = _receive(workers[turn % len(workers)])
                alive = answers is not None and len(answers) == end - start
            for at, claim_id in enumerate(ids[start:end]):
                matches: list[Match] | None = None
                if alive and answers is not None:
                    answered, matches, considered = answers[at]
                    if (
                        answered != claim_id
                        or claim_id in queued
                        or claim_id in moved
                        or not moved.isdisjoint(considered)
                    ):
                        matches = None  # computed from what has changed since: again
                claim = store.get_claims([claim_id])[claim_id]
                if matches is None:
                    matches = matcher.matches_for(claim, earlier_only=True)
                joined, added = _act(matcher, claim, matches, moved, queued)
                store.mark_matched([claim_id])
                linked += joined
                suggested += added
    return ImportReport(linked=linked, suggested=suggested), bool(workers) and not alive


def _act(
    matcher: Matcher, claim: Claim, matches: list[Match], moved: set[str], queued: set[str]
) -> tuple[int, int]:
    """
    Link or queue ``matches`` as :meth:`Matcher.act_on` does, noting the claims that
    changed cluster (``moved``) and those a pair was queued with (``queued``).
    """
    linked = suggested = 0
    for found in matches:
        if matcher.link_or_suggest(claim, found):
            root = matcher.store.get_claims([claim.id])[claim.id].cluster or claim.id
            moved.update(c.id for c in matcher.store.cluster_members(root))
            linked += 1
        else:
            queued.update((claim.id, found.claim_id))
            suggested += 1
    return linked, suggested


def _send(
    workers: list[subprocess.Popen[bytes]],
    chunks: list[tuple[int, int]],
    url: str,
    ids: Sequence[str],
) -> bool:
    """
    Hand the batch's chunks to the workers in turn; False if that failed (or none).
    """
    if not workers:
        return False
    try:
        for turn, (start, end) in enumerate(chunks):
            payload = pickle.dumps((url, ids, start, end), protocol=pickle.HIGHEST_PROTOCOL)
            into = workers[turn % len(workers)].stdin
            assert into is not None
            into.write(_workers.frame(payload))
            into.flush()
    except OSError:
        return False
    return True


def _receive(worker: subprocess.Popen[bytes]) -> _Answer | None:
    if worker.stdout is None:
        return None
    answer: _Answer | None = _workers.receive(worker.stdout, pickle.loads)
    return answer


def _stop(workers: list[subprocess.Popen[bytes]]) -> None:
    for worker in workers:
        with contextlib.suppress(OSError):
            worker.stdin.close()  # type: ignore[union-attr]  # opened with PIPE
        worker.kill()
        worker.wait()
        worker.stdout.close()  # type: ignore[union-attr]  # opened with PIPE


class _Before:
    """
    The claims of a batch before position ``at``: matched by the time the writer gets there.
    """

    def __init__(self, position: dict[str, int], at: int) -> None:
        self.position = position
        self.at = at

    def __contains__(self, claim_id: object) -> bool:
        return isinstance(claim_id, str) and self.position.get(claim_id, self.at) < self.at


def _serve() -> None:
    """
    A matching worker: ``(url, batch ids, start, end)`` in, the matches of the claims
    ``ids[start:end]`` and the candidates each considered out.
    """
    from factreg.store import open_store

    stores: dict[str, Any] = {}

    def handle(body: bytes) -> bytes:
        url, ids, start, end = pickle.loads(body)
        if url not in stores:
            stores[url] = open_store(url, create=False)
        store = stores[url]
        matcher = Matcher(store, ClusterWriter(store, "crossmatch"))
        position = {claim_id: n for n, claim_id in enumerate(ids)}
        claims = store.get_claims(ids[start:end])
        answer = []
        gc.disable()
        try:
            with matcher.batch_frequencies():  # the writer holds the lock: they stay
                for at in range(start, end):
                    claim = claims[ids[at]]
                    matches, considered = matcher.considered(
                        claim, earlier_only=True, done=_Before(position, at)
                    )
                    answer.append((claim.id, matches, considered))
        finally:
            gc.enable()
        return pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)

    _workers.serve(handle)
