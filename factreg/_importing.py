"""
The registration pipeline behind Registry's add, import and ingest verbs (private).

:class:`Importer` checks each claim's source against the registered article, inserts the
claims not registered yet with their creation events (in batches on a bulk import), and
hands each new claim to :class:`Matcher`, which matches it (``matching.select``) and joins
the cluster of an automatic "same" match or queues the pair for a reviewer. Everything
here writes inside the transaction its caller opened.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import itertools
import os
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

import attrs

from factreg import matching, workflow
from factreg._files import CONTRADICTIONS_FILE
from factreg.clusters import ClusterWriter
from factreg.convert import Input, converter, open_inputs, parse_json
from factreg.errors import InputError, JudgementConflictError, ValidationError
from factreg.lang import detect_lang
from factreg.model import (
    ID_LENGTH,
    MAX_ID_LENGTH,
    Claim,
    Event,
    Judgement,
    Match,
    Relation,
    Source,
    claim_id_for,
    utcnow,
)
from factreg.results import AddResult, ImportReport, IngestReport
from factreg.store import Store
from factreg.store.records import ClaimRecord, claim_record, read_records

if TYPE_CHECKING:
    from factreg.extract import ExtractedClaim
    from factreg.semantic._layer import SemanticLayer

#: Claims written per statement batch on a bulk import without matching.
BATCH = 2_000
#: An import reports progress each time it has read this many more bytes.
PROGRESS_BYTES = 1 << 20

#: A claim to register with where it came from, for its creation event and errors
#: (``file``, ``line`` or ``item``, …).
Row = tuple[ClaimRecord, dict[str, Any]]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def collector_paused(method: Callable[_P, _R]) -> Callable[_P, _R]:
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


def as_inputs(inputs: Input | Sequence[Input] | IO[bytes] | IO[str]) -> list[Input]:
    """
    What an import reads, as a list of inputs: a path (file or directory), a
    ``(name, stream)`` pair, a binary or text stream, or a sequence of these.

    A text stream is read through its byte buffer when it has one (standard input),
    else encoded as UTF-8.
    """
    if isinstance(inputs, (str, os.PathLike)):
        return [inputs]
    if _is_stream(inputs):
        stream = cast("IO[Any]", inputs)
        name = getattr(stream, "name", None)
        return [(name if isinstance(name, str) else "<stream>", _binary(stream))]
    items = cast("Sequence[Any]", inputs)
    if (
        isinstance(items, tuple)
        and len(items) == 2
        and isinstance(items[0], str)
        and _is_stream(items[1])
    ):  # one (name, stream) pair, not two paths
        return [(items[0], _binary(items[1]))]
    return [(i[0], _binary(i[1])) if isinstance(i, tuple) else i for i in items]


def _is_stream(value: object) -> bool:
    return hasattr(value, "read") and not isinstance(value, (str, os.PathLike))


def _binary(stream: IO[Any]) -> IO[bytes]:
    if not isinstance(stream.read(0), str):
        return cast("IO[bytes]", stream)
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return cast("IO[bytes]", buffer)
    return io.BytesIO(stream.read().encode("utf-8", "surrogateescape"))


class Importer:
    """
    Registers claims in a store: source checks, ids, creation events, then matching.
    """

    def __init__(self, store: Store, actor: str, matcher: Matcher) -> None:
        self.store = store
        self.actor = actor
        self.matcher = matcher

    def register_one(
        self, claim: ClaimRecord, detail: dict[str, Any], *, action: str, match: bool = True
    ) -> AddResult:
        """
        Register one claim (its source checked) and act on its matches.
        """
        claim = self.checked(claim, detail)
        [(claim_id, existing)] = self.insert_new([(claim, detail, match)], action)
        stored = self.store.get_claims([claim_id])[claim_id]
        if existing or not match:
            return AddResult(claim=stored, existing=existing)
        return self.matcher.act_on(stored)

    def register_all(
        self,
        rows: Iterable[Row],
        *,
        match: bool,
        action: str,
        restored: dict[str, str] | None = None,
    ) -> ImportReport:
        """
        Register ``rows``: in batches, or one by one when matching.

        Rows carrying a cluster (an export) are restored into it at the end, unless
        ``restored`` is given: then they are collected there for the caller to restore.
        """
        added = present = linked = suggested = 0
        keep = restored if restored is not None else {}
        batch: list[tuple[ClaimRecord, dict[str, Any], bool]] = []

        def flush() -> None:
            nonlocal added, present
            outcome = self.insert_new(self.checked_all(batch), action)
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
                result = self.register_one(claim, detail, action=action)
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
        notes = self.matcher.clusters.restore(keep) if restored is None else []
        return ImportReport(
            added=added, present=present, linked=linked, suggested=suggested, notes=tuple(notes)
        )

    @collector_paused
    def import_jsonl(
        self,
        inputs: Sequence[Input],
        *,
        skip_invalid: bool,
        match: bool,
        progress: Callable[[int], None] | None,
        commit_every: int | None,
    ) -> ImportReport:
        """
        Import JSON Lines inputs (see :meth:`factreg.Registry.import_jsonl`).
        """
        if commit_every is not None and commit_every < 1:
            raise ValueError("commit_every must be at least 1")
        errors: list[InputError] = []
        rows = self._rows(inputs, skip_invalid, errors, progress)
        sidecars = _contradiction_files(inputs)
        if commit_every is None:
            with self.store.transaction():
                report = self.register_all(rows, match=match, action="import")
                notes = [self._restored(path) for path in sidecars]
            return attrs.evolve(report, notes=report.notes + tuple(notes), invalid=tuple(errors))
        restored: dict[str, str] = {}
        total = ImportReport()
        while True:
            taken = 0

            def counted() -> Iterator[Row]:
                # Streamed: a transaction of a hundred thousand claims is never a list.
                nonlocal taken
                for row in itertools.islice(rows, commit_every):
                    taken += 1
                    yield row

            with self.store.transaction():
                total += self.register_all(
                    counted(), match=match, action="import", restored=restored
                )
            if taken < commit_every:
                break
        # Clusters are restored last, once every member is in: a cluster's first claim
        # may come in a later transaction than the others.
        with self.store.transaction():
            notes = self.matcher.clusters.restore(restored)
            notes += [self._restored(path) for path in sidecars]
        return attrs.evolve(total, notes=total.notes + tuple(notes), invalid=tuple(errors))

    def restore_contradictions(self, path: Path) -> int:
        """
        Record the contradictions a directory export listed (:data:`CONTRADICTIONS_FILE`)
        that are not the latest judgement of their pair already; return how many.

        Raises:
            InputError: the file is not a JSON array of judgements of registered claims.
        """
        name = _printable(str(path))
        try:
            items = parse_json(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(str(exc), file=name) from None
        if not isinstance(items, list):
            raise InputError("expected a JSON array of judgements", file=name)
        given: list[Judgement] = []
        for n, item in enumerate(items):
            try:
                given.append(converter.structure(item, Judgement))
            except Exception as exc:  # cattrs wraps each problem its own way
                raise InputError(f"not a judgement: {exc}", file=name, field=f"[{n}]") from None
        ids = {i for j in given for i in (j.a, j.b)}
        missing = sorted(ids - self.store.existing_ids(ids))
        if missing:
            raise InputError(
                f"judges claims not in the registry: {', '.join(missing[:5])}", file=name
            )
        latest = workflow.latest_judgements(self.store.judgements_among(ids))
        added = [j for j in given if latest.get((j.a, j.b)) != j]
        now = utcnow()
        for j in added:
            self.store.add_judgement(j)
            restored = {"reviewer": j.reviewer, "file": name}
            self.store.append_events(
                [
                    attrs.evolve(e, actor=self.actor, at=now, after={**(e.after or {}), **restored})
                    for e in workflow.judgement_events(j, j.a, j.b)
                ]
            )
        return len(added)

    def _restored(self, path: Path) -> str:
        count = self.restore_contradictions(path)
        return f"{_printable(str(path))}: {count} confirmed contradictions restored"

    def _rows(
        self,
        inputs: Sequence[Input],
        skip_invalid: bool,
        errors: list[InputError],
        progress: Callable[[int], None] | None,
    ) -> Iterator[Row]:
        read = 0
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

    def ingest(
        self,
        article: str | bytes,
        source: Source,
        *,
        lang: str | None,
        encoding: str | None,
        name: str | None,
        dry_run: bool,
        min_checkworthiness: float | None,
    ) -> IngestReport:
        """
        Extract an article's claims and register them (see :meth:`factreg.Registry.ingest`).
        """
        from factreg import extract  # loaded only when an article is ingested

        if isinstance(article, bytes):
            try:
                article = extract.decode_article(article, encoding)
            except InputError as exc:
                raise InputError(exc.problem, file=name) from None
        if min_checkworthiness is None:
            min_checkworthiness = extract.MIN_CHECKWORTHINESS
        found = extract.extract_claims(
            article, publisher=source.publisher, lang=lang, min_checkworthiness=min_checkworthiness
        )
        source = self.resolved(source, {"file": name})
        results: list[tuple[ExtractedClaim, AddResult]] = []
        if dry_run:
            claims = [item.to_claim(source) for item in found]
            twins = self.store.same_text_ids([claim_record(c) for c in claims])
            for item, claim, twin in zip(found, claims, twins, strict=True):
                if twin is not None:
                    stored = self.store.get_claims([twin])[twin]
                    results.append((item, AddResult(claim=stored, existing=True)))
                else:
                    matches = tuple(self.matcher.matches_for(claim))
                    results.append((item, AddResult(claim=claim, matches=matches)))
            return IngestReport(source=source, claims=tuple(results), dry_run=True)
        with self.store.transaction():
            for item in found:
                detail = {
                    "file": name,
                    "offset": [item.start, item.end],
                    "checkworthiness": round(item.checkworthiness, 3),
                }
                record = claim_record(item.to_claim(source))
                results.append((item, self.register_one(record, detail, action="ingest")))
        return IngestReport(source=source, claims=tuple(results))

    # -- sources and ids --------------------------------------------------------------------

    def checked_all(
        self,
        rows: Sequence[tuple[ClaimRecord, dict[str, Any], bool]],
    ) -> list[tuple[ClaimRecord, dict[str, Any], bool]]:
        """
        :meth:`checked` for a batch, each article resolved once.
        """
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
                    claim = self.checked(claim, detail)
                    resolved[source.key] = (source, claim.source or source)
                elif seen[1] is not source:
                    claim = claim._replace(source=seen[1])
            out.append((claim, detail, matched))
        return out

    def checked(self, claim: ClaimRecord, detail: dict[str, Any]) -> ClaimRecord:
        """
        ``claim`` with its source as registered (gaps filled); a contradiction is an error.
        """
        if claim.source is None:
            return claim
        source = self.resolved(claim.source, detail)
        return claim if source == claim.source else claim._replace(source=source)

    def resolved(self, source: Source, detail: dict[str, Any]) -> Source:
        """
        ``source`` as registered; a contradiction is an InputError located by ``detail``.
        """
        try:
            return self.store.resolve_source(source)
        except ValidationError as exc:
            raise _input_error(exc, detail) from None

    def insert_new(
        self,
        rows: Sequence[tuple[ClaimRecord, dict[str, Any], bool]],
        action: str,
    ) -> list[tuple[str, bool]]:
        """
        Insert the (source-checked) claims not registered yet, with their creation events.

        Returns, per row, the id the claim is registered under and whether it already was
        (same id, or same text from the same source). An id factreg derived is lengthened
        when another claim holds it; an id the input gave is never changed. The flag in
        each row says whether the claim counts as matched (False: it waits for the
        deferred matching pass).
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
                    claim = claim._replace(id=self.free_id(claim, texts))
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
                if self.matcher.semantic is not None:  # vectors in the claims' transaction
                    self.matcher.semantic.write(claims_)
        if events:
            self.store.append_events(events)
        return outcome

    def free_id(self, claim: ClaimRecord, taken: dict[str, str]) -> str:
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


class Matcher:
    """
    Acts on a registered claim's matches: joins automatic "same" matches, queues the rest.
    """

    def __init__(
        self,
        store: Store,
        clusters: ClusterWriter,
        semantic: SemanticLayer | Callable[[], SemanticLayer | None] | None = None,
    ) -> None:
        self.store = store
        self.clusters = clusters
        # A layer, or what builds it on first use (numpy and the encoder load then).
        self._semantic = semantic
        #: Term statistics for matching: the store's, or a batch's memory of them.
        self.frequencies: matching.Frequencies = store.document_frequencies

    @property
    def semantic(self) -> SemanticLayer | None:
        """
        The semantic extra's layer (re-ranking, the cross-language pass), or None.
        """
        if callable(self._semantic):
            self._semantic = self._semantic()
        return self._semantic

    @semantic.setter
    def semantic(self, layer: SemanticLayer | None) -> None:
        self._semantic = layer

    def search(
        self,
        text: str,
        *,
        limit: int,
        lang: str | None,
        exclude: Iterable[str],
        semantic: SemanticLayer | None = None,
    ) -> list[Match]:
        """
        The registered claims most like ``text`` (see :meth:`factreg.Registry.match`).

        With a ``semantic`` layer, the lexical matches are re-ranked by fusion with the
        embedding similarity, and claims in other languages found by embedding follow
        them (unless ``lang`` asks for one language).
        """
        skip = set(exclude)
        candidates = [
            c
            for c in self.store.candidates(matching.query_terms(text), matching.CANDIDATE_LIMIT)
            if c.claim_id not in skip and (lang is None or c.lang == lang)
        ]
        if semantic is None:
            return matching.rank(text, candidates, limit=limit)
        ranked = semantic.rerank(text, matching.rank(text, candidates, limit=len(candidates)))
        found = ranked[:limit]
        if lang is None:  # then claims in other languages follow, found by embedding
            shown = {m.claim_id for m in found} | skip
            found += semantic.across(text, detect_lang(text), keep=lambda c: c.id not in shown)
        return found

    def matches_for(self, claim: Claim, *, earlier_only: bool = False) -> list[Match]:
        """
        Matches worth acting on (:func:`matching.select`): other articles, other clusters,
        pairs not yet decided.

        With ``earlier_only`` (the deferred pass), claims still waiting for that pass are
        left out: each will meet this one on its own turn, as in a live import.
        """
        return self.considered(claim, earlier_only=earlier_only)[0]

    def considered(
        self, claim: Claim, *, earlier_only: bool = False, done: Container[str] = ()
    ) -> tuple[list[Match], list[str]]:
        """
        :meth:`matches_for`, and the ids of the candidates its result depends on by their
        cluster: those ranked (:func:`matching.select`), or with the semantic extra every
        candidate the index proposed.

        ``done`` names claims still waiting for the deferred pass in the store that count
        as matched already (a worker of a parallel pass, ahead of the writer).
        """
        candidates = self.store.candidates(
            matching.query_terms(claim.text), matching.CANDIDATE_LIMIT
        )
        ids = [c.claim_id for c in candidates]
        if not candidates and self.semantic is None:
            return [], ids
        skip = matching.decided(
            claim.id, self.store.suggestions(claim.id), self.store.judgements_of(claim.id)
        )
        if earlier_only:
            skip |= {i for i in self.store.unmatched_among(ids) if i not in done}
        if self.semantic is None:
            ranked: list[str] = []
            found = matching.select(
                claim, candidates, skip=skip, frequencies=self.frequencies, ranked=ranked
            )
            return found, ranked
        from factreg.semantic.matching import semantic_select

        found = semantic_select(self.semantic, claim, candidates, skip, earlier_only=earlier_only)
        return found, ids

    def act_on(self, claim: Claim, *, earlier_only: bool = False) -> AddResult:
        """
        Match a registered claim, and link or queue what it matches.
        """
        matches = self.matches_for(claim, earlier_only=earlier_only)
        linked: list[str] = []
        suggested: list[str] = []
        for found in matches:
            (linked if self.link_or_suggest(claim, found) else suggested).append(found.claim_id)
        stored = self.store.get_claims([claim.id])[claim.id]
        return AddResult(
            claim=stored, matches=tuple(matches), linked=tuple(linked), suggested=tuple(suggested)
        )

    def link_or_suggest(self, claim: Claim, found: Match) -> bool:
        """
        Join ``claim`` to an automatic "same" match, or queue the pair; True when joined.
        """
        now = utcnow()
        refusal = matching.autolink_refusal(claim.text, found)
        if refusal is None:
            try:
                self.clusters.join(
                    claim.id, found.claim_id, origin="auto", score=found.score, at=now
                )
                return True
            except JudgementConflictError as exc:
                reasons = (*found.reasons, f"not joined automatically: {exc}")
                found = attrs.evolve(found, relation=Relation.RELATED, reasons=reasons)
        self.store.add_suggestion(matching.queued_pair(claim, found, refusal=refusal, at=now))
        return False

    def match_pending(
        self, *, batch: int, progress: Callable[[int], None] | None = None, jobs: int = 1
    ) -> ImportReport:
        """
        The deferred matching pass (see :meth:`factreg.Registry.match_pending`).
        """
        if jobs > 1 and self.semantic is None:
            from factreg._crossmatch import match_in_parallel

            return match_in_parallel(self, batch=batch, progress=progress, jobs=jobs)
        total = ImportReport()
        while ids := self.store.unmatched(batch):
            total += attrs.evolve(self._match_batch(ids), added=len(ids))
            if progress:
                progress(len(ids))
        return total

    @collector_paused
    def _match_batch(self, ids: Sequence[str]) -> ImportReport:
        # One transaction; the collector is paused per batch, not for a pass of an hour.
        linked = suggested = 0
        with self.store.transaction(), self.batch_frequencies():
            for claim_id in ids:
                claim = self.store.get_claims([claim_id])[claim_id]
                result = self.act_on(claim, earlier_only=True)
                self.store.mark_matched([claim_id])
                linked += len(result.linked)
                suggested += len(result.suggested)
        return ImportReport(linked=linked, suggested=suggested)

    @contextlib.contextmanager
    def batch_frequencies(self) -> Iterator[None]:
        """
        Term statistics read once per term for a batch of the deferred pass, which adds
        no claims: within its transaction (the write lock held) they cannot change.
        """
        memory = BatchFrequencies(self.store)
        self.frequencies = memory
        try:
            yield
        finally:
            self.frequencies = self.store.document_frequencies


class BatchFrequencies:
    """
    :meth:`Store.document_frequencies` remembered: each term is read once.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.total: int | None = None
        self.counts: dict[str, int] = {}

    def __call__(self, terms: set[str]) -> tuple[int, Mapping[str, int]]:
        missing = [t for t in terms if t not in self.counts]
        if missing or self.total is None:
            self.total, found = self.store.document_frequencies(missing)
            self.counts.update((t, found.get(t, 0)) for t in missing)
        return self.total, self.counts


def _contradiction_files(inputs: Sequence[Input]) -> list[Path]:
    """
    The contradiction files of the directories among ``inputs`` (directory exports).
    """
    found = []
    for item in inputs:
        if not isinstance(item, tuple) and Path(item).is_dir():
            path = Path(item) / CONTRADICTIONS_FILE
            if path.is_file():
                found.append(path)
    return found


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
