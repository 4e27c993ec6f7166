"""
Registry: the object users hold, a facade of public verbs over focused modules.

It opens a store, and every public operation that writes is one transaction together
with its audit events: add, import, review, judge. Registering runs through the import
pipeline (``_importing``): each added claim is matched (unless asked not to) with the
selection policy of ``matching``; a restatement above the "same" threshold joins the
claim's cluster at once (``clusters``; an event, reversible by judging the pair
different); conflicts and borderline matches become suggestions in the review queue
(``workflow``). ClaimReview and article extraction load only when their verbs are used.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from factreg import semantic as semantic_extra
from factreg import workflow
from factreg._exchange import Exchange
from factreg._importing import Importer, Matcher, as_inputs
from factreg._reviewing import Reviewer, resolve_id
from factreg.clusters import ClusterWriter
from factreg.convert import Input
from factreg.model import Claim, Event, FactCheck, Judgement, Match, Source, Status, Verdict
from factreg.results import AddResult, ImportReport, IngestReport, JudgeResult, SuggestedPair
from factreg.store import Store, open_store
from factreg.store.records import claim_record

if TYPE_CHECKING:  # loaded on first use: `factreg match` and `show` never need them
    from factreg.semantic import Encoder

#: Where the registry lives when neither ``--db`` nor ``$FACTREG_DB`` says otherwise.
DEFAULT_DB = "factreg.db"
#: How many claims the deferred matching pass commits at a time.
MATCH_BATCH = 500


def open(
    target: str | os.PathLike[str] | None = None,
    *,
    actor: str | None = None,
    create: bool = True,
    wait: float | None = None,
    on_wait: Callable[[], None] | None = None,
    semantic: bool | Encoder | None = None,
) -> Registry:
    """
    Open the registry at a SQLite path or a ``postgresql://`` URL.

    Without a target, ``$FACTREG_DB`` or ``./factreg.db``. ``actor`` names who writes
    (default: ``$FACTREG_REVIEWER`` or the OS user). With ``create=False`` a missing
    SQLite file is an error instead of a new, empty registry. ``semantic`` turns the
    semantic extra on or off, or gives its encoder (see :func:`factreg.semantic.attach`;
    by default on when installed and the registry has vectors or no claims yet).

    Writes, and creating or upgrading the registry, wait their turn behind other writers:
    ``wait`` is how many seconds one writer ahead may hold the registry before a write
    gives up with StoreError, writing nothing (default ``store.DEFAULT_WAIT``, 60; on
    PostgreSQL the server's ``lock_timeout``). ``on_wait`` is called each time a write
    starts waiting (the CLI's import says "Waiting for another writer…").
    """
    target = target or os.environ.get("FACTREG_DB") or DEFAULT_DB
    return Registry(
        open_store(target, create=create, wait=wait, on_wait=on_wait),
        actor=actor,
        semantic=semantic,
    )


class Registry(Exchange):
    """
    A claim registry over a store. Use as a context manager, or call :meth:`close`.

    Exports, ClaimReview, dump, restore, copy and backup come from :class:`Exchange`.
    """

    def __init__(
        self,
        store: Store,
        *,
        actor: str | None = None,
        semantic: bool | Encoder | None = None,
    ) -> None:
        self.store = store
        self.actor = workflow.reviewer_name(actor)
        self._clusters = ClusterWriter(store, self.actor)
        self._semantic_setting = semantic
        try:  # by default decided now, built when first used (`show` never loads numpy)
            wanted = semantic_extra.wanted(store, semantic)
            layer = (
                functools.partial(semantic_extra.build, store, wanted, same=True)
                if semantic is None and wanted
                else semantic_extra.build(store, wanted)
            )
        except BaseException:
            store.close()
            raise
        self._matcher = Matcher(store, self._clusters, layer)
        self._importer = Importer(store, self.actor, self._matcher)
        self._reviewer = Reviewer(store, self.actor, self._clusters)

    def close(self) -> None:
        """
        Close the underlying store.
        """
        self.store.close()

    def __enter__(self) -> Registry:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- finding claims -------------------------------------------------------------------

    def resolve(self, ref: str) -> str:
        """
        The full id for ``ref``: an id, or any unique prefix of one (any case).

        Raises:
            ClaimNotFoundError: nothing starts with ``ref``.
            AmbiguousIdError: several ids do; the message lists some.
        """
        return resolve_id(self.store, ref)

    def get(self, ref: str) -> Claim:
        """
        The claim ``ref`` names (an id or a unique prefix).
        """
        claim_id = self.resolve(ref)
        return self.store.get_claims([claim_id])[claim_id]

    def cluster(self, ref: str) -> list[Claim]:
        """
        Every claim in the cluster of ``ref``, oldest first (the claim itself included).
        """
        return self.store.cluster_members(self.get(ref).cluster or "")

    def cluster_verdict(self, claim: Claim) -> Claim | None:
        """
        The most recently updated claim of ``claim``'s cluster that has a verdict.
        """
        return self._reviewer.cluster_verdict(claim)

    def contradictions(self, ref: str | None = None) -> list[Judgement]:
        """
        The confirmed contradictions, oldest first: pairs whose latest judgement is
        "contradicts" (all, or those involving ``ref``).
        """
        return self._reviewer.contradictions(self.resolve(ref) if ref else None)

    def suggestions(self, ref: str | None = None) -> list[SuggestedPair]:
        """
        Open suggested pairs (all, or those involving ``ref``) with both claims.
        """
        claim_id = self.resolve(ref) if ref else None
        pending = self.store.suggestions(claim_id)
        claims = self.store.get_claims({i for s in pending for i in (s.claim_id, s.other_id)})
        return [SuggestedPair(s, claims[s.claim_id], claims[s.other_id]) for s in pending]

    def judgements(self, ref: str) -> list[Judgement]:
        """
        Every judgement involving ``ref``, oldest first.
        """
        return self.store.judgements_of(self.resolve(ref))

    def history(self, ref: str | None = None, *, limit: int | None = None) -> list[Event]:
        """
        The audit log, oldest first: of one claim, or of the whole registry.
        """
        return self.store.events(self.resolve(ref) if ref else None, limit=limit)

    def claims(self) -> Iterator[Claim]:
        """
        Every claim, oldest first, streamed.
        """
        return self.store.iter_claims()

    def stats(self) -> dict[str, Any]:
        """
        Counts of claims, sources, clusters, judgements, events, and claims by status;
        claim vectors (how many, which encoder, whether matching uses them).
        """
        figures = self.store.stats()
        figures.update(semantic_extra.describe(self.store, self._matcher.semantic))
        return figures

    def match(
        self,
        text: str,
        *,
        limit: int = 5,
        lang: str | None = None,
        exclude: Iterable[str] = (),
        semantic: bool | None = None,
    ) -> list[Match]:
        """
        The registered claims most like ``text``, best first, with relation and reasons.

        ``lang`` keeps only claims in that language. Candidates come from the store's
        index; nothing scans the whole registry. With the semantic extra (``semantic``:
        None follows how the registry was opened, True requires it, False turns it off)
        the matches are re-ranked by fusion with the embedding similarity, and up to
        ``semantic.CROSS_MATCHES`` claims in other languages follow the ``limit``
        lexical ones when ``lang`` is not given (relation related or conflict, the first
        reason naming the language and similarity).
        """
        layer = self._matcher.semantic
        if semantic is False:
            layer = None
        elif semantic and layer is None:
            layer = semantic_extra.attach(self.store, True)
        return self._matcher.search(text, limit=limit, lang=lang, exclude=exclude, semantic=layer)

    # -- adding claims --------------------------------------------------------------------

    def add(
        self,
        text: str,
        *,
        source: Source | None = None,
        claimant: str | None = None,
        attribution: Iterable[str] = (),
        lang: str | None = None,
        status: Status | str = Status.UNVERIFIED,
        confidence: float | None = None,
        note: str | None = None,
        evidence: Iterable[str] = (),
        tags: Iterable[str] = (),
        fact_checks: Iterable[FactCheck] = (),
        id: str | None = None,
        created_at: datetime | None = None,
        match: bool = True,
    ) -> AddResult:
        """
        Register a new claim made by ``claimant`` in the article ``source``.

        ``attribution`` is the chain from the publisher to the claimant, outermost first;
        ``lang`` is detected from the script when None; ``id`` is derived from the source
        and the text when None; ``created_at`` defaults to now. With ``match`` the claim
        is matched at once (see :class:`AddResult`). Registering a claim already present
        (same id, or same text from the same source) writes nothing.

        Raises:
            ValidationError: a field is invalid (the message names it).
        """
        sequences = {"attribution": attribution, "evidence": evidence, "tags": tags}
        given: dict[str, Any] = {name: tuple(values) for name, values in sequences.items()}
        given.update(
            status=status, confidence=confidence, note=note, fact_checks=tuple(fact_checks)
        )
        if created_at is not None:
            given["created_at"] = created_at
        claim = Claim(text=text, id=id or "", lang=lang, source=source, claimant=claimant, **given)
        return self.add_claim(claim, match=match)

    def add_claim(
        self,
        claim: Claim,
        *,
        match: bool = True,
        action: str = "add",
        detail: dict[str, Any] | None = None,
    ) -> AddResult:
        """
        Register ``claim`` (idempotent: a claim already registered is returned as is).

        ``action`` and ``detail`` go into its creation event in the audit log.
        """
        with self.store.transaction():
            return self._importer.register_one(
                claim_record(claim), detail or {}, match=match, action=action
            )

    def add_many(
        self, claims: Iterable[Claim], *, match: bool = True, action: str = "add"
    ) -> ImportReport:
        """
        Register many claims in one transaction; claims already present are skipped.
        """
        with self.store.transaction():
            report = self._importer.register_all(
                ((claim_record(c), {}) for c in claims), match=match, action=action
            )
        self.store.settle()
        return report

    def ingest(
        self,
        article: str | bytes,
        *,
        source: Source,
        lang: str | None = None,
        encoding: str | None = None,
        name: str | None = None,
        dry_run: bool = False,
        min_checkworthiness: float | None = None,
    ) -> IngestReport:
        """
        Extract the claims of a news article, register them against its source, match them.

        ``article`` is text, or bytes decoded as UTF-8 (BOM or not), or ``encoding``
        (Windows-1256, ISO-8859-6 …) when given or confidently detected; undecodable
        bytes raise InputError naming ``name``. Unattributed statements are the
        publisher's. Re-ingesting an article registers nothing new: its claims are
        reported as already present. With ``dry_run`` nothing is written.
        ``min_checkworthiness`` defaults to ``extract.MIN_CHECKWORTHINESS``.
        """
        return self._importer.ingest(
            article,
            source,
            lang=lang,
            encoding=encoding,
            name=name,
            dry_run=dry_run,
            min_checkworthiness=min_checkworthiness,
        )

    def import_jsonl(
        self,
        inputs: Input | Sequence[Input] | IO[bytes] | IO[str],
        *,
        skip_invalid: bool = False,
        match: bool = True,
        progress: Callable[[int], None] | None = None,
        commit_every: int | None = None,
    ) -> ImportReport:
        """
        Import claims from JSON Lines: a file, a directory of ``*.jsonl`` files, a binary
        or text stream, a ``(name, byte stream)`` pair, or a sequence of these.

        All-or-nothing: the first bad line raises InputError (``file:line: field:
        problem``) and nothing is written. With ``skip_invalid`` bad lines are reported
        in the result and the rest is imported. ``progress`` is called with the bytes read.

        ``commit_every`` commits each that many claims in a transaction of its own, for
        feeds too large to redo: an interrupted import keeps what was committed, and
        running it again adds the rest (claims already present are skipped). A bad line
        then stops the import after the claims before it's transaction.

        Rows carrying ``cluster`` (an export) are restored into that cluster as they
        are and not matched again; other rows are matched like any added claim. Large
        inputs are parsed in a worker process while this one writes.
        """
        report = self._importer.import_jsonl(
            as_inputs(inputs),
            skip_invalid=skip_invalid,
            match=match,
            progress=progress,
            commit_every=commit_every,
        )
        self.store.settle()  # the planner's statistics, on PostgreSQL
        return report

    def match_pending(
        self,
        *,
        batch: int = MATCH_BATCH,
        progress: Callable[[int], None] | None = None,
        jobs: int = 1,
    ) -> ImportReport:
        """
        The deferred matching pass: match every claim imported without matching.

        Works in batches, each one transaction, so an interrupted pass resumes where it
        stopped. Returns how many claims were matched (``added``), linked and suggested.
        With ``jobs`` above 1, that many worker processes find the matches and this one
        writes them, leaving the registry as one process would (not with the semantic
        extra on: then one process does it all).
        """
        return self._matcher.match_pending(batch=batch, progress=progress, jobs=jobs)

    # -- reviewing ------------------------------------------------------------------------

    def review(
        self,
        ref: str,
        status: Status | str,
        *,
        confidence: float | None = None,
        note: str | None = None,
        evidence: Iterable[str] = (),
        reopen: bool = False,
        expected_version: int | None = None,
    ) -> Claim:
        """
        Record a reviewer's decision on one claim; return the claim as updated.

        ``expected_version`` is the version the reviewer saw: if the claim changed since,
        the write is refused with StaleVersionError and nothing is written.
        """
        decision = workflow.Decision(
            status=status, confidence=confidence, note=note, evidence=tuple(evidence), reopen=reopen
        )
        return self._reviewer.review(self.resolve(ref), decision, expected_version)

    def judge(
        self, a: str, b: str, verdict: Verdict | str, *, note: str | None = None
    ) -> JudgeResult:
        """
        Record a reviewer's judgement on a pair and apply it to their clusters.

        ``same`` joins the clusters (refused when that would join claims judged apart);
        ``different`` removes a direct link and splits the cluster, and the pair is never
        suggested again; ``contradicts`` does the same and keeps the pair as a confirmed
        conflict (:meth:`contradictions`); ``unsure`` is recorded and leaves the queue.
        """
        first, second = self.resolve(a), self.resolve(b)
        judgement = Judgement(
            a=first, b=second, verdict=Verdict.parse(verdict), reviewer=self.actor, note=note
        )
        return self._reviewer.judge(judgement, first, second)

    def queue(self, *, limit: int = 50) -> list[workflow.QueueItem]:
        """
        What awaits a reviewer, in order: conflicts, then by articles, then oldest.
        """
        return self._reviewer.queue(limit)

    # -- maintenance ----------------------------------------------------------------------

    def check(self) -> list[str]:
        """
        Problems found in the registry (integrity, index, audit log); empty when sound.
        """
        return self.store.check()

    def reindex(self, *, semantic: bool | None = None) -> int:
        """
        Rebuild the candidate index from the claims; return how many were indexed.

        With the semantic extra installed (or ``semantic=True``; not with False, nor
        when the registry was opened with ``semantic=False``), every claim's vector is
        rebuilt too, with the configured encoder, and matching uses them from then on.
        """
        count = self.store.reindex()
        if semantic is None:
            semantic = (
                self._semantic_setting is not False
                and not semantic_extra.switched_off()
                and semantic_extra.available()
            )
        if semantic:
            layer = self._matcher.semantic
            if layer is None:
                layer = semantic_extra.attach(self.store, self._semantic_setting or True)
            assert layer is not None
            layer.rebuild()
            self._matcher.semantic = layer
        return count


__all__ = [
    "DEFAULT_DB",
    "AddResult",
    "ImportReport",
    "IngestReport",
    "JudgeResult",
    "Registry",
    "SuggestedPair",
    "open",
]
