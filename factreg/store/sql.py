"""
The SQL both backends share: tables, rows <-> model, and every query that is the same
in SQLite and PostgreSQL. A backend supplies the connection, placeholders, transactions,
migrations and its candidate index.

Statements are written with ``?`` placeholders; a backend that uses another style
rewrites them in :meth:`SQLStore._sql`.
"""

from __future__ import annotations

import abc
import functools
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from factreg.convert import converter
from factreg.errors import ClaimNotFoundError, StaleVersionError, ValidationError
from factreg.matching import Candidate
from factreg.model import (
    Claim,
    Event,
    FactCheck,
    Judgement,
    Relation,
    Source,
    Status,
    Suggestion,
    Verdict,
)
from factreg.store import OpenCluster, Store
from factreg.store.records import ClaimRecord, fact_checks_text, json_text

#: bm25 parameters, FTS5's defaults: both candidate indexes rank as FTS5 does.
BM25_K1 = 1.2
BM25_B = 0.75

#: Bind at most this many values in one IN (…) list.
CHUNK = 500
#: Sources kept in memory by key; beyond this the cache starts over.
SOURCE_CACHE = 50_000

CLAIM_COLUMNS = (
    "c.id, c.text, c.lang, c.claimant, c.attribution, c.status, c.confidence, c.note, "
    "c.evidence, c.tags, c.created_at, c.updated_at, c.version, c.cluster, "
    "s.url, s.publisher, s.title, s.published, s.language, c.fact_checks"
)
CLAIM_FROM = "claims c LEFT JOIN sources s ON s.id = c.source_id"
OPEN_STATUSES = tuple(s.value for s in Status if not s.is_verdict)

# Actions that create a claim; every claim has exactly one, and ``check`` verifies it.
CREATE_ACTIONS = ("add", "import", "ingest")


def bm25_idf(total: int, holding: int) -> float:
    """
    FTS5's bm25 inverse document frequency, floored as FTS5 floors it (a term held by
    more than half of the ``total`` claims).
    """
    idf = math.log((total - holding + 0.5) / (holding + 0.5))
    return idf if idf > 0.0 else 1e-6


def _in_clusters(roots: str, columns: str, source: str = "claims c") -> str:
    """
    A query of ``columns`` for every claim in the clusters whose roots are ``roots``
    (``= ?`` or ``IN (…)``, whose parameters are bound twice), ``c`` the claims.

    A root is a claim of its own cluster (``cluster = id``), found by its id; the other
    members are all that the index ``claims_cluster`` holds (``WHERE cluster <> id``: most
    clusters are one claim, which then costs no entry). ``cluster = ?`` alone would not
    use that index, so each half says which claims it is after.
    """
    return (
        f"SELECT {columns} FROM {source} WHERE c.id {roots} AND c.cluster = c.id "
        f"UNION ALL SELECT {columns} FROM {source} WHERE c.cluster {roots} "
        "AND c.cluster <> c.id"
    )


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _time(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _published(value: Any) -> date | datetime | None:
    if value is None or isinstance(value, (date, datetime)):
        return value
    return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


@functools.lru_cache(maxsize=4096)
def _source(
    url: str | None, publisher: str | None, title: str | None, published: Any, language: str | None
) -> Source:
    # Cached: a Source is immutable, and the claims read for matching share few articles.
    return Source(
        url=url,
        publisher=publisher,
        title=title,
        published=_published(published),
        language=language,
    )


def claim_from_row(row: Sequence[Any]) -> Claim:
    """
    Build a Claim from a row of :data:`CLAIM_COLUMNS`.
    """
    source = None
    if row[14] is not None or row[15] is not None:
        source = _source(*row[14:19])
    return Claim(
        id=row[0],
        text=row[1],
        lang=row[2],
        source=source,
        claimant=row[3],
        attribution=tuple(_loads(row[4])),
        status=Status(row[5]),
        confidence=row[6],
        note=row[7],
        evidence=tuple(_loads(row[8])),
        tags=tuple(_loads(row[9])),
        created_at=_time(row[10]),
        updated_at=_time(row[11]),
        version=row[12],
        cluster=row[13],
        fact_checks=_fact_checks(row[19]),
    )


def candidate_from_row(row: Sequence[Any], terms: str, score: float) -> Candidate:
    """
    A :class:`Candidate` from a row of :data:`CLAIM_COLUMNS`, its Claim built on first use.
    """
    source = None
    if row[14] is not None or row[15] is not None:
        source = _source(*row[14:19])
    return Candidate.deferred(
        functools.partial(claim_from_row, row),
        claim_id=row[0],
        text=row[1],
        cluster=row[13],
        lang=row[2],
        source=source,
        terms=terms,
        index_score=score,
    )


def _fact_checks(value: Any) -> tuple[FactCheck, ...]:
    items = _loads(value)
    return tuple(converter.structure(item, FactCheck) for item in items) if items else ()


class SQLStore(Store):
    """
    The dialect-neutral part of a SQL store.
    """

    #: The audit log: how an event is written (the claim's id, then the event's fields),
    #: which events are one claim's (given its id), and the events column and claims
    #: column the log is grouped by per claim. A backend may index the log otherwise.
    _EVENT_INSERT = (
        "INSERT INTO events (claim_id, at, actor, action, version, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"
    )
    _EVENTS_OF_CLAIM = "claim_id = ?"
    _EVENT_CLAIM_KEY = ("claim_id", "id")

    def __init__(self) -> None:
        # Registered sources by key, and sources first seen in this transaction that
        # insert_claims has not written yet (resolve_source compares against both).
        self._sources: dict[str, tuple[int, Source]] = {}
        self._unwritten: dict[str, Source] = {}
        self._depth = 0  # how deeply transaction() is nested; 0 outside one

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        handle = self._begin_write()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._rollback(handle)
            raise
        self._depth = 0
        self._commit(handle)

    @abc.abstractmethod
    def _begin_write(self) -> Any:
        """
        Open the outermost write transaction (taking the write lock); a handle for it.
        """

    @abc.abstractmethod
    def _rollback(self, handle: Any) -> None:
        """
        Undo the transaction ``handle`` opened and forget what was cached during it.
        """

    @abc.abstractmethod
    def _commit(self, handle: Any) -> None:
        """
        Commit the transaction ``handle`` opened; on failure roll back and raise StoreError.
        """

    # -- what a backend supplies ---------------------------------------------------------

    @abc.abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """
        Run one statement; the number of rows it changed.
        """

    @abc.abstractmethod
    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """
        Run one statement for many parameter rows.
        """

    @abc.abstractmethod
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """
        Run a query and fetch every row.
        """

    @abc.abstractmethod
    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """
        Run a query and yield rows without holding them all.
        """

    def _time_param(self, value: datetime) -> Any:
        """
        How a timestamp is bound; ISO 8601 text unless the backend has a better type.
        """
        return value.isoformat()

    def _forget_cache(self) -> None:
        """
        Drop what was cached from the database (called when a transaction rolls back).
        """
        self._sources.clear()
        self._unwritten.clear()

    @contextmanager
    def _indexing(self, terms: Sequence[str]) -> Iterator[None]:
        """
        Wraps the insert of new claims whose index terms are ``terms``.

        A backend whose candidate index is not kept by the database itself brings it in
        step here, in the same transaction (SQLite does: a trigger costs too much).
        """
        yield

    # -- claims ---------------------------------------------------------------------------

    def _load_sources(self, keys: Iterable[str]) -> list[str]:
        """
        Read into the cache the registered sources of ``keys`` not cached yet.

        Returns the keys that were not cached (found now or not registered at all).
        """
        keys = list(keys)
        unknown = [key for key in keys if key not in self._sources]
        if len(self._sources) + len(unknown) > SOURCE_CACHE:
            # A bulk import meets each article a few times, close together: a bounded
            # cache keeps memory flat over millions of claims at the cost of a re-read.
            # Every key asked for is read again then, the cached ones too: a caller
            # trusts the cache to hold each of them afterwards (or to have none).
            self._sources.clear()
            unknown = list(dict.fromkeys(keys))
        for chunk in _chunks(unknown):
            for sid, key, *fields in self._query(
                f"SELECT id, key, url, publisher, title, published, language FROM sources "
                f"WHERE key IN ({_marks(len(chunk))})",
                chunk,
            ):
                self._sources[key] = (sid, _source(*fields))
        return unknown

    def _source_ids(self, sources: Iterable[Source]) -> dict[str, tuple[int, Source]]:
        """
        Id and registered value of each of ``sources`` by key, inserting the new ones.
        """
        wanted = {s.key: s for s in sources}
        # Those resolve_source found unregistered in this transaction need no second look.
        self._load_sources(key for key in wanted if key not in self._unwritten)
        missing = {
            key: self._unwritten.pop(key, source)
            for key, source in wanted.items()
            if key not in self._sources
        }
        rows = [
            (
                s.key,
                s.url,
                s.publisher,
                s.title,
                s.published.isoformat() if s.published else None,
                s.language,
            )
            for s in missing.values()
        ]
        for chunk in _chunks(rows):
            # One statement per chunk that hands the new ids back: reading them again by
            # key cost an index search per article.
            for sid, key in self._query(
                "INSERT INTO sources (key, url, publisher, title, published, language) "
                f"VALUES {', '.join(['(?, ?, ?, ?, ?, ?)'] * len(chunk))} RETURNING id, key",
                [value for row in chunk for value in row],
            ):
                self._sources[key] = (sid, missing[key])
        return {key: self._sources[key] for key in wanted}

    def prefetch_sources(self, sources: Iterable[Source]) -> None:
        # One query for a batch's articles instead of one per article in resolve_source.
        wanted: dict[str, Source] = {}
        for source in sources:  # the first value of an article wins, as line by line
            wanted.setdefault(source.key, source)
        unknown = self._load_sources(k for k in wanted if k not in self._unwritten)
        for key in unknown:
            if key not in self._sources:
                self._unwritten[key] = wanted[key]

    def resolve_source(self, source: Source) -> Source:
        key = source.key
        if key not in self._unwritten:
            self._load_sources([key])
        known = self._sources.get(key)
        stored = known[1] if known else self._unwritten.get(key)
        if stored is None:
            # New: written by insert_claims with the claims that cite it (one statement
            # per batch, not one per article).
            self._unwritten[key] = source
            return source
        if stored is source:
            return source
        # Same key: the URLs are the same article (canonical_url), however spelled; the
        # one registered first is kept for display.
        for field in ("publisher", "title", "published", "language"):
            mine, theirs = getattr(source, field), getattr(stored, field)
            if mine is not None and theirs is not None and mine != theirs:
                raise ValidationError(
                    f"source.{field}",
                    f"{mine!r} differs from {theirs!r} registered for this article",
                )
        return stored

    def insert_claims(self, claims: Sequence[ClaimRecord], *, matched: bool = True) -> None:
        sources = self._source_ids(c.source for c in claims if c.source is not None)
        flag = int(matched)
        rows = [
            (
                *c[:3],
                sources[c.source.key][0] if c.source else None,
                *c[4:15],
                c.cluster or c.id,
                c.terms,
                c.fingerprint,
                flag,
            )
            for c in claims
        ]
        with self._indexing([c.terms for c in claims]):
            self._executemany(
                "INSERT INTO claims (id, text, lang, source_id, claimant, attribution, status, "
                "confidence, note, evidence, tags, fact_checks, created_at, updated_at, "
                "version, cluster, terms, fingerprint, matched) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        # What is left was resolved for claims that were not inserted (already registered):
        # forget it rather than trust it in a later transaction.
        self._unwritten.clear()

    def unmatched(self, limit: int) -> list[str]:
        return [
            r[0]
            for r in self._query(
                "SELECT id FROM claims WHERE matched = 0 ORDER BY n LIMIT ?", (limit,)
            )
        ]

    def unmatched_among(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids)):
            found.update(
                r[0]
                for r in self._query(
                    f"SELECT id FROM claims WHERE matched = 0 AND id IN ({_marks(len(chunk))})",
                    chunk,
                )
            )
        return found

    def mark_matched(self, ids: Iterable[str]) -> None:
        for chunk in _chunks(list(ids)):
            self._execute(
                f"UPDATE claims SET matched = 1 WHERE id IN ({_marks(len(chunk))})", chunk
            )

    def get_claims(self, ids: Iterable[str]) -> dict[str, Claim]:
        found: dict[str, Claim] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            for row in self._query(
                f"SELECT {CLAIM_COLUMNS} FROM {CLAIM_FROM} WHERE c.id IN ({_marks(len(chunk))})",
                chunk,
            ):
                found[row[0]] = claim_from_row(row)
        return found

    def ids_with_prefix(self, prefix: str, limit: int) -> list[str]:
        # A range scan on the unique index; LIKE would need a case-sensitive collation.
        upper = prefix + "\U0010ffff"
        return [
            r[0]
            for r in self._query(
                "SELECT id FROM claims WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
                (prefix, upper, limit),
            )
        ]

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids)):
            found.update(
                r[0]
                for r in self._query(
                    f"SELECT id FROM claims WHERE id IN ({_marks(len(chunk))})", chunk
                )
            )
        return found

    def same_text_ids(self, claims: Sequence[ClaimRecord]) -> list[str | None]:
        hits: dict[int, list[tuple[str, str, str | None]]] = {}
        for chunk in _chunks(list({c.fingerprint for c in claims})):
            for fp, cid, text, key in self._query(
                f"SELECT c.fingerprint, c.id, c.text, s.key FROM claims c LEFT JOIN sources s "
                f"ON s.id = c.source_id WHERE c.fingerprint IN ({_marks(len(chunk))})",
                chunk,
            ):
                hits.setdefault(fp, []).append((cid, text, key))
        if not hits:  # the rule in a bulk import of new claims
            return [None] * len(claims)
        out: list[str | None] = []
        for claim in claims:
            key = claim.source.key if claim.source else None
            out.append(
                next(
                    (
                        cid
                        for cid, text, k in hits.get(claim.fingerprint, ())
                        if text == claim.text and k == key
                    ),
                    None,
                )
            )
        return out

    def update_claim(self, claim: Claim, expected_version: int) -> None:
        changed = self._execute(
            "UPDATE claims SET status = ?, confidence = ?, note = ?, evidence = ?, tags = ?, "
            "fact_checks = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?",
            (
                claim.status.value,
                claim.confidence,
                claim.note,
                json_text(claim.evidence),
                json_text(claim.tags),
                fact_checks_text(claim.fact_checks),
                self._time_param(claim.updated_at),
                claim.version,
                claim.id,
                expected_version,
            ),
        )
        if changed != 1:
            rows = self._query("SELECT version FROM claims WHERE id = ?", (claim.id,))
            if not rows:
                raise ClaimNotFoundError(f"no claim with id {claim.id!r}")
            raise StaleVersionError(claim.id, expected_version, rows[0][0])

    def set_cluster(self, ids: Iterable[str], root: str) -> None:
        for chunk in _chunks(list(ids)):
            self._execute(
                f"UPDATE claims SET cluster = ? WHERE id IN ({_marks(len(chunk))})", (root, *chunk)
            )

    def cluster_articles(self, roots: Iterable[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for chunk in _chunks(list(set(roots))):
            members = _in_clusters(f"IN ({_marks(len(chunk))})", "c.cluster, c.source_id")
            counts.update(
                self._query(
                    f"SELECT cluster, COUNT(DISTINCT source_id) FROM ({members}) m"
                    " GROUP BY cluster",
                    (*chunk, *chunk),
                )
            )
        return counts

    def cluster_members(self, root: str) -> list[Claim]:
        return [
            claim_from_row(r)
            for r in self._query(
                f"SELECT * FROM ({_in_clusters('= ?', CLAIM_COLUMNS, CLAIM_FROM)}) m "
                "ORDER BY m.created_at, m.id",
                (root, root),
            )
        ]

    def iter_claims(self) -> Iterator[Claim]:
        for row in self._stream(
            f"SELECT {CLAIM_COLUMNS} FROM {CLAIM_FROM} ORDER BY c.created_at, c.id"
        ):
            yield claim_from_row(row)

    # -- pairs ----------------------------------------------------------------------------

    def add_link(self, a: str, b: str, *, origin: str, score: float | None, at: datetime) -> None:
        a, b = sorted((a, b))
        self._execute(
            "INSERT INTO links (a, b, origin, score, created_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (a, b) DO NOTHING",
            (a, b, origin, score, self._time_param(at)),
        )

    def remove_link(self, a: str, b: str) -> bool:
        a, b = sorted((a, b))
        return self._execute("DELETE FROM links WHERE a = ? AND b = ?", (a, b)) > 0

    def links_among(self, ids: Iterable[str]) -> list[tuple[str, str, str]]:
        members = list(dict.fromkeys(ids))
        found: list[tuple[str, str, str]] = []
        for chunk in _chunks(members):
            found.extend(
                (a, b, origin)
                for a, b, origin in self._query(
                    f"SELECT a, b, origin FROM links WHERE a IN ({_marks(len(chunk))})", chunk
                )
            )
        wanted = set(members)
        return sorted(link for link in found if link[1] in wanted)

    def add_judgement(self, judgement: Judgement) -> None:
        self._execute(
            "INSERT INTO judgements (a, b, verdict, reviewer, at, note) VALUES (?, ?, ?, ?, ?, ?)",
            (
                judgement.a,
                judgement.b,
                judgement.verdict.value,
                judgement.reviewer,
                self._time_param(judgement.at),
                judgement.note,
            ),
        )

    def _judgements(self, where: str, params: Sequence[Any]) -> list[Judgement]:
        return [
            Judgement(a=a, b=b, verdict=Verdict(v), reviewer=r, at=_time(at), note=note)
            for a, b, v, r, at, note in self._query(
                f"SELECT a, b, verdict, reviewer, at, note FROM judgements WHERE {where} "
                "ORDER BY seq",
                params,
            )
        ]

    def judgements_among(self, ids: Iterable[str]) -> list[Judgement]:
        members = list(dict.fromkeys(ids))
        wanted = set(members)
        found: list[Judgement] = []
        for chunk in _chunks(members):
            found.extend(self._judgements(f"a IN ({_marks(len(chunk))})", chunk))
        return sorted((j for j in found if j.b in wanted), key=lambda j: j.at)

    def judgements_of(self, claim_id: str) -> list[Judgement]:
        return self._judgements("a = ? OR b = ?", (claim_id, claim_id))

    def judgements_with(self, verdict: Verdict) -> list[Judgement]:
        return self._judgements("verdict = ?", (verdict.value,))

    def add_suggestion(self, suggestion: Suggestion) -> None:
        self.remove_suggestion(suggestion.claim_id, suggestion.other_id)
        self._execute(
            "INSERT INTO suggestions (claim_id, other_id, score, relation, reasons, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                suggestion.claim_id,
                suggestion.other_id,
                suggestion.score,
                suggestion.relation.value,
                json_text(suggestion.reasons),
                self._time_param(suggestion.created_at),
            ),
        )

    def remove_suggestion(self, a: str, b: str) -> None:
        self._execute(
            "DELETE FROM suggestions WHERE (claim_id = ? AND other_id = ?) "
            "OR (claim_id = ? AND other_id = ?)",
            (a, b, b, a),
        )

    def suggestions(self, claim_id: str | None = None) -> list[Suggestion]:
        where, params = (
            ("", ())
            if claim_id is None
            else ("WHERE claim_id = ? OR other_id = ?", (claim_id, claim_id))
        )
        return [
            Suggestion(
                claim_id=a,
                other_id=b,
                score=score,
                relation=Relation(rel),
                reasons=tuple(_loads(reasons)),
                created_at=_time(at),
            )
            for a, b, score, rel, reasons, at in self._query(
                f"SELECT claim_id, other_id, score, relation, reasons, created_at "
                f"FROM suggestions {where} "
                "ORDER BY CASE relation WHEN 'conflict' THEN 0 ELSE 1 END, score DESC, "
                "created_at, claim_id, other_id",
                params,
            )
        ]

    # -- audit log ------------------------------------------------------------------------

    def append_events(self, events: Sequence[Event]) -> None:
        rows: list[tuple[Any, ...]] = []
        at: datetime | None = None
        when: Any = None
        for e in events:
            if e.at is not at:  # a batch's events share one moment: convert it once
                at, when = e.at, self._time_param(e.at)
            rows.append(
                (
                    e.claim_id,
                    when,
                    e.actor,
                    e.action,
                    e.version,
                    None if e.before is None else json_text(e.before),
                    None if e.after is None else json_text(e.after),
                )
            )
        self._executemany(self._EVENT_INSERT, rows)

    def events(self, claim_id: str | None = None, *, limit: int | None = None) -> list[Event]:
        params: list[Any] = [] if claim_id is None else [claim_id]
        where = "" if claim_id is None else f"WHERE {self._EVENTS_OF_CLAIM}"
        tail = ""
        if limit is not None:
            tail = "LIMIT ?"
            params.append(limit)
        rows = self._query(
            f"SELECT seq, claim_id, at, actor, action, version, before, after FROM events "
            f"{where} ORDER BY seq DESC {tail}",
            params,
        )
        return [
            Event(
                seq=seq,
                claim_id=cid,
                at=_time(at),
                actor=actor,
                action=action,
                version=version,
                before=_loads(before),
                after=_loads(after),
            )
            for seq, cid, at, actor, action, version, before, after in reversed(rows)
        ]

    # -- queue and figures ----------------------------------------------------------------

    def open_clusters(self, limit: int) -> list[OpenCluster]:
        # Grouping every claim by cluster costs seconds at a million claims, and most
        # clusters are one claim. So: aggregate only the clusters that have links, and
        # take lone claims straight from the index by time, the oldest open ones first
        # (one article each, or none without a source); then merge in queue order.
        verdicts = tuple(s.value for s in Status if s.is_verdict)
        opened = tuple(s.value for s in Status if not s.is_verdict)
        # (IN, not a join: with few links a planner may still walk every claim)
        linked = {
            r
            for (r,) in self._query(
                "SELECT DISTINCT cluster FROM claims WHERE id IN (SELECT a FROM links)"
            )
        }
        members = _in_clusters(
            "IN (SELECT cluster FROM claims WHERE id IN (SELECT a FROM links))",
            "c.cluster, c.source_id, c.created_at, c.status",
        )
        found = [
            OpenCluster(root=r, articles=a, size=n, first_seen=_time(t))
            for r, a, n, t in self._query(
                "SELECT cluster, COUNT(DISTINCT source_id), COUNT(*), MIN(created_at) "
                f"FROM ({members}) m GROUP BY cluster "
                f"HAVING SUM(CASE WHEN status IN ({_marks(len(verdicts))}) THEN 1 "
                "ELSE 0 END) = 0",
                verdicts,
            )
        ]
        for sourced in (True, False):
            for root, at in self._query(
                f"SELECT id, created_at FROM claims WHERE status IN ({_marks(len(opened))}) "
                f"AND cluster = id AND source_id IS {'NOT ' if sourced else ''}NULL "
                "ORDER BY created_at, id LIMIT ?",
                (*opened, limit + len(linked)),
            ):
                if root not in linked:
                    found.append(
                        OpenCluster(root=root, articles=int(sourced), size=1, first_seen=_time(at))
                    )
        found.sort(key=lambda c: (-c.articles, c.first_seen, c.root))
        return found[:limit]

    def stats(self) -> dict[str, Any]:
        one = self._query(
            "SELECT (SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM sources), "
            # Clusters counted by their roots: every claim less those that are not a root
            # (the few the cluster index holds), not by grouping every claim.
            "(SELECT COUNT(*) FROM claims) - (SELECT COUNT(*) FROM claims WHERE cluster <> id), "
            "(SELECT COUNT(*) FROM judgements), "
            "(SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM claims WHERE matched = 0)"
        )[0]
        return {
            "claims": one[0],
            "sources": one[1],
            "clusters": one[2],
            "judgements": one[3],
            "events": one[4],
            "unmatched": one[5],
            "status": dict(
                self._query("SELECT status, COUNT(*) FROM claims GROUP BY status ORDER BY status")
            ),
            "lang": dict(
                self._query(
                    "SELECT COALESCE(lang, '?'), COUNT(*) FROM claims GROUP BY 1 ORDER BY 1"
                )
            ),
            "suggestions": dict(
                self._query(
                    "SELECT relation, COUNT(*) FROM suggestions GROUP BY relation ORDER BY 1"
                )
            ),
        }

    # -- claim vectors (the optional semantic extra) --------------------------------------

    def vector_model(self) -> tuple[str | None, int]:
        model = self._query("SELECT value FROM meta WHERE key = 'semantic_model'")
        count = self._query("SELECT COUNT(*) FROM claim_vectors")[0][0]
        return (model[0][0] if model else None), int(count)

    def put_vectors(self, model: str, vectors: Sequence[tuple[str, bytes]]) -> None:
        if not vectors:
            return
        current, _ = self.vector_model()
        if current != model:
            self.clear_vectors()
            self._execute(
                "INSERT INTO meta (key, value) VALUES ('semantic_model', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (model,),
            )
        self._executemany(
            "INSERT INTO claim_vectors (n, vector) SELECT n, ? FROM claims WHERE id = ? "
            "ON CONFLICT (n) DO UPDATE SET vector = excluded.vector",
            [(vector, claim_id) for claim_id, vector in vectors],
        )

    def vectors_after(self, n: int, limit: int) -> list[tuple[int, str, str | None, bytes]]:
        return [
            (int(row[0]), row[1], row[2], bytes(row[3]))
            for row in self._query(
                "SELECT v.n, c.id, c.lang, v.vector FROM claim_vectors v "
                "JOIN claims c ON c.n = v.n WHERE v.n > ? ORDER BY v.n LIMIT ?",
                (n, limit),
            )
        ]

    def texts_after(self, n: int, limit: int) -> list[tuple[int, str, str]]:
        return [
            (int(row[0]), row[1], row[2])
            for row in self._query(
                "SELECT n, id, text FROM claims WHERE n > ? ORDER BY n LIMIT ?", (n, limit)
            )
        ]

    def clear_vectors(self) -> None:
        self._execute("DELETE FROM claim_vectors")
        self._execute("DELETE FROM meta WHERE key = 'semantic_model'")

    def _audit_problems(self) -> list[str]:
        """
        The audit log against the claims: one creation event each, versions accounted for.
        """
        # One pass over the log, grouped by claim (by the column the backend indexes it
        # by, and then each group's events must all name that claim), against one pass
        # over the claims (a join per claim took twice as long over a million of them).
        key, claim_key = self._EVENT_CLAIM_KEY
        rows = self._query(
            "SELECT c.id, c.version, e.creations, e.last, e.named, e.other FROM claims c "
            f"LEFT JOIN (SELECT {key} AS k, SUM(CASE WHEN action IN "
            f"({_marks(len(CREATE_ACTIONS))}) THEN 1 ELSE 0 END) AS creations, "
            "MAX(version) AS last, MIN(claim_id) AS named, MAX(claim_id) AS other "
            f"FROM events GROUP BY {key}) e ON e.k = c.{claim_key} "
            "WHERE e.k IS NULL OR e.creations != 1 OR e.last IS NULL "
            "OR e.last != c.version OR e.named != c.id OR e.other != c.id LIMIT 40",
            CREATE_ACTIONS,
        )
        problems = [
            f"claim {cid} has {n or 0} creation events in the audit log (expected 1)"
            for cid, _, n, _, _, _ in rows
            if n != 1
        ][:20]
        problems += [
            f"claim {cid} is at version {version} but its audit log ends at version {logged}"
            for cid, version, _, logged, _, _ in rows
            if logged != version
        ][:20]
        problems += [
            f"claim {cid}'s audit log holds events filed under claim {other}"
            for cid, _, _, _, named, last in rows
            if named is not None
            for other in dict.fromkeys((named, last))
            if other != cid
        ][:20]
        problems += [
            f"claim {cid} is in cluster {root}, which is not a cluster root"
            for cid, root in self._query(
                "SELECT c.id, c.cluster FROM claims c WHERE c.cluster <> c.id AND NOT EXISTS "
                "(SELECT 1 FROM claims r WHERE r.id = c.cluster AND r.cluster = r.id) LIMIT 20"
            )
        ]
        return problems

    # -- full copies (store/dump.py) ------------------------------------------------------

    def dump_rows(self) -> Iterator[tuple[str, dict[str, Any]]]:
        from factreg.store import dump

        return dump.dump_rows(self)

    def restore_rows(
        self,
        rows: Iterable[tuple[str, dict[str, Any]]],
        *,
        progress: Callable[[int], None] | None = None,
        replace: bool = False,
    ) -> dict[str, int]:
        from factreg.store import dump

        return dump.restore_rows(self, rows, progress=progress, replace=replace)

    @abc.abstractmethod
    def _wipe(self) -> None:
        """
        Delete every claim, source, link, judgement, suggestion and audit event, and the
        candidate index with them, inside the open transaction (a restore's --replace):
        the append-only guards are lifted for this transaction only.
        """

    @contextmanager
    def _read_snapshot(self) -> Iterator[None]:
        """
        Several reads that see one consistent state of the registry (no write lock).
        """
        yield

    def _restore_events(self, rows: Sequence[Sequence[Any]]) -> None:
        """
        Append audit events with the sequence numbers they had: ``(seq, claim id, at,
        actor, action, version, before, after)`` rows.
        """
        self._executemany(
            "INSERT INTO events (seq, claim_id, at, actor, action, version, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _after_restore(self) -> None:
        """
        Bring what the database numbers itself in step after a restore wrote given numbers.
        """
