"""
Registry: the object users hold.

It opens a store, and every public operation that writes is one transaction together
with its audit events: add, import, review, judge. Matching runs on every added claim
(unless asked not to): a restatement above the "same" threshold joins the claim's cluster
at once (an event, reversible by judging the pair different); conflicts and borderline
matches become suggestions in the review queue.
"""

from __future__ import annotations

import functools
import gc
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any, ParamSpec, TypeVar

import attrs

from factreg import claimreview, extract
from factreg import match as matching
from factreg import review as workflow
from factreg.convert import (
    ClaimRecord,
    Input,
    claim_record,
    claim_to_row,
    converter,
    dump_row,
    open_inputs,
    read_records,
    source_filename,
    write_jsonl,
)
from factreg.errors import (
    AmbiguousIdError,
    ClaimNotFoundError,
    InputError,
    JudgementConflictError,
    StaleVersionError,
    ValidationError,
)
from factreg.model import (
    ID_LENGTH,
    MAX_ID_LENGTH,
    Claim,
    Event,
    Judgement,
    Match,
    Relation,
    Source,
    Status,
    Suggestion,
    Verdict,
    claim_id_for,
    utcnow,
)
from factreg.normalize import index_text
from factreg.store import Store, open_store

#: Where the registry lives when neither ``--db`` nor ``$FACTREG_DB`` says otherwise.
DEFAULT_DB = "factreg.db"
#: At most this many matches of a new claim are acted on (linked or suggested).
MATCHES_PER_CLAIM = 5
#: Claims written per statement batch on a bulk import without matching.
BATCH = 2_000
#: An import reports progress each time it has read this many more bytes.
PROGRESS_BYTES = 1 << 20


@attrs.frozen
class AddResult:
    """
    What adding one claim did: the claim as registered, its matches, and what followed.

    ``existing`` is True when the claim was already registered (nothing was written).
    """

    claim: Claim
    matches: tuple[Match, ...] = ()
    linked: tuple[str, ...] = ()
    suggested: tuple[str, ...] = ()
    existing: bool = False


@attrs.frozen
class ImportReport:
    """
    The outcome of an import: counts, and every line skipped as invalid.
    """

    added: int = 0
    present: int = 0
    linked: int = 0
    suggested: int = 0
    invalid: tuple[InputError, ...] = ()
    notes: tuple[str, ...] = ()
    #: Claims registered before that a ClaimReview import gave a published review.
    reviewed: int = 0


@attrs.frozen
class IngestReport:
    """
    What ingesting an article found: each extracted claim with what registering it did.
    """

    source: Source
    claims: tuple[tuple[extract.ExtractedClaim, AddResult], ...]
    dry_run: bool = False

    @property
    def added(self) -> int:
        """
        How many claims were new (or would be, on a dry run).
        """
        return sum(not result.existing for _, result in self.claims)


@attrs.frozen
class JudgeResult:
    """
    A recorded judgement and its consequence for the two claims' clusters.
    """

    judgement: Judgement
    cluster_a: str
    cluster_b: str
    warning: str | None = None


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _collector_paused(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """
    Run ``method`` with Python's cyclic garbage collector paused.

    A bulk import allocates millions of short-lived tuples and dicts, none in a cycle;
    each of them counts towards the next collection, and the oldest generation's passes
    walk every cached object again. Paused for the call (reference counting frees all
    of it as usual), a million-claim import spends about a quarter less time writing,
    and the deferred matching pass about a seventh less.
    """

    @functools.wraps(method)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return method(*args, **kwargs)
        gc.disable()
        try:
            return method(*args, **kwargs)
        finally:
            gc.enable()

    return paused


def open(
    target: str | os.PathLike[str] | None = None, *, actor: str | None = None, create: bool = True
) -> Registry:
    """
    Open the registry at a SQLite path or a ``postgresql://`` URL.

    Without a target, ``$FACTREG_DB`` or ``./factreg.db``. ``actor`` names who writes
    (default: ``$FACTREG_REVIEWER`` or the OS user). With ``create=False`` a missing
    SQLite file is an error instead of a new, empty registry.
    """
    target = target or os.environ.get("FACTREG_DB") or DEFAULT_DB
    return Registry(open_store(target, create=create), actor=actor)


class Registry:
    """
    A claim registry over a store. Use as a context manager, or call :meth:`close`.
    """

    def __init__(self, store: Store, *, actor: str | None = None) -> None:
        self.store = store
        self.actor = workflow.reviewer_name(actor)

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
        ref = ref.strip()
        if not ref:
            raise ClaimNotFoundError("no claim id given")
        if not ref.isascii():
            # Ids are ASCII (model); anything else, undecodable argv bytes included, names
            # no claim and is not worth a query.
            raise ClaimNotFoundError(f"no claim with id {ref!r}")
        for attempt in dict.fromkeys((ref, ref.lower())):
            if self.store.existing_ids([attempt]):
                return attempt
            hits = self.store.ids_with_prefix(attempt, 6)
            if len(hits) == 1:
                return hits[0]
            if hits:
                shown = ", ".join(hits[:5]) + (", …" if len(hits) > 5 else "")
                raise AmbiguousIdError(f"id prefix {ref!r} matches several claims: {shown}")
        raise ClaimNotFoundError(f"no claim with id {ref!r}")

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
        judged = [
            c for c in self.store.cluster_members(claim.cluster or claim.id) if c.status.is_verdict
        ]
        return max(judged, key=lambda c: (c.updated_at, c.id)) if judged else None

    def suggestions(self, ref: str | None = None) -> list[tuple[Suggestion, Claim, Claim]]:
        """
        Open suggested pairs (all, or those involving ``ref``) with both claims.
        """
        claim_id = self.resolve(ref) if ref else None
        pending = self.store.suggestions(claim_id)
        claims = self.store.get_claims({i for s in pending for i in (s.claim_id, s.other_id)})
        return [(s, claims[s.claim_id], claims[s.other_id]) for s in pending]

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
        Counts of claims, sources, clusters, judgements, events, and claims by status.
        """
        return self.store.stats()

    # -- matching -------------------------------------------------------------------------

    def match(
        self, text: str, *, limit: int = 5, lang: str | None = None, exclude: Iterable[str] = ()
    ) -> list[Match]:
        """
        The registered claims most like ``text``, best first, with relation and reasons.

        ``lang`` keeps only claims in that language. Candidates come from the store's
        index; nothing scans the whole registry.
        """
        skip = set(exclude)
        candidates = [
            c
            for c in self.store.candidates(matching.query_terms(text), matching.CANDIDATE_LIMIT)
            if c.claim.id not in skip and (lang is None or c.claim.lang == lang)
        ]
        return matching.rank(text, candidates, limit=limit)

    # -- adding claims --------------------------------------------------------------------

    def add(
        self, text: str, *, source: Source | None = None, match: bool = True, **fields: Any
    ) -> AddResult:
        """
        Register a new claim; ``fields`` are any other Claim attributes (claimant, …).
        """
        return self.add_claim(Claim.new(text, source=source, **fields), match=match)

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
        """
        with self.store.transaction():
            detail = detail or {}
            return self._register_one(
                self._checked(claim_record(claim), detail), detail, match=match, action=action
            )

    def add_many(
        self, claims: Iterable[Claim], *, match: bool = True, action: str = "add"
    ) -> ImportReport:
        """
        Register many claims in one transaction; claims already present are skipped.
        """
        with self.store.transaction():
            return self._register_all(
                ((claim_record(c), {}) for c in claims), match=match, action=action
            )

    def ingest(
        self,
        article: str | bytes,
        *,
        source: Source,
        lang: str | None = None,
        encoding: str | None = None,
        name: str | None = None,
        dry_run: bool = False,
        min_checkworthiness: float = extract.MIN_CHECKWORTHINESS,
    ) -> IngestReport:
        """
        Extract the claims of a news article, register them against its source, match them.

        ``article`` is text, or bytes decoded as UTF-8 (BOM or not), or ``encoding``
        (Windows-1256, ISO-8859-6 …) when given or confidently detected; undecodable
        bytes raise InputError naming ``name``. Unattributed statements are the
        publisher's. Re-ingesting an article registers nothing new: its claims are
        reported as already present. With ``dry_run`` nothing is written.
        """
        if isinstance(article, bytes):
            try:
                article = extract.decode_article(article, encoding)
            except InputError as exc:
                raise InputError(exc.problem, file=name) from None
        found = extract.extract_claims(
            article, publisher=source.publisher, lang=lang, min_checkworthiness=min_checkworthiness
        )
        source = self._resolved(source, {"file": name})
        results: list[tuple[extract.ExtractedClaim, AddResult]] = []
        if dry_run:
            claims = [item.to_claim(source) for item in found]
            twins = self.store.same_text_ids([claim_record(c) for c in claims])
            for item, claim, twin in zip(found, claims, twins, strict=True):
                if twin is not None:
                    results.append((item, AddResult(claim=self.get(twin), existing=True)))
                else:
                    results.append(
                        (item, AddResult(claim=claim, matches=tuple(self._matches_for(claim))))
                    )
            return IngestReport(source=source, claims=tuple(results), dry_run=True)
        with self.store.transaction():
            for item in found:
                detail = {
                    "file": name,
                    "offset": [item.start, item.end],
                    "checkworthiness": round(item.checkworthiness, 3),
                }
                results.append(
                    (
                        item,
                        self._register_one(
                            claim_record(item.to_claim(source)), detail, action="ingest"
                        ),
                    )
                )
        return IngestReport(source=source, claims=tuple(results))

    @_collector_paused
    def import_jsonl(
        self,
        inputs: Sequence[Input],
        *,
        skip_invalid: bool = False,
        match: bool = True,
        progress: Callable[[int], None] | None = None,
        commit_every: int | None = None,
    ) -> ImportReport:
        """
        Import claims from JSON Lines files, directories of them, or named byte streams.

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
        if commit_every is not None and commit_every < 1:
            raise ValueError("commit_every must be at least 1")
        errors: list[InputError] = []
        read = 0

        def rows() -> Iterator[tuple[ClaimRecord, dict[str, Any]]]:
            nonlocal read
            for given, stream in open_inputs(inputs, (".jsonl",)):
                name = _printable(given)
                for line, nbytes, item in read_records(stream, name=name):
                    read += nbytes
                    if progress and read >= PROGRESS_BYTES:
                        progress(read)
                        read = 0
                    if isinstance(item, InputError):
                        if not skip_invalid:
                            raise item
                        errors.append(item)
                    else:
                        yield item, {"file": name, "line": line}
            if progress and read:
                progress(read)

        if commit_every is None:
            with self.store.transaction():
                report = self._register_all(rows(), match=match, action="import")
            return attrs.evolve(report, invalid=tuple(errors))
        pending = rows()
        restored: dict[str, str] = {}
        total = ImportReport()
        while True:
            taken = 0

            def counted() -> Iterator[tuple[ClaimRecord, dict[str, Any]]]:
                nonlocal taken
                for row in itertools.islice(pending, commit_every):
                    taken += 1
                    yield row

            with self.store.transaction():
                part = self._register_all(
                    counted(), match=match, action="import", restored=restored
                )
            total = _add(total, part)
            if taken < commit_every:
                break
        # Clusters are restored last, once every member is in: a cluster's first claim
        # may come in a later transaction than the others.
        with self.store.transaction():
            notes = self._restore_clusters(restored)
        return attrs.evolve(total, notes=tuple(notes), invalid=tuple(errors))

    def _register_all(
        self,
        rows: Iterable[tuple[ClaimRecord, dict[str, Any]]],
        *,
        match: bool,
        action: str,
        restored: dict[str, str] | None = None,
    ) -> ImportReport:
        """
        Register ``rows`` in the open transaction: in batches, or one by one when matching.

        Rows carrying a cluster are restored into it at the end, unless ``restored`` is
        given: then they are collected there for the caller to restore.
        """
        added = present = linked = suggested = 0
        keep = restored if restored is not None else {}
        batch: list[tuple[ClaimRecord, dict[str, Any], bool]] = []

        def flush() -> None:
            nonlocal added, present
            outcome = self._insert_new(self._checked_all(batch), action)
            present_now = sum(existing for _, existing in outcome)
            added += len(outcome) - present_now
            present += present_now
            batch.clear()

        for claim, detail in rows:
            if claim.cluster is not None:
                # An exported row: its cluster is restored as is, not matched again.
                keep[claim.id] = claim.cluster
                batch.append((claim._replace(cluster=None), detail, True))
            elif match:
                if batch:
                    flush()
                result = self._register_one(self._checked(claim, detail), detail, action=action)
                added += not result.existing
                present += result.existing
                linked += len(result.linked)
                suggested += len(result.suggested)
                continue
            else:
                batch.append((claim, detail, False))
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
        notes = self._restore_clusters(keep) if restored is None else []
        return ImportReport(
            added=added, present=present, linked=linked, suggested=suggested, notes=tuple(notes)
        )

    def _checked_all(
        self,
        rows: Sequence[tuple[ClaimRecord, dict[str, Any], bool]],
    ) -> list[tuple[ClaimRecord, dict[str, Any], bool]]:
        # Claims of one article usually carry one Source value (the parsing worker shares
        # it): resolve each article once, and check a value only if it is another one.
        self.store.prefetch_sources(c.source for c, _, _ in rows if c.source is not None)
        resolved: dict[str, tuple[Source, Source]] = {}  # key: (value given, registered)
        out: list[tuple[ClaimRecord, dict[str, Any], bool]] = []
        for claim, detail, matched in rows:
            source = claim.source
            if source is not None:
                seen = resolved.get(source.key)
                if seen is None or (seen[0] is not source and seen[0] != source):
                    claim = self._checked(claim, detail)
                    resolved[source.key] = (source, claim.source or source)
                elif seen[1] is not source:
                    claim = claim._replace(source=seen[1])
            out.append((claim, detail, matched))
        return out

    def _checked(self, claim: ClaimRecord, detail: dict[str, Any]) -> ClaimRecord:
        """
        ``claim`` with its source as registered (gaps filled); a contradiction is an error.
        """
        if claim.source is None:
            return claim
        source = self._resolved(claim.source, detail)
        return claim if source == claim.source else claim._replace(source=source)

    def _resolved(self, source: Source, detail: dict[str, Any]) -> Source:
        try:
            return self.store.resolve_source(source)
        except ValidationError as exc:
            raise _input_error(exc, detail) from None

    def _insert_new(
        self,
        rows: Sequence[tuple[ClaimRecord, dict[str, Any], bool]],
        action: str,
    ) -> list[tuple[str, bool]]:
        """
        Insert the (source-checked) claims not registered yet, with their creation events.

        Returns, per row, the id the claim is registered under and whether it already was
        (same id, or same text from the same source). An id factreg derived is lengthened
        when another claim holds it; an id the input gave is never changed. The flag in
        each row says whether the claim counts as matched (False: it waits for
        :meth:`match_pending`).
        """
        claims = [c for c, _, _ in rows]
        known = self.store.existing_ids(c.id for c in claims)
        # Texts by id: registered ones, then those inserted earlier in this batch.
        texts = {i: c.text for i, c in self.store.get_claims(known).items()} if known else {}
        by_text: dict[tuple[str, str | None], str] = {}
        twins = self.store.same_text_ids(claims)
        outcome: list[tuple[str, bool]] = []
        fresh: dict[bool, list[ClaimRecord]] = {True: [], False: []}
        events: list[Event] = []
        now = utcnow()  # one batch, one moment: and a clock read per claim adds up
        for (claim, detail, matched), twin in zip(rows, twins, strict=True):
            text_key = (claim.text, claim.source.key if claim.source else None)
            key = twin or by_text.get(text_key)
            if key is None and claim.id in texts:
                if texts[claim.id] == claim.text:
                    key = claim.id
                elif claim.id == claim_id_for(claim.text, claim.source):
                    claim = claim._replace(id=self._free_id(claim, texts))
                else:
                    raise InputError(
                        f"id {claim.id!r} is already registered with other text",
                        file=detail.get("file"),
                        line=detail.get("line"),
                        field="id",
                    )
            if key is not None:
                outcome.append((key, True))
                continue
            outcome.append((claim.id, False))
            texts[claim.id] = claim.text
            by_text[text_key] = claim.id
            fresh[matched].append(claim)
            events.append(
                Event(
                    claim_id=claim.id,
                    action=action,
                    actor=self.actor,
                    at=now,
                    version=claim.version,
                    after=_creation(claim, detail),
                )
            )
        for matched, claims_ in fresh.items():
            if claims_:
                self.store.insert_claims(claims_, matched=matched)
        if events:
            self.store.append_events(events)
        return outcome

    def _free_id(self, claim: ClaimRecord, taken: dict[str, str]) -> str:
        """
        The shortest lengthening of ``claim``'s derived id that no other claim holds.
        """
        for length in range(ID_LENGTH + 1, MAX_ID_LENGTH + 1):
            candidate = claim_id_for(claim.text, claim.source, length=length)
            if candidate not in taken and not self.store.existing_ids([candidate]):
                return candidate
        raise InputError(
            f"no free id for a claim whose derived ids are all taken: {claim.text[:60]!r}"
        )  # 80 bits of hash: never in practice

    def _register_one(
        self, claim: ClaimRecord, detail: dict[str, Any], *, action: str, match: bool = True
    ) -> AddResult:
        [(claim_id, existing)] = self._insert_new([(claim, detail, match)], action)
        stored = self.store.get_claims([claim_id])[claim_id]
        if existing or not match:
            return AddResult(claim=stored, existing=existing)
        return self._act_on_matches(stored)

    def _act_on_matches(self, claim: Claim, *, earlier_only: bool = False) -> AddResult:
        """
        Match a registered claim, and link or queue what it matches.
        """
        matches = self._matches_for(claim, earlier_only=earlier_only)
        linked: list[str] = []
        suggested: list[str] = []
        for found in matches:
            if self._link_or_suggest(claim, found):
                linked.append(found.claim_id)
            else:
                suggested.append(found.claim_id)
        stored = self.store.get_claims([claim.id])[claim.id]
        return AddResult(
            claim=stored, matches=tuple(matches), linked=tuple(linked), suggested=tuple(suggested)
        )

    def match_pending(
        self, *, batch: int = 500, progress: Callable[[int], None] | None = None
    ) -> ImportReport:
        """
        The deferred matching pass: match every claim imported without matching.

        Works in batches, each one transaction, so an interrupted pass resumes where it
        stopped. Returns how many claims were matched, linked and suggested.
        """
        done = linked = suggested = 0
        while ids := self.store.unmatched(batch):
            part = self._match_batch(ids)
            linked += part.linked
            suggested += part.suggested
            done += len(ids)
            if progress:
                progress(len(ids))
        return ImportReport(added=done, linked=linked, suggested=suggested)

    @_collector_paused
    def _match_batch(self, ids: Sequence[str]) -> ImportReport:
        # One transaction; the collector is paused per batch, not for a pass of an hour.
        linked = suggested = 0
        with self.store.transaction():
            for claim_id in ids:
                claim = self.store.get_claims([claim_id])[claim_id]
                result = self._act_on_matches(claim, earlier_only=True)
                self.store.mark_matched([claim_id])
                linked += len(result.linked)
                suggested += len(result.suggested)
        return ImportReport(linked=linked, suggested=suggested)

    def _matches_for(self, claim: Claim, *, earlier_only: bool = False) -> list[Match]:
        """
        Matches worth acting on: other articles, other clusters, pairs not yet decided.

        Candidates are filtered before ranking, so a pair already queued or judged
        different never takes the place of one still to suggest. With ``earlier_only``
        (the deferred pass), claims still waiting for that pass are left out: each will
        meet this one on its own turn, as it would have in a live import.
        """
        candidates = self.store.candidates(
            matching.query_terms(claim.text), matching.CANDIDATE_LIMIT
        )
        if not candidates:
            return []
        judged = self._latest_verdicts(claim.id)
        skip = {i for s in self.store.suggestions(claim.id) for i in (s.claim_id, s.other_id)}
        skip |= {other for other, verdict in judged.items() if verdict is Verdict.DIFFERENT}
        skip.add(claim.id)
        if earlier_only:
            skip |= self.store.unmatched_among(c.claim.id for c in candidates)
        kept = [
            c
            for c in candidates
            if c.claim.id not in skip
            and c.claim.cluster != claim.cluster
            and (claim.source is None or c.claim.source != claim.source)
        ]
        # One match per cluster (the best): a claim restating a cluster of five articles
        # is one suggestion, not five.
        best: dict[str, Match] = {}
        for m in matching.rank(
            claim.text, kept, limit=matching.CANDIDATE_LIMIT, figure_cutoff=matching.FIGURE_SCORE
        ):
            best.setdefault(m.claim.cluster or m.claim_id, m)
        # A reviewer's time is the scarce thing: only pairs sharing enough of their rare
        # words are queued (automatic links have passed a stricter test already).
        own = index_text(claim.text)
        terms = {c.claim.id: c.terms for c in kept}
        total, frequencies = self.store.document_frequencies(
            {t for m in best.values() for t in terms[m.claim_id].split()} | set(own.split())
        )
        worth = [
            m
            for m in best.values()
            if matching.worth_queueing(
                claim.text,
                m,
                matching.weighted_overlap(own, terms[m.claim_id], frequencies, total),
            )
        ]
        # what relate() found the same or in conflict first, then by score
        worth.sort(key=lambda m: m.relation is Relation.RELATED)
        return worth[:MATCHES_PER_CLAIM]

    def _latest_verdicts(self, claim_id: str) -> dict[str, Verdict]:
        latest: dict[str, Verdict] = {}
        for j in self.store.judgements_of(claim_id):
            latest[j.b if j.a == claim_id else j.a] = j.verdict
        return latest

    def _link_or_suggest(self, claim: Claim, found: Match) -> bool:
        """
        Join ``claim`` to an automatic "same" match, or queue the pair; True when joined.
        """
        now = utcnow()
        refusal = matching.autolink_refusal(claim.text, found)
        if refusal is None:
            try:
                self._join(claim.id, found.claim_id, origin="auto", score=found.score, at=now)
                return True
            except JudgementConflictError as exc:
                reasons = (*found.reasons, f"not joined automatically: {exc}")
                found = attrs.evolve(found, relation=Relation.RELATED, reasons=reasons)
        relation = found.relation if found.relation is not Relation.SAME else Relation.RELATED
        reasons = found.reasons
        if found.relation is Relation.SAME and refusal is not None:
            reasons = (*reasons, f"not joined automatically: {refusal}")
        # The newer claim comes first, whichever of the two was being matched (the deferred
        # pass meets pairs in either order).
        newer, older = sorted(
            (claim, found.claim), key=lambda c: (c.created_at, c.id), reverse=True
        )
        self.store.add_suggestion(
            Suggestion(
                claim_id=newer.id,
                other_id=older.id,
                score=found.score,
                relation=relation,
                reasons=reasons,
                created_at=now,
            )
        )
        return False

    # -- clusters -------------------------------------------------------------------------

    def _join(self, a: str, b: str, *, origin: str, score: float | None, at: datetime) -> str:
        """
        Link two claims "same" and merge their clusters; return the cluster root.

        Raises:
            JudgementConflictError: the merge would join two claims judged different.
        """
        pair = self.store.get_claims([a, b])
        ra, rb = pair[a].cluster or a, pair[b].cluster or b
        members = {c.id: c for root in {ra, rb} for c in self.store.cluster_members(root)}
        if ra != rb:
            side = {c.id: c.cluster for c in members.values()}
            for judgement in self._blocking(members):
                if side[judgement.a] != side[judgement.b]:
                    raise JudgementConflictError(
                        f"{a} and {b} cannot be joined: {judgement.a} and {judgement.b} were "
                        f"judged different by {judgement.reviewer} on "
                        f"{judgement.at:%Y-%m-%d}; judge that pair again first"
                    )
        root = min((members[ra], members[rb]), key=lambda c: (c.created_at, c.id)).id
        self.store.add_link(a, b, origin=origin, score=score, at=at)
        moved = [c.id for c in members.values() if c.cluster != root]
        self.store.set_cluster(moved, root)
        self.store.append_events(
            [
                Event(
                    claim_id=x,
                    action="link",
                    actor=self.actor,
                    at=at,
                    before={"cluster": pair[x].cluster},
                    after={"linked": y, "cluster": root, "origin": origin},
                )
                for x, y in ((a, b), (b, a))
            ]
        )
        return root

    def _blocking(self, members: dict[str, Claim]) -> list[Judgement]:
        latest: dict[tuple[str, str], Judgement] = {}
        for j in self.store.judgements_among(members):
            latest[(j.a, j.b)] = j
        return [j for j in latest.values() if j.verdict is Verdict.DIFFERENT]

    def _split(self, root: str, at: datetime) -> list[str]:
        """
        Recompute the components of cluster ``root`` from its links; return the new roots.
        """
        members = {c.id: c for c in self.store.cluster_members(root)}
        neighbours: dict[str, set[str]] = {m: set() for m in members}
        for a, b, _ in self.store.links_among(members):
            neighbours[a].add(b)
            neighbours[b].add(a)
        roots: list[str] = []
        unseen = set(members)
        for start in sorted(members, key=lambda m: (members[m].created_at, m)):
            if start not in unseen:
                continue
            component, frontier = {start}, [start]
            while frontier:
                for nxt in neighbours[frontier.pop()] - component:
                    component.add(nxt)
                    frontier.append(nxt)
            unseen -= component
            roots.append(start)  # members were visited oldest first: start is the root
            moved = [m for m in component if members[m].cluster != start]
            if moved:
                self.store.set_cluster(moved, start)
                self.store.append_events(
                    [
                        Event(
                            claim_id=m,
                            action="unlink",
                            actor=self.actor,
                            at=at,
                            before={"cluster": members[m].cluster},
                            after={"cluster": start},
                        )
                        for m in sorted(moved)
                    ]
                )
        return roots

    def _restore_clusters(self, restored: dict[str, str]) -> list[str]:
        """
        Put imported rows that carried ``cluster`` back into their clusters.
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
                claims = self.store.get_claims(ids)
                anchor = min(claims.values(), key=lambda c: (c.created_at, c.id)).id
            for claim_id in ids:
                if claim_id != anchor:
                    self._join(claim_id, anchor, origin="import", score=None, at=now)
        return notes

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
        claim_id = self.resolve(ref)
        with self.store.transaction():
            # Read inside the write transaction: without expected_version the decision
            # applies to the claim as it is now, not as it was before another reviewer.
            claim = self.store.get_claims([claim_id])[claim_id]
            if expected_version is not None and expected_version != claim.version:
                raise StaleVersionError(claim.id, expected_version, claim.version)
            changed, before, after = workflow.apply(claim, decision)
            self.store.update_claim(changed, claim.version)
            self.store.append_events(
                [
                    Event(
                        claim_id=claim.id,
                        action="reopen" if decision.reopen else "review",
                        actor=self.actor,
                        at=changed.updated_at,
                        version=changed.version,
                        before=before,
                        after=after,
                    )
                ]
            )
        return changed

    def judge(
        self,
        a: str,
        b: str,
        verdict: Verdict | str,
        *,
        note: str | None = None,
    ) -> JudgeResult:
        """
        Record a reviewer's judgement on a pair and apply it to their clusters.

        ``same`` joins the clusters (refused when that would join claims judged
        different); ``different`` removes a direct link and splits the cluster, and the
        pair is never suggested again; ``unsure`` is recorded and leaves the queue.
        """
        first, second = self.resolve(a), self.resolve(b)
        judgement = Judgement(
            a=first, b=second, verdict=Verdict.parse(verdict), reviewer=self.actor, note=note
        )
        warning = None
        with self.store.transaction():
            self.store.add_judgement(judgement)
            self.store.remove_suggestion(first, second)
            self.store.append_events(
                [
                    Event(
                        claim_id=x,
                        action="judge",
                        actor=self.actor,
                        at=judgement.at,
                        after={
                            "other": y,
                            "verdict": judgement.verdict.value,
                            **({"note": note} if note else {}),
                        },
                    )
                    for x, y in ((first, second), (second, first))
                ]
            )
            if judgement.verdict is Verdict.SAME:
                self._join(first, second, origin="judgement", score=None, at=judgement.at)
            elif judgement.verdict is Verdict.DIFFERENT and self.store.remove_link(first, second):
                self._split(self.store.get_claims([first])[first].cluster or first, judgement.at)
            pair = self.store.get_claims([first, second])
            if (
                judgement.verdict is Verdict.DIFFERENT
                and pair[first].cluster == pair[second].cluster
            ):
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

    def queue(self, *, limit: int = 50) -> list[workflow.QueueItem]:
        """
        What awaits a reviewer, in order: conflicts, then by articles, then oldest.
        """
        pending = self.store.suggestions()
        clusters = self.store.open_clusters(limit)
        claims = self.store.get_claims(
            [i for s in pending for i in (s.claim_id, s.other_id)] + [c.root for c in clusters]
        )
        articles = self.store.cluster_articles(c.cluster or c.id for c in claims.values())
        items = [
            workflow.QueueItem(
                kind=workflow.pair_kind(s.relation),
                claim=claims[s.claim_id],
                other=claims[s.other_id],
                score=s.score,
                reasons=s.reasons,
                since=s.created_at,
                articles=max(
                    articles.get(claims[s.claim_id].cluster or "", 1),
                    articles.get(claims[s.other_id].cluster or "", 1),
                ),
            )
            for s in pending
        ]
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

    # -- export and maintenance -----------------------------------------------------------

    def export_jsonl(self, stream: IO[str]) -> int:
        """
        Write every claim as JSON Lines, oldest first; return how many.
        """
        return write_jsonl(self.store.iter_claims(), stream)

    def export_dir(self, directory: str | os.PathLike[str]) -> dict[str, int]:
        """
        Write one JSON Lines file per source into ``directory``; return lines per file.

        Each file is written to a temporary name and renamed into place, so a reader never
        sees half a file. Files are rewritten whole on each export: diffs show changes.
        """
        root = Path(directory)
        root.mkdir(parents=True, exist_ok=True)
        files: dict[str, list[str]] = {}
        for claim in self.store.iter_claims():
            files.setdefault(source_filename(claim.source), []).append(
                dump_row(claim_to_row(claim))
            )
        for name, lines in sorted(files.items()):
            target = root / name
            assert target.parent == root  # source_filename keeps to one path component
            temporary = target.with_name(f".{name}.tmp")
            temporary.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            temporary.replace(target)
        return {name: len(lines) for name, lines in sorted(files.items())}

    def check(self) -> list[str]:
        """
        Problems found in the registry (integrity, index, audit log); empty when sound.
        """
        return self.store.check()

    def reindex(self) -> int:
        """
        Rebuild the candidate index from the claims; return how many were indexed.
        """
        return self.store.reindex()

    def backup(self, path: str | os.PathLike[str]) -> None:
        """
        Write a consistent copy of the registry to a new file, even while writes go on.
        """
        self.store.backup(Path(path))

    # -- ClaimReview ------------------------------------------------------------------------

    def import_claimreview(
        self,
        inputs: Sequence[Input],
        *,
        labels: Mapping[str, Status | str] | None = None,
        match: bool = True,
    ) -> ImportReport:
        """
        Import schema.org ClaimReview feeds (or Fact Check Tools responses) as claims.

        Each reviewed claim becomes a claim per article it appeared in, with its status
        read from the rating (``labels`` extend the label table for this import), the
        review URL as evidence and the review kept as a FactCheck. Claims are registered
        and matched like any other, so re-importing a feed adds nothing. Claims of one
        text from several articles of the feed are joined into one cluster.

        A claim registered before (same text, same article) gets the reviews it does not
        carry yet (an audit event ``fact-check``; counted in ``reviewed``) and, if it has
        no verdict, their status; a reviewer's verdict is never overwritten.

        All-or-nothing: a malformed feed raises InputError (file, JSON path, field) and
        nothing is written. Unknown labels, unrated reviews and a review disagreeing with
        a registered verdict are reported in ``notes``.
        """
        feed = claimreview.read_feeds(inputs, labels=labels)
        notes = list(feed.notes)
        with self.store.transaction():
            claims = [claim_record(item.claim) for item in feed.items]
            twins = self.store.same_text_ids(claims)
            report = self._register_all(
                (
                    (record, {"file": item.file, "item": item.path})
                    for item, record in zip(feed.items, claims, strict=True)
                ),
                match=match,
                action="import",
            )
            registered = self.store.get_claims(t for t in twins if t is not None)
            reviewed = sum(
                self._add_reviews(item, registered[twin], notes)
                for item, twin in zip(feed.items, twins, strict=True)
                if twin is not None
            )
            linked = self._join_same_text(claims, notes)
        return attrs.evolve(
            report, linked=report.linked + linked, reviewed=reviewed, notes=(*notes, *report.notes)
        )

    def _add_reviews(self, item: claimreview.FeedItem, kept: Claim, notes: list[str]) -> bool:
        """
        Give ``kept``, registered before this import, the reviews ``item`` brings that it
        does not carry yet, with their URLs as evidence; True if there were any.

        A claim without a verdict takes the reviews' status. A reviewer's verdict is kept
        as it is, and a review that says otherwise is reported in ``notes``.
        """
        given = item.claim
        added = tuple(fc for fc in given.fact_checks if fc not in kept.fact_checks)
        if not added:
            return False
        status = kept.status
        if given.status.is_verdict and given.status != kept.status:
            if kept.status.is_verdict:
                notes.append(
                    f"{item.file}: {item.path}: {kept.id} keeps its verdict "
                    f"{kept.status.value}; the review added to it says "
                    f"{given.status.value}"
                )
            else:
                status = given.status
        evidence = tuple(u for u in given.evidence if u not in kept.evidence)
        changed = attrs.evolve(
            kept,
            fact_checks=kept.fact_checks + added,
            status=status,
            evidence=kept.evidence + evidence,
            updated_at=utcnow(),
            version=kept.version + 1,
        )
        self.store.update_claim(changed, kept.version)
        after: dict[str, Any] = {"fact_checks": converter.unstructure(added)}
        before: dict[str, Any] | None = None
        if evidence:
            after["evidence"] = list(evidence)
        if status != kept.status:
            before, after["status"] = {"status": kept.status.value}, status.value
        after.update(file=item.file, item=item.path)
        self.store.append_events(
            [
                Event(
                    claim_id=kept.id,
                    action="fact-check",
                    actor=self.actor,
                    at=changed.updated_at,
                    version=changed.version,
                    before=before,
                    after=after,
                )
            ]
        )
        return True

    def _join_same_text(self, claims: Sequence[ClaimRecord], notes: list[str]) -> int:
        """
        Join the registered claims of one text (from several articles) into one cluster.
        """
        ids: dict[str, list[str]] = {}
        for claim, found in zip(claims, self.store.same_text_ids(claims), strict=True):
            if found is not None and found not in ids.get(claim.text, []):
                ids.setdefault(claim.text, []).append(found)
        joined = 0
        now = utcnow()
        for group in ids.values():
            for other in group[1:]:
                pair = self.store.get_claims([group[0], other])
                if pair[group[0]].cluster != pair[other].cluster:
                    try:
                        self._join(other, group[0], origin="import", score=None, at=now)
                        joined += 1
                    except JudgementConflictError as exc:
                        notes.append(f"not joined as the feed says: {exc}")
        return joined

    def export_claimreview(
        self,
        org: claimreview.Organization | None = None,
        *,
        stream: IO[str] | None = None,
        directory: str | os.PathLike[str] | None = None,
    ) -> int:
        """
        Write the registry's ClaimReviews to ``stream`` (a JSON array) or ``directory``
        (one file each); return how many.

        One review authored by ``org`` per cluster with a verdict of its own, and every
        imported fact check as published (see :func:`claimreview.build_reviews`).
        """
        if (stream is None) == (directory is None):
            raise TypeError("give a stream or a directory")
        reviews = claimreview.build_reviews(self.store.iter_claims(), org=org)
        if directory is not None:
            return len(claimreview.write_review_dir(reviews, directory))
        assert stream is not None
        return claimreview.write_reviews(reviews, stream)


def _add(a: ImportReport, b: ImportReport) -> ImportReport:
    return ImportReport(
        added=a.added + b.added,
        present=a.present + b.present,
        linked=a.linked + b.linked,
        suggested=a.suggested + b.suggested,
        notes=a.notes + b.notes,
        reviewed=a.reviewed + b.reviewed,
    )


def _creation(claim: ClaimRecord, detail: dict[str, Any]) -> dict[str, Any]:
    # The text is on the claim and never changes: logging it again doubled what an import
    # writes. The log says where the claim came from and the status it arrived with.
    after: dict[str, Any] = {"status": claim.status}
    if claim.source is not None and claim.source.url:
        after["source"] = claim.source.url
    for key, value in detail.items():
        if value is not None:
            after[key] = value
    return after


def _printable(name: str) -> str:
    """
    A file name as text: bytes that are not UTF-8 (a CP1256 name) shown as ``\\xe1``.

    The name goes into the audit log, which holds only valid Unicode.
    """
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _input_error(exc: ValidationError, detail: dict[str, Any]) -> InputError:
    # A JSON Lines row is located by line; an item of a JSON document by its JSON path.
    field = f"{detail['item']}: {exc.field}" if "item" in detail else exc.field
    return InputError(exc.problem, file=detail.get("file"), line=detail.get("line"), field=field)


__all__ = [
    "DEFAULT_DB",
    "AddResult",
    "ImportReport",
    "IngestReport",
    "JudgeResult",
    "Registry",
    "open",
]
