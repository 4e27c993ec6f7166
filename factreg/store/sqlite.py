"""
The embedded store: one SQLite file, WAL mode, foreign keys, numbered migrations.

Every write is one ``BEGIN IMMEDIATE`` transaction: the write lock is taken up front, so
two writers queue (busy timeout plus retry) instead of failing half-way with "database is
locked". Creating and upgrading a registry is such a transaction too, so processes
opening one new registry at once queue the same way. A write waits its turn behind any
number of writers; it gives up only when one writer has held the lock for the ``wait``
limit without committing (:data:`factreg.store.DEFAULT_WAIT`). Readers never block in WAL
mode.

Candidates come from an FTS5 index over each claim's normalized terms, written by
:meth:`SQLiteStore.insert_claims` in the same transaction as the claims (one statement
per batch: an AFTER INSERT trigger made FTS5 flush its buffer for every row, which cost
more than the rest of an import together). Beside it the store keeps what bm25 needs
and FTS5 would recount on every query: each term's document frequency
(``claim_terms``) and the number of claims and tokens indexed (``meta``).

A query reads the posting lists of its rarest terms only, within a budget, scores them
by summed IDF in SQL, and ranks the best of those by bm25 over all its terms, exactly as
FTS5's ``bm25()`` would: in a registry small enough for every list to fit the budget,
the candidates are those of an OR of all the terms; in a million claims, a query costs
a few milliseconds instead of a few hundred.
"""

from __future__ import annotations

import itertools
import random
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from factreg.errors import SchemaVersionError, StoreError
from factreg.matching import Candidate
from factreg.normalize import NORMALIZATION_VERSION, index_text
from factreg.store import DEFAULT_WAIT, WaitHook
from factreg.store.sql import (
    BM25_B,
    BM25_K1,
    CHUNK,
    CLAIM_COLUMNS,
    CLAIM_FROM,
    SQLStore,
    _chunks,
    _marks,
    bm25_idf,
    candidate_from_row,
)

_T = TypeVar("_T")

#: Seconds SQLite's own busy handler waits for the write lock before this store looks
#: again whether another writer committed in the meantime (and so whether to wait on).
WAIT_SLICE = 0.25
#: The first look for the write lock: a wait shorter than this is not reported.
FIRST_LOOK = 0.05
#: Query terms whose document frequency exceeds this share of all claims are not looked
#: up: they select too much to rank well and cost the most to read (stopwords, "said").
MAX_TERM_SHARE = 0.05
#: Fewest query terms whose posting lists are read (when that many occur), whatever
#: they cost: a restatement with one word changed must still be found by the others.
MIN_QUERY_TERMS = 3
#: Posting-list entries a query may read beyond its first MIN_QUERY_TERMS terms (its
#: rarest): scoring costs about a microsecond per entry. A restatement shares most of
#: its rare terms with the claim it restates; the common ones add cost, not recall.
POSTINGS_BUDGET = 4_000
#: Postings the MIN_QUERY_TERMS rarest terms may cost together before fewer are read
#: (a query of common words only): bounds the worst case near 40 ms.
POSTINGS_CEILING = 40_000
#: Claims scored by summed IDF in SQL and then ranked by bm25, per candidate wanted.
POOL_FACTOR = 4
#: Distinct terms whose new document counts are held in memory before being written.
PENDING_TERMS = 200_000
#: Page cache per connection, KiB (SQLite's default is 2 MiB): a bulk import updates
#: indexes over a million rows at random places, and a miss costs a read and a spill.
CACHE_KIB = 65_536

# The FTS5 ``ascii`` tokenizer: ASCII letters and digits and every non-ASCII character
# make tokens; other ASCII characters separate them; A-Z fold to a-z.
_FTS_SEPARATOR = re.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+")
_FTS_UNUSUAL = re.compile(r"[\x00-\x1f\x21-\x2f\x3a-\x60\x7b-\x7f]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# sqlite3 looks for an adaptation of every None it binds, and finds none only after
# raising and swallowing an AttributeError: half a microsecond for each NULL, three a
# claim in an import. Adapting None to None (bound as NULL, as before) skips the search.
# The adapter table is the sqlite3 module's, process-wide; this entry changes nothing
# anyone else binds. ``{}.get`` is a C callable that returns None for any key.
_NO_ADAPTATION: dict[None, None] = {}
sqlite3.register_adapter(type(None), _NO_ADAPTATION.get)

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "claims, sources, links, judgements, suggestions, audit log, FTS5 index",
        """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    url TEXT, publisher TEXT, title TEXT, published TEXT, language TEXT
);
CREATE TABLE claims (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    lang TEXT,
    source_id INTEGER REFERENCES sources (id),
    claimant TEXT,
    attribution TEXT NOT NULL,
    status TEXT NOT NULL,
    confidence REAL CHECK (confidence BETWEEN 0 AND 1),
    note TEXT,
    evidence TEXT NOT NULL,
    tags TEXT NOT NULL,
    fact_checks TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    cluster TEXT NOT NULL,
    terms TEXT NOT NULL,
    fingerprint INTEGER NOT NULL,
    matched INTEGER NOT NULL
);
CREATE INDEX claims_unmatched ON claims (n) WHERE matched = 0;
CREATE INDEX claims_cluster ON claims (cluster);
CREATE INDEX claims_source ON claims (source_id);
CREATE INDEX claims_fingerprint ON claims (fingerprint);
CREATE INDEX claims_status ON claims (status, created_at);
CREATE TABLE links (
    a TEXT NOT NULL REFERENCES claims (id),
    b TEXT NOT NULL REFERENCES claims (id),
    origin TEXT NOT NULL,
    score REAL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
CREATE INDEX links_b ON links (b);
CREATE TABLE judgements (
    seq INTEGER PRIMARY KEY,
    a TEXT NOT NULL REFERENCES claims (id),
    b TEXT NOT NULL REFERENCES claims (id),
    verdict TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT,
    CHECK (a < b)
);
CREATE INDEX judgements_a ON judgements (a, b);
CREATE INDEX judgements_b ON judgements (b);
CREATE TABLE suggestions (
    claim_id TEXT NOT NULL REFERENCES claims (id),
    other_id TEXT NOT NULL REFERENCES claims (id),
    score REAL NOT NULL,
    relation TEXT NOT NULL,
    reasons TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (claim_id, other_id)
);
CREATE INDEX suggestions_other ON suggestions (other_id);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims (id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    version INTEGER,
    before TEXT,
    after TEXT
);
CREATE INDEX events_claim ON events (claim_id, seq);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER judgements_append_only BEFORE DELETE ON judgements
BEGIN SELECT RAISE(ABORT, 'judgements are never deleted'); END;
CREATE VIRTUAL TABLE claim_fts USING fts5 (
    terms, content = 'claims', content_rowid = 'n', tokenize = 'ascii', detail = none
);
CREATE VIRTUAL TABLE claim_vocab USING fts5vocab (claim_fts, 'row');
CREATE TRIGGER claims_index_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claim_fts (rowid, terms) VALUES (new.n, new.terms);
END;
CREATE TRIGGER claims_index_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claim_fts (claim_fts, rowid, terms) VALUES ('delete', old.n, old.terms);
END;
""",
    ),
    # Filled by _recount() once the script has run.
    (
        2,
        "index written per batch; document frequencies and index totals kept",
        """
DROP TRIGGER claims_index_insert;
CREATE TABLE claim_terms (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL CHECK (docs > 0)
) WITHOUT ROWID;
""",
    ),
    # No query reads claims by status or by source; each index cost every insert a
    # b-tree write (-10 % import time). Claims by time serve the queue's claims without
    # a repeat and the export order; time only grows, so that index is appended to.
    (
        3,
        "claims indexed by time instead of by status and by source",
        """
DROP INDEX claims_status;
DROP INDEX claims_source;
CREATE INDEX claims_created ON claims (created_at, id);
""",
    ),
    # Indexes an import writes to at random places cost it most. A claim alone in its
    # cluster (cluster = id, nearly all) needs no cluster entry: it is found by id. The
    # audit log is found by claim number, not id: an import's creation events come in the
    # claims' order, so their entries are appended. The table is rebuilt to hold the
    # numbers (an UPDATE would meet the append-only triggers, and NOT NULL needs it).
    (
        4,
        "cluster index of non-roots only; audit log indexed by claim number",
        """
DROP INDEX claims_cluster;
CREATE INDEX claims_cluster ON claims (cluster) WHERE cluster <> id;
CREATE TABLE events_by_number (
    seq INTEGER PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims (id),
    claim_n INTEGER NOT NULL REFERENCES claims (n),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    version INTEGER,
    before TEXT,
    after TEXT
);
INSERT INTO events_by_number (seq, claim_id, claim_n, at, actor, action, version, before, after)
SELECT e.seq, e.claim_id, c.n, e.at, e.actor, e.action, e.version, e.before, e.after
FROM events e LEFT JOIN claims c ON c.id = e.claim_id ORDER BY e.seq;
DROP TABLE events;
ALTER TABLE events_by_number RENAME TO events;
CREATE INDEX events_claim ON events (claim_n, seq);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
""",
    ),
    # The optional semantic extra (factreg.semantic): one sentence vector per claim, by
    # claim number, written in the claim's transaction. The encoder that made them is
    # the meta key ``semantic_model``. Empty (and never read) without the extra.
    (
        5,
        "claim vectors for the semantic extra",
        """
CREATE TABLE IF NOT EXISTS claim_vectors (
    n INTEGER PRIMARY KEY REFERENCES claims (n),
    vector BLOB NOT NULL
);
""",
    ),
    # Article URLs are compared in canonical form (factreg.urls): the stored keys are
    # recomputed, sources that are one article merged, fingerprints redone, by
    # rekey.rekey_sources once the scripts have run.
    (6, "article keys in canonical URL form", "SELECT 1;"),
)
LATEST_SCHEMA = MIGRATIONS[-1][0]


class SQLiteStore(SQLStore):
    """
    A registry in one SQLite file.
    """

    # The audit log is indexed by claim number (schema 4): each event carries it, looked
    # up from the id it is given (a lookup in pages the claim's insert just read).
    _EVENT_INSERT = (
        "INSERT INTO events (claim_id, claim_n, at, actor, action, version, before, after) "
        "VALUES (?1, (SELECT n FROM claims WHERE id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)"
    )
    _EVENTS_OF_CLAIM = "claim_n = (SELECT n FROM claims WHERE id = ?)"
    _EVENT_CLAIM_KEY = ("claim_n", "n")

    def __init__(
        self,
        path: Path,
        *,
        create: bool = True,
        wait: float | None = None,
        on_wait: WaitHook | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self.url = str(path)
        #: Seconds a write waits for one writer ahead of it (see the module docstring).
        self.wait = DEFAULT_WAIT if wait is None else wait
        self._on_wait = on_wait
        if not create and not path.exists() and str(path) != ":memory:":
            raise StoreError(f"no registry at {path} (import or add a claim to create one)")
        if path.exists() and path.is_dir():
            raise StoreError(f"{path} is a directory, not a registry file")
        if str(path) != ":memory:" and not path.parent.is_dir():
            raise StoreError(
                f"cannot create registry {path}: directory {path.parent} does not exist"
            )
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves.
            self._db = sqlite3.connect(
                path, timeout=self.wait, isolation_level=None, check_same_thread=False
            )
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open registry {path}: {exc}") from exc
        try:
            _refuse_foreign(self._db, path)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._set_busy_timeout(self.wait)
            mode = self._switch_to_wal()
            if mode != "wal" and str(path) != ":memory:":
                raise StoreError(f"{path}: cannot switch the database to WAL mode")
            # NORMAL is durable against a crash of the process; only a power cut can lose
            # the last transactions, never corrupt the file (WAL).
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            # Candidate scoring groups posting lists in a temporary b-tree: keep it in RAM.
            self._db.execute("PRAGMA temp_store = MEMORY")
        except sqlite3.DatabaseError as exc:
            self._db.close()
            if _busy(exc):
                raise self._busy_error() from exc
            if "not a database" in str(exc):
                raise StoreError(f"{path} is not a factreg registry: {exc}") from exc
            raise StoreError(f"cannot open registry {path}: {exc}") from exc
        except BaseException:
            self._db.close()
            raise
        # What the open transaction indexed and claim_terms and meta do not count yet.
        self._pending_terms: Counter[str] = Counter()
        self._pending_claims = 0
        self._pending_tokens = 0
        try:
            self._migrate()
        except BaseException:
            self._db.close()
            raise

    # -- connection plumbing --------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._guard(lambda: self._db.execute(sql, params).rowcount)

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._guard(lambda: self._db.executemany(sql, rows))

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._guard(lambda: self._db.execute(sql, params).fetchall())

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        cursor = self._guard(lambda: self._db.execute(sql, params))
        while rows := cursor.fetchmany(1000):
            yield from rows

    def _guard(self, call: Callable[[], _T]) -> _T:
        try:
            return call()
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"{self.path}: refused by the database: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def _begin_write(self) -> None:
        self._begin()

    def _rollback(self, handle: None) -> None:
        self._db.execute("ROLLBACK")
        self._forget_cache()

    def _commit(self, handle: None) -> None:
        try:
            self._flush_terms()
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._rollback(handle)
            raise StoreError(f"{self.path}: could not commit: {exc}") from exc
        except BaseException:
            self._rollback(handle)
            raise
        self._unwritten.clear()

    def _forget_cache(self) -> None:
        super()._forget_cache()
        self._pending_terms.clear()
        self._pending_claims = self._pending_tokens = 0

    def _begin(self) -> None:
        """
        ``BEGIN IMMEDIATE``, waiting for the write lock while other writers make progress.

        SQLite's busy handler waits in slices of :data:`WAIT_SLICE`; between slices the
        store looks whether another writer committed (``PRAGMA data_version``): if one
        did, the queue moves and the wait starts again; if none did for ``wait``
        seconds, the write gives up. Writes call ``on_wait`` when they start waiting.
        """
        if self._try_begin(min(FIRST_LOOK, self.wait)):
            return
        if self._on_wait is not None:
            self._on_wait()
        seen = self._data_version()
        deadline = time.monotonic() + self.wait
        while True:
            left = deadline - time.monotonic()
            if self._try_begin(max(0.0, min(WAIT_SLICE, left))):
                return
            version = self._data_version()
            if version != seen:  # another writer finished: our turn is nearer
                seen = version
                deadline = time.monotonic() + self.wait
            elif time.monotonic() >= deadline:
                raise self._busy_error()

    def _try_begin(self, timeout: float) -> bool:
        """
        Open the write transaction if the lock comes within ``timeout`` seconds.
        """
        self._set_busy_timeout(timeout)
        try:
            self._db.execute("BEGIN IMMEDIATE")
            return True
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                raise StoreError(f"{self.path}: {exc}") from exc
            # SQLite can answer "busy" at once (a writer that started before we looked):
            # do not spin.
            time.sleep(random.uniform(0.001, 0.01))
            return False
        finally:
            self._set_busy_timeout(self.wait)

    def _switch_to_wal(self) -> str:
        """
        ``PRAGMA journal_mode = WAL``, waiting while other processes hold the new file.

        Switching a new file takes its exclusive lock, which SQLite can refuse at once
        (its busy handler is not consulted once the pragma holds a read lock) while
        another process creating the same registry reads it: try again, within the wait.
        A mode other than WAL without an error (a file system without shared memory) is
        tried again only briefly.
        """
        start = time.monotonic()
        while True:
            try:
                mode = str(self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or time.monotonic() - start >= self.wait:
                    raise
            else:
                if mode in ("wal", "memory") or time.monotonic() - start >= min(self.wait, 1.0):
                    return mode
            time.sleep(random.uniform(0.005, 0.05))

    def _set_busy_timeout(self, seconds: float) -> None:
        self._db.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def _data_version(self) -> int:
        # Changes whenever another connection commits (reads never wait in WAL mode).
        return int(self._guard(lambda: self._db.execute("PRAGMA data_version").fetchone()[0]))

    def _busy_error(self) -> StoreError:
        return StoreError(
            f"{self.path} is busy: another process has held the write lock for "
            f"{self.wait:g} s without finishing; nothing was written (try again, or wait "
            "longer with --wait SECONDS or FACTREG_WAIT)"
        )

    # -- schema ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        # Only reads until a change is needed: opening an up-to-date registry never waits
        # for the write lock, and a new or old one is changed in a write transaction,
        # which waits its turn like any other.
        current = self._existing_schema()
        if current == LATEST_SCHEMA:
            return
        with self.transaction():
            current = self._existing_schema()  # as it is now that we hold the lock
            if current >= LATEST_SCHEMA:  # another process got there first
                return
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ')))"
            )
            for version, name, script in MIGRATIONS:
                if version > current:
                    try:
                        for statement in _statements(script):
                            self._db.execute(statement)
                    except sqlite3.DatabaseError as exc:
                        # E.g. audit events of a claim that is gone (schema 4 files them by
                        # its number): nothing is changed, the registry stays as it was.
                        raise StoreError(
                            f"{self.path}: cannot upgrade the registry to schema {version} "
                            f"({name}): {exc}"
                        ) from exc
                    self._db.execute(
                        "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                        (version, name),
                    )
            if current < 6:
                from factreg.store.rekey import rekey_sources  # migrations only

                rekey_sources(self)
            if current < 2:
                self._recount()
            if current < 1:
                self._set_meta("normalization", str(NORMALIZATION_VERSION))

    def _existing_schema(self) -> int:
        """
        The schema version of the file as it is (0: none yet).

        Raises:
            StoreError: the file is not a SQLite database, or it is busy beyond the wait.
            SchemaVersionError: a newer factreg wrote it.
        """
        try:
            tables = {
                name
                for (name,) in self._db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite%'"
                )
            }
            current = self._schema_version() if "schema_migrations" in tables else 0
        except sqlite3.DatabaseError as exc:
            if _busy(exc):
                raise self._busy_error() from exc
            raise StoreError(f"{self.path} is not a factreg registry: {exc}") from exc
        if tables and "schema_migrations" not in tables:
            # Someone else's database: never add factreg's tables to it.
            shown = ", ".join(sorted(tables)[:3]) + (", …" if len(tables) > 3 else "")
            raise StoreError(
                f"{self.path} is not a factreg registry: it holds other tables ({shown})"
            )
        if current > LATEST_SCHEMA:
            raise SchemaVersionError(
                f"{self.path} has schema version {current}; this factreg knows up to "
                f"{LATEST_SCHEMA}: upgrade factreg"
            )
        return current

    def _schema_version(self) -> int:
        row = self._db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- the candidate index --------------------------------------------------------------

    @contextmanager
    def _indexing(self, terms: Sequence[str]) -> Iterator[None]:
        # Rowids only grow and we hold the write lock: the new claims are those above
        # the largest rowid before the insert.
        top = self._query("SELECT MAX(n) FROM claims")[0][0] or 0
        yield
        self._execute(
            "INSERT INTO claim_fts (rowid, terms) SELECT n, terms FROM claims WHERE n > ?", (top,)
        )
        # Index terms are index_text's output, which the ascii tokenizer splits exactly
        # where str.split does (test_normalize pins it): no regex per claim.
        tokens = [t.split() for t in terms]
        # Document frequency: each term once per claim, counted in one C-level pass.
        self._pending_terms.update(itertools.chain.from_iterable(map(set, tokens)))
        self._pending_claims += len(tokens)
        self._pending_tokens += sum(map(len, tokens))
        # Outside a transaction (the Store contract says there is one) nothing else would
        # write the counts: write them now.
        if len(self._pending_terms) > PENDING_TERMS or not self._depth:
            self._flush_terms()

    def _flush_terms(self) -> None:
        """
        Add what this transaction indexed to ``claim_terms`` and the totals in ``meta``.
        """
        if not self._pending_claims:
            return
        # Sorted: the upserts then walk the b-tree in order.
        self._executemany(
            "INSERT INTO claim_terms (term, docs) VALUES (?, ?) "
            "ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs",
            sorted(self._pending_terms.items()),
        )
        self._executemany(
            "UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = ?",
            [(self._pending_claims, "indexed_claims"), (self._pending_tokens, "indexed_tokens")],
        )
        self._pending_terms.clear()
        self._pending_claims = self._pending_tokens = 0

    def _index_stats(self, terms: Sequence[str]) -> tuple[int, int, dict[str, int]]:
        """
        Claims and tokens indexed, and how many claims hold each of ``terms`` (if any).
        """
        counts: dict[str, int] = {}
        for chunk in _chunks(terms):
            counts.update(
                self._query(
                    f"SELECT term, docs FROM claim_terms WHERE term IN ({_marks(len(chunk))})",
                    chunk,
                )
            )
        if self._pending_claims:
            for term in terms:
                if self._pending_terms[term]:
                    counts[term] = counts.get(term, 0) + self._pending_terms[term]
        totals = dict(
            self._query(
                "SELECT key, CAST(value AS INTEGER) FROM meta "
                "WHERE key IN ('indexed_claims', 'indexed_tokens')"
            )
        )
        return (
            totals.get("indexed_claims", 0) + self._pending_claims,
            totals.get("indexed_tokens", 0) + self._pending_tokens,
            counts,
        )

    def document_frequencies(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        total, _, counts = self._index_stats(list(dict.fromkeys(terms)))
        return total, counts

    def candidates(self, terms: Sequence[str], limit: int) -> list[Candidate]:
        wanted = list(dict.fromkeys(itertools.chain.from_iterable(map(fts_terms, terms))))
        if not wanted or limit <= 0:
            return []
        docs, tokens, df = self._index_stats(wanted)
        present = [t for t in wanted if df.get(t)]
        if not present:
            return []
        size = limit * POOL_FACTOR
        cap = max(50, int(docs * MAX_TERM_SHARE))
        scoring = [t for t in present if df[t] <= cap]
        if scoring:
            # Rarest first (sorted is stable: equals keep the order given); read lists
            # until the budget is spent.
            read: list[str] = []
            postings = 0
            for term in sorted(scoring, key=lambda t: df[t]):
                cost = postings + df[term]
                if (
                    read
                    and cost > POSTINGS_BUDGET
                    and (len(read) >= MIN_QUERY_TERMS or cost > POSTINGS_CEILING)
                ):
                    break
                read.append(term)
                postings += df[term]
            pool = self._holding_any(read, {t: bm25_idf(docs, df[t]) for t in read}, size)
        else:
            # Every term is common ("the president said"): claims holding the rarest few
            # together. FTS5 intersects the posting lists without scoring each entry.
            scoring = sorted(present, key=lambda t: df[t])[:MIN_QUERY_TERMS]
            pool = []
            for k in range(len(scoring), 0, -1):
                if pool := self._holding_all(scoring[:k], size):
                    break
        ranked = _bm25(pool, scoring, docs, tokens, df)[:limit]
        if not ranked:
            return []
        rows = {
            r[-1]: r
            for r in self._query(
                f"SELECT {CLAIM_COLUMNS}, c.terms, c.n FROM {CLAIM_FROM} "
                f"WHERE c.n IN ({_marks(len(ranked))})",
                [n for _, _, n in ranked],
            )
        }
        return [
            candidate_from_row(rows[n], rows[n][-2], score) for score, _, n in ranked if n in rows
        ]

    def _holding_any(
        self,
        terms: Sequence[str],
        weights: dict[str, float],
        size: int,
    ) -> list[tuple[int, str, str]]:
        """
        ``(rowid, id, terms)`` of the ``size`` claims with the largest summed weight of
        ``terms`` they hold: one GROUP BY over their posting lists, no per-row scoring.
        """
        hits = " UNION ALL ".join(
            "SELECT rowid AS n, ? AS w FROM claim_fts WHERE claim_fts MATCH ?" for _ in terms
        )
        params: list[Any] = []
        for term in terms:
            params += [weights[term], _phrase(term)]
        return [
            (n, cid, text)
            for n, cid, text in self._query(
                f"WITH hits AS ({hits}), best AS (SELECT n, SUM(w) AS s FROM hits GROUP BY n "
                "ORDER BY s DESC, n LIMIT ?) "
                "SELECT c.n, c.id, c.terms FROM best JOIN claims c ON c.n = best.n",
                (*params, size),
            )
        ]

    def _holding_all(self, terms: Sequence[str], size: int) -> list[tuple[int, str, str]]:
        """
        ``(rowid, id, terms)`` of the newest ``size`` claims holding every one of ``terms``.
        """
        return [
            (n, cid, text)
            for n, cid, text in self._query(
                "SELECT c.n, c.id, c.terms FROM (SELECT rowid AS n FROM claim_fts "
                "WHERE claim_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f JOIN claims c ON c.n = f.n",
                (" AND ".join(_phrase(t) for t in terms), size),
            )
        ]

    # -- maintenance ----------------------------------------------------------------------

    def check(self) -> list[str]:
        problems = [
            f"integrity: {r[0]}" for r in self._query("PRAGMA integrity_check") if r[0] != "ok"
        ]
        problems += [
            f"foreign key: {table} row {rowid} points to a missing {parent}"
            for table, rowid, parent, _ in self._query("PRAGMA foreign_key_check")
        ]
        try:
            # rank = 1 also compares the index with the claims table (external content).
            self._db.execute(
                "INSERT INTO claim_fts (claim_fts, rank) VALUES ('integrity-check', 1)"
            )
        except sqlite3.DatabaseError as exc:
            problems.append(f"candidate index does not match the claims ({exc}): run reindex")
        problems += self._term_count_problems()
        stored = self._query("SELECT value FROM meta WHERE key = 'normalization'")
        if not stored or stored[0][0] != str(NORMALIZATION_VERSION):
            problems.append(
                f"candidate index was built with normalization "
                f"{stored[0][0] if stored else '?'}, this factreg uses {NORMALIZATION_VERSION}: "
                "run reindex"
            )
        return problems + self._audit_problems()

    def _term_count_problems(self, shown: int = 5) -> list[str]:
        """
        ``claim_terms`` and the totals in ``meta`` against the claims and the FTS5 index.
        """
        problems: list[str] = []
        claims, tokens = self._count_tokens()
        docs, indexed, _ = self._index_stats([])
        if (docs, indexed) != (claims, tokens):
            problems.append(
                f"index statistics count {docs} claims and {indexed} terms, the "
                f"claims have {claims} and {tokens}: run reindex"
            )
        # Both lists come out sorted by term (FTS5 keeps terms in memcmp order, and the
        # primary key in the same code-point order): one merge pass, no temporary table.
        vocab = self._stream("SELECT term, doc FROM claim_vocab WHERE doc > 0 ORDER BY term")
        kept = self._stream("SELECT term, docs FROM claim_terms ORDER BY term")
        wrong = 0
        mine, theirs = next(kept, None), next(vocab, None)
        while mine is not None or theirs is not None:
            if theirs is None or (mine is not None and mine[0] < theirs[0]):
                assert mine is not None
                (term, counted), expected = mine, 0
                mine = next(kept, None)
            elif mine is None or theirs[0] < mine[0]:
                (term, expected), counted = theirs, 0
                theirs = next(vocab, None)
            else:
                term, counted, expected = mine[0], mine[1], theirs[1]
                mine, theirs = next(kept, None), next(vocab, None)
            if counted != expected:
                wrong += 1
                if wrong <= shown:
                    problems.append(
                        f"index statistics say {counted} claims hold term "
                        f"{term!r}, the index has {expected}: run reindex"
                    )
        if wrong > shown:
            problems.append(f"… and {wrong - shown} more terms miscounted: run reindex")
        return problems

    def _count_tokens(self) -> tuple[int, int]:
        """
        Claims, and tokens in their stored terms, counted from the claims table.
        """
        claims = tokens = 0
        for (terms,) in self._stream("SELECT terms FROM claims"):
            claims += 1
            tokens += len(fts_terms(terms))
        return claims, tokens

    def _recount(self) -> None:
        """
        Rebuild ``claim_terms`` and the totals in ``meta`` from the FTS5 index and claims.
        """
        self._db.execute("DELETE FROM claim_terms")
        self._db.execute(
            "INSERT INTO claim_terms (term, docs) SELECT term, doc FROM claim_vocab WHERE doc > 0"
        )
        claims, tokens = self._count_tokens()
        self._set_meta("indexed_claims", str(claims))
        self._set_meta("indexed_tokens", str(tokens))
        self._pending_terms.clear()
        self._pending_claims = self._pending_tokens = 0

    def reindex(self) -> int:
        with self.transaction():
            count = 0
            last = 0
            while rows := self._query(
                "SELECT n, text, terms FROM claims WHERE n > ? ORDER BY n LIMIT ?",
                (last, CHUNK * 4),
            ):
                # Only changed rows are written: a second reindex rewrites nothing.
                changed = [
                    (new, n) for n, text, terms in rows if (new := index_text(text)) != terms
                ]
                if changed:
                    self._db.executemany("UPDATE claims SET terms = ? WHERE n = ?", changed)
                last = rows[-1][0]
                count += len(rows)
            self._db.execute("INSERT INTO claim_fts (claim_fts) VALUES ('rebuild')")
            self._recount()
            self._set_meta("normalization", str(NORMALIZATION_VERSION))
        return count

    @contextmanager
    def _read_snapshot(self) -> Iterator[None]:
        # A deferred transaction: in WAL mode its reads see one snapshot, and it takes no
        # write lock, so others keep writing.
        if self._depth:
            yield
            return
        self._guard(lambda: self._db.execute("BEGIN"))
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            self._db.execute("ROLLBACK")

    def _wipe(self) -> None:
        # The guards are dropped and put back as they were (their SQL read back from the
        # schema) inside the transaction: nobody else ever sees them gone.
        guards = self._query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name IN ('events', 'judgements', 'claims') AND name NOT LIKE '%insert%'"
        )
        for name, _ in guards:
            self._execute(f'DROP TRIGGER "{name}"')
        for table in ("suggestions", "links", "judgements", "events", "claims", "sources"):
            self._execute(f"DELETE FROM {table}")
        self._execute("INSERT INTO claim_fts (claim_fts) VALUES ('delete-all')")
        self._execute("DELETE FROM claim_terms")
        for key in ("indexed_claims", "indexed_tokens"):
            self._set_meta(key, "0")
        for _, sql in guards:
            self._execute(sql)
        self._forget_cache()

    def _restore_events(self, rows: Sequence[Sequence[Any]]) -> None:
        self._executemany(
            "INSERT INTO events (seq, claim_id, claim_n, at, actor, action, version, before, "
            "after) VALUES (?1, ?2, (SELECT n FROM claims WHERE id = ?2), ?3, ?4, ?5, ?6, ?7, ?8)",
            rows,
        )

    def backup(self, path: Path) -> None:
        if path.exists():
            raise StoreError(f"{path} exists: choose a new file for the backup")
        try:
            target = sqlite3.connect(path)
            with target:
                self._db.backup(target)
            target.close()
        except sqlite3.DatabaseError as exc:
            path.unlink(missing_ok=True)
            raise StoreError(f"backup to {path} failed: {exc}") from exc


def _refuse_foreign(db: sqlite3.Connection, path: Path) -> None:
    """
    Refuse an SQLite database that holds tables but not factreg's, before anything is
    written to it (even the switch to WAL mode rewrites its header): only an empty or
    missing file becomes a new registry.
    """
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name"
        )
    ]
    if names and "schema_migrations" not in names:
        db.close()
        shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
        raise StoreError(
            f"{path} is an SQLite database but not a factreg registry (it holds {shown}); "
            "nothing was changed: give --db a new file or an existing registry"
        )


def fts_terms(terms: str) -> list[str]:
    """
    The tokens FTS5's ``ascii`` tokenizer makes of ``terms`` (normally: its words).
    """
    if _FTS_UNUSUAL.search(terms) is None:
        return terms.split()
    return [t for t in _FTS_SEPARATOR.split(terms.translate(_ASCII_LOWER)) if t]


def _bm25(
    pool: Sequence[tuple[int, str, str]],
    terms: Sequence[str],
    docs: int,
    tokens: int,
    df: dict[str, int],
) -> list[tuple[float, str, int]]:
    """
    ``(score, id, rowid)`` for each claim of ``pool``, best first (ties by id).

    FTS5's ``-bm25()`` of the OR of ``terms``, computed as FTS5 computes it: same IDF,
    term frequencies, lengths in tokens and average length, same order of operations.
    """
    weighted = [(t, bm25_idf(docs, df[t])) for t in terms]
    wanted = set(terms)
    average = tokens / docs if docs else 1.0
    scored: list[tuple[float, str, int]] = []
    for n, cid, text in pool:
        words = fts_terms(text)
        held = wanted.intersection(words)
        length = float(len(words))
        score = 0.0
        # In query order, as FTS5 sums; a term the claim lacks adds exactly 0.0: skipped.
        for term, weight in weighted:
            if term in held:
                tf = float(words.count(term))
                score += weight * (
                    (tf * (BM25_K1 + 1.0))
                    / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / average))
                )
        scored.append((score, cid, n))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return scored


def _busy(exc: sqlite3.DatabaseError) -> bool:
    """
    Whether SQLite refused because another connection holds a lock.
    """
    text = str(exc)
    return "locked" in text or "busy" in text


def _phrase(term: str) -> str:
    # A quoted FTS5 string: a term holds no ASCII punctuation, so no quote to escape.
    return '"' + term + '"'


def _statements(script: str) -> list[str]:
    """
    Split a migration into statements (sqlite3.executescript would COMMIT on its own).
    """
    out: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    if pending.strip():
        out.append(pending.strip())
    return out
